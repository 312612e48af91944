import { ACTOR_KINDS, type EventCatalogue, eventCatalogue, PERSONAL_DATA_SCOPE, PERSONAL_FIELD_SETS, type StreamCategories, streamCategories, unpublishedEventTypes } from '@ejp/contracts';
import { z } from 'zod';
import { CE_EXTENSIONS, sourceOf } from '../cloudevents/kafka-codec.ts';
import { DEFAULT_JOURNEY_TOPIC } from '../envelope.ts';
import { DEAD_LETTER_HEADERS } from '../consumer/dead-letter.ts';
import { deadLetterTopicOf } from '../topics.ts';
import { encryptedFieldSchema, encryptPersonalFields } from './personal-fields.ts';

export interface AsyncApiOptions {
  topic?: string;
  partitions?: number;
  replicationFactor?: number;
  catalogue?: EventCatalogue;
  /** The stream categories the relay publishes; they give the key, `ce_subject` and `ce_stream` (default: the platform's). */
  categories?: StreamCategories;
}

type Json = Record<string, unknown>;

/**
 * The AsyncAPI 3.0 document of the journey lifecycle topic, generated from
 * the event catalogue's zod schemas: one message per event type AND version
 * (the relay publishes events as stored; old versions are upcast by readers),
 * the CloudEvents binary-mode headers, the key, and the dead-letter topic.
 *
 * Payloads use JSON Schema draft-07 (`z.toJSONSchema(..., { target: 'draft-7' })`)
 * rather than the catalogue's draft 2020-12 files, because AsyncAPI's schema
 * format is a draft-07 superset and the parser accepts no later draft.
 */
export function asyncApiDocument(options: AsyncApiOptions = {}): Json {
  const topic = options.topic ?? DEFAULT_JOURNEY_TOPIC;
  const catalogue = options.catalogue ?? eventCatalogue;
  const streams = publishedStreams(options.categories ?? streamCategories);
  const messages: Json = {};
  const channelMessages: Json = {};
  for (const { definition, version, schema } of catalogue.entries()) {
    if (unpublishedEventTypes.has(definition.type)) continue;
    const id = `${definition.type}.v${version}`;
    const { $schema: _, ...payload } = z.toJSONSchema(schema, { target: 'draft-7' }) as Json;
    messages[id] = {
      name: definition.type,
      title: `${definition.title} (v${version})`,
      ...(definition.description === undefined ? {} : { summary: definition.description }),
      contentType: 'application/json',
      headers: cloudEventHeaders(definition.type, version, sourceOf(definition.type), streams),
      payload: {
        schemaFormat: 'application/schema+json;version=draft-07',
        schema: { ...encryptPersonalFields(payload), 'x-event-type': definition.type, 'x-event-version': version },
      },
      correlationId: { description: 'Shared by every event of one request flow', location: '$message.header#/ce_correlationid' },
      bindings: { kafka: { key: { type: 'string', description: `The subject of the event's stream, the <id> of <category>-<id>: ${streams.subjects}` }, bindingVersion: '0.5.0' } },
      ...(definition.stage === undefined ? {} : { tags: [{ name: `stage:${definition.stage}` }] }),
    };
    channelMessages[id] = { $ref: `#/components/messages/${id}` };
  }
  const channelBinding = {
    topic,
    ...(options.partitions === undefined ? {} : { partitions: options.partitions }),
    ...(options.replicationFactor === undefined ? {} : { replicas: options.replicationFactor }),
    bindingVersion: '0.5.0',
  };
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Employee Journey Platform: lifecycle events',
      version: '1.0.0',
      description: [
        'Every event of a published stream of the event store, published by the relay as a CloudEvent 1.0 in Kafka binary mode.',
        `Streams published: ${streams.list}.`,
        `Key = \`ce_subject\` = the subject of the event's stream (${streams.subjects}): one stream's events are in order on one partition; nothing else is ordered.`,
        '`ce_stream` names the stream; a message without it (published before it existed) is of the journey stream of its `ce_subject`.',
        'Delivery is at least once: deduplicate by `ce_id`, or skip `ce_streamrevision` <= the last one applied per `ce_stream`.',
        'Personal fields are encrypted per employee (crypto-shredding) and stay encrypted on Kafka.',
        `A consumer that needs them (an IT bot creating accounts on \`journey.employee.hired\`) asks the onboarding service for them by employee id: \`GET /employees/{ce_subject}/personal-details?purpose=<why>\` with a service-account token whose \`scope\` names a field set (${fieldSetList()}). It answers only that set, decrypted; every request, refused ones included, is recorded in the audit trail (\`privacy.personal-data.requested\`, who, which fields, why); after \`journey.employee.erased\` it answers 410, and the consumer deletes what it holds.`,
        '`ce_dataschema` links the JSON Schema of the event type and version, served by the relay at `/schemas/events/<type>.v<version>.json` next to this document.',
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    channels: {
      journeyLifecycle: {
        address: topic,
        title: 'Journey lifecycle events',
        messages: channelMessages,
        bindings: { kafka: channelBinding },
      },
      journeyLifecycleDeadLetters: {
        address: deadLetterTopicOf(topic),
        title: 'Dead letters of the journey lifecycle topic',
        description: 'Messages a consumer gave up on after retries, and events the relay could not map, with the reason.',
        messages: { deadLetter: { $ref: '#/components/messages/deadLetter' } },
        bindings: { kafka: { ...channelBinding, topic: deadLetterTopicOf(topic) } },
      },
    },
    operations: {
      publishJourneyEvents: {
        action: 'send',
        title: 'The relay publishes each stored journey event once it is in the event store',
        channel: { $ref: '#/channels/journeyLifecycle' },
        messages: Object.keys(channelMessages).map((id) => ({ $ref: `#/channels/journeyLifecycle/messages/${id}` })),
      },
      deadLetterJourneyEvents: {
        action: 'send',
        channel: { $ref: '#/channels/journeyLifecycleDeadLetters' },
        messages: [{ $ref: '#/channels/journeyLifecycleDeadLetters/messages/deadLetter' }],
      },
    },
    components: {
      messages: { ...messages, deadLetter: deadLetterMessage() },
      schemas: { EncryptedField: encryptedFieldSchema },
    },
  };
}

const decimal = { type: 'string', pattern: '^(0|[1-9][0-9]*)$' };

/** How the published categories read in the document: the only place it says what a key or a stream is. */
interface PublishedStreams {
  /** `journey-<id>` (One employee's journey...), ... */
  list: string;
  /** the employee id in `journey-<id>` streams; ... */
  subjects: string;
  /** Matches a stream of a published category. */
  pattern: string;
}

function publishedStreams(categories: StreamCategories): PublishedStreams {
  const published = categories.all().filter((category) => category.published);
  return {
    list: published.map((c) => `\`${c.prefix}<id>\` (${c.description.replace(/\.$/, '')})`).join(', '),
    subjects: published.map((c) => `${c.idDescription} in \`${c.prefix}<id>\` streams`).join('; '),
    // Prefixes are `<lower-case word>-`, so they need no escaping.
    pattern: `^(${published.map((c) => c.prefix).join('|')}).+$`,
  };
}

/** `personal-data:contact` (givenName, familyName, email), ...: the sets contracts declare. */
function fieldSetList(): string {
  return Object.entries(PERSONAL_FIELD_SETS).map(([set, fields]) => `\`${PERSONAL_DATA_SCOPE}:${set}\` gives ${fields.join(', ')}`).join('; ');
}

function cloudEventHeaders(type: string, version: number, source: string, streams: PublishedStreams): Json {
  const x = CE_EXTENSIONS;
  const properties: Json = {
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: { type: 'string', format: 'uuid', description: 'Event id; unique, stable across redeliveries' },
    ce_source: { type: 'string', const: source, description: 'The service that appended the event' },
    ce_type: { type: 'string', const: type },
    ce_subject: { type: 'string', description: `The subject of the event's stream (${streams.subjects}); equals the message key` },
    ce_time: { type: 'string', format: 'date-time', description: 'When it happened (UTC)' },
    ce_dataschema: { type: 'string', format: 'uri', description: 'The JSON Schema of this type and version: <relay>/schemas/events/<type>.v<version>.json' },
    'content-type': { type: 'string', const: 'application/json' },
    [`ce_${x.stream}`]: {
      type: 'string',
      pattern: streams.pattern,
      description: 'The stream the event was appended to; absent on messages published before it existed, which are all journey events',
    },
    [`ce_${x.dataVersion}`]: { type: 'string', const: String(version), description: 'Version of the data schema' },
    [`ce_${x.streamRevision}`]: { ...decimal, description: 'Zero-based revision in the stream: order and dedup key' },
    [`ce_${x.globalPosition}`]: { ...decimal, description: 'Position in the event store (store-wide order)' },
    [`ce_${x.correlationId}`]: { type: 'string', description: 'Id of the request flow the event belongs to' },
    [`ce_${x.causationId}`]: { type: 'string', description: 'Id of the command or event that caused it' },
    [`ce_${x.traceparent}`]: { type: 'string', description: 'W3C Trace Context of the command that caused it' },
    [`ce_${x.actorId}`]: { type: 'string', description: 'Who caused it' },
    [`ce_${x.actorKind}`]: { type: 'string', enum: [...ACTOR_KINDS] },
    [`ce_${x.recordedAt}`]: { type: 'string', format: 'date-time', description: 'When the event store recorded it' },
  };
  // ce_stream, ce_dataschema: messages relayed before they existed are still on the topic.
  const optional = new Set([`ce_${x.traceparent}`, `ce_${x.stream}`, 'ce_dataschema']);
  return { type: 'object', properties, required: Object.keys(properties).filter((k) => !optional.has(k)) };
}

function deadLetterMessage(): Json {
  const h = DEAD_LETTER_HEADERS;
  return {
    name: 'deadLetter',
    title: 'Dead letter',
    summary: 'The original key, value and headers, plus why and where it failed',
    headers: {
      type: 'object',
      properties: {
        [h.error]: { type: 'string' },
        [h.attempts]: decimal,
        [h.topic]: { type: 'string' },
        [h.partition]: decimal,
        [h.offset]: decimal,
        [h.consumerGroup]: { type: 'string' },
      },
      required: [h.error, h.attempts],
    },
    payload: { description: 'The original message value, unchanged' },
  };
}
