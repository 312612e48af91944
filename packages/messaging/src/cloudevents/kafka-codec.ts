import { type Envelope, envelopeSchema, eventCatalogue, JourneyStreams, type StreamCategories, streamCategories } from '@ejp/contracts';
import { CloudEvent, type CloudEventV1 } from 'cloudevents';
import type { JourneyEnvelope } from '../envelope.ts';
import type { OutgoingMessage } from '../kafka/kafka-client.ts';

/**
 * The one mapping between a journey envelope and a Kafka message, both ways:
 * CloudEvents 1.0 in Kafka binary mode. Decoding validates with the SDK's
 * CloudEvent class and the contracts' envelope schema; encoding maps a typed
 * envelope and is checked against the SDK by tests (see `toKafkaMessage`).
 * The stream categories (contracts) say which streams are published and what
 * the subject of each is; `kafkaCodecOf(categories)` is the mapping for a
 * given registry, and the functions exported below use the platform's.
 *
 *   envelope              CloudEvents attribute   Kafka
 *   eventId               id                      ce_id
 *   (catalogue source)    source                  ce_source        /ejp/<service>
 *   type                  type                    ce_type
 *   subject of the stream subject                 ce_subject, and the message key (the category's subjectOf)
 *   stream                stream                  ce_stream        (journey-<employeeId>, survey-<id>, ...)
 *   occurredAt            time                    ce_time          (normalized to UTC)
 *   version               dataversion             ce_dataversion
 *   revision              streamrevision          ce_streamrevision
 *   globalPosition        globalposition          ce_globalposition
 *   correlationId         correlationid           ce_correlationid
 *   causationId           causationid             ce_causationid
 *   traceparent           traceparent             ce_traceparent   (when present)
 *   actor.id / actor.kind actorid / actorkind     ce_actorid / ce_actorkind
 *   recordedAt            recordedat              ce_recordedat
 *   type + version        dataschema              ce_dataschema    (<base>/schemas/events/<type>.v<version>.json, served by the relay)
 *   data                  data                    value (JSON), content-type: application/json
 */

/** Extension attribute names (CloudEvents: lower-case letters and digits only). */
export const CE_EXTENSIONS = {
  stream: 'stream',
  dataVersion: 'dataversion',
  streamRevision: 'streamrevision',
  globalPosition: 'globalposition',
  correlationId: 'correlationid',
  causationId: 'causationid',
  traceparent: 'traceparent',
  actorId: 'actorid',
  actorKind: 'actorkind',
  recordedAt: 'recordedat',
} as const;

/**
 * Where the relay serves the JSON Schema of each event type and version
 * (`GET /schemas/events/<type>.v<version>.json`, next to `/asyncapi.json`),
 * when no base is configured: the relay's name in compose and Kubernetes.
 */
export const DEFAULT_DATASCHEMA_BASE = 'http://relay:3000';

/** The `dataschema` of an event type and version under a base URL: the relay's route for the generated JSON Schema file. */
export function dataSchemaOf(base: string, type: string, version: number): string {
  return `${base.replace(/\/+$/, '')}/schemas/events/${type}.v${version}.json`;
}

/** Fallback `source` for types the catalogue does not name a service for. */
export const DEFAULT_CE_SOURCE = '/ejp/journey';

/** Not a CloudEvent of a platform stream: unpublishable, or undecodable (dead-lettered, never retried). */
export class NotAJourneyEventError extends Error {
  override name = 'NotAJourneyEventError';
}

/** The CloudEvents `source` of an event type: the service that appends it. */
export function sourceOf(type: string): string {
  const service = eventCatalogue.has(type) ? eventCatalogue.definition(type).source : undefined;
  return service ? `/ejp/${service}` : DEFAULT_CE_SOURCE;
}

const UTC_MILLIS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** The time in the one form a round trip preserves (what appendMetadata writes: toISOString). */
function utcTime(iso: string): string {
  return UTC_MILLIS.test(iso) ? iso : new Date(iso).toISOString();
}

/** Kafka headers as clients hand them over (kafkajs may repeat a name as a list). */
export type KafkaHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/** What a consumer gets from a Kafka client: key, value and headers, as buffers or strings. */
export interface KafkaRecord {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: KafkaHeaders;
}

export type CloudEventKafkaMessage = OutgoingMessage & { key: string; headers: Record<string, string> };

/** The CloudEvents mapping for one registry of stream categories. */
export interface KafkaCodec {
  /**
   * The CloudEvents attributes of an envelope, as strings: THE mapping, used by
   * both the SDK object (`toCloudEvent`) and the Kafka headers (`toKafkaMessage`).
   * The stream's category gives the subject; a stream of no declared category,
   * or of one that is not published, never leaves the store.
   */
  cloudEventAttributes(envelope: JourneyEnvelope): Record<string, string>;
  /** Envelope -> the SDK's CloudEvent, validated (throws ValidationError on a non-conforming attribute). */
  toCloudEvent(envelope: JourneyEnvelope): CloudEvent<Envelope['data']>;
  /**
   * Envelope -> Kafka message, binary mode: key = the subject, one `ce_<name>`
   * header per attribute, `content-type: application/json`, the data as the
   * JSON value.
   *
   * The relay's hot path does not build the SDK's CloudEvent: its constructor
   * and ajv validation cost ~8 µs a message, more than half of what the relay
   * adds to a bare producer (benchmarks-relay.md), to re-check attributes that
   * come from a typed envelope. Instead, a test builds every catalogue event
   * both ways and requires these headers to equal the SDK-validated
   * `toCloudEvent` attributes and to pass `Kafka.toEvent` + validation; and
   * every consumer validates on decode (`fromKafkaMessage`).
   *
   * Nor the SDK's `Kafka.binary`: it does not map cleanly (unset attributes as
   * `undefined` headers, `ce_partitionkey` next to the key, `ce_datacontenttype`
   * next to `content-type`, the value left an object, the Kafka timestamp set to
   * the event time, which would let retention delete a back-dated event early)
   * and costs another ~15 µs a message.
   */
  toKafkaMessage(envelope: JourneyEnvelope): CloudEventKafkaMessage;
  /**
   * Kafka message -> envelope. Throws (ValidationError, ZodError or
   * NotAJourneyEventError) for anything that is not a platform CloudEvent: the
   * consumer runtime dead-letters such messages without retrying them. The
   * `ce_*` headers are read back into a CloudEvent (which validates them
   * against the spec), then into the envelope (which validates the envelope
   * fields with the contracts' zod schema). The stream comes from `ce_stream`
   * (see `streamOfMessage`).
   */
  fromKafkaMessage(record: KafkaRecord): JourneyEnvelope;
}

export interface KafkaCodecOptions {
  /** Absolute base URL of the relay that serves the event JSON Schemas (default DEFAULT_DATASCHEMA_BASE). */
  dataSchemaBase?: string;
}

export function kafkaCodecOf(categories: StreamCategories, options: KafkaCodecOptions = {}): KafkaCodec {
  const dataSchemaBase = options.dataSchemaBase ?? DEFAULT_DATASCHEMA_BASE;
  const cloudEventAttributes = (envelope: JourneyEnvelope): Record<string, string> => {
    const category = categories.of(envelope.stream);
    if (!category) throw new NotAJourneyEventError(`stream ${envelope.stream} belongs to no declared stream category`);
    if (!category.published) throw new NotAJourneyEventError(`stream ${envelope.stream}: ${category.name} streams are not published`);
    const x = CE_EXTENSIONS;
    return {
      specversion: '1.0',
      id: envelope.eventId,
      source: sourceOf(envelope.type),
      type: envelope.type,
      subject: category.subjectOf(envelope.stream),
      time: utcTime(envelope.occurredAt),
      dataschema: dataSchemaOf(dataSchemaBase, envelope.type, envelope.version),
      [x.stream]: envelope.stream,
      [x.dataVersion]: String(envelope.version),
      [x.streamRevision]: envelope.revision,
      [x.globalPosition]: envelope.globalPosition,
      [x.correlationId]: envelope.correlationId,
      [x.causationId]: envelope.causationId,
      ...(envelope.traceparent === undefined ? {} : { [x.traceparent]: envelope.traceparent }),
      [x.actorId]: envelope.actor.id,
      [x.actorKind]: envelope.actor.kind,
      [x.recordedAt]: envelope.recordedAt,
    };
  };
  return {
    cloudEventAttributes,
    toCloudEvent(envelope) {
      const attributes = cloudEventAttributes(envelope);
      return new CloudEvent({ ...attributes, datacontenttype: 'application/json', data: envelope.data, partitionkey: attributes.subject });
    },
    toKafkaMessage(envelope) {
      const attributes = cloudEventAttributes(envelope);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      for (const name in attributes) headers[`ce_${name}`] = attributes[name]!;
      const message = { key: attributes.subject!, value: Buffer.from(JSON.stringify(envelope.data)), headers };
      // A day-precision stream (anonymous survey responses) must not get the relay's clock as its Kafka timestamp.
      if (categories.of(envelope.stream)?.timestampPrecision === 'day') return { ...message, timestamp: String(Date.parse(envelope.recordedAt)) };
      return message;
    },
    fromKafkaMessage: (record) => decode(record, categories),
  };
}

/** The platform's mapping: every stream category declared in contracts. */
const platformCodec = kafkaCodecOf(streamCategories);
export const { cloudEventAttributes, toCloudEvent, toKafkaMessage, fromKafkaMessage } = platformCodec;

/** Kafka headers -> strings; a repeated header keeps its last value. */
export function headersAsStrings(headers: KafkaHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    if (value !== undefined) out[name] = value.toString();
  }
  return out;
}

function decode(record: KafkaRecord, categories: StreamCategories): JourneyEnvelope {
  const headers = headersAsStrings(record.headers);
  if (record.value === null) throw new NotAJourneyEventError('message has no value (tombstone)');
  if (headers.ce_id === undefined) throw new NotAJourneyEventError('message carries no ce_id header (not a binary-mode CloudEvent)');
  const contentType = headers['content-type'];
  if (contentType === undefined || !contentType.startsWith('application/json')) {
    throw new NotAJourneyEventError(`content-type ${contentType ?? '(none)'} is not application/json`);
  }
  const attributes: Record<string, unknown> = { datacontenttype: contentType, data: JSON.parse(record.value.toString()) };
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('ce_')) attributes[name.slice(3)] = value;
  }
  const event = new CloudEvent<Record<string, unknown>>(attributes as CloudEventV1<Record<string, unknown>>);
  const ext = event as unknown as Record<string, unknown>;
  const x = CE_EXTENSIONS;
  const subject = event.subject;
  if (!subject) throw new NotAJourneyEventError('ce_subject is missing');
  if (record.key !== null && record.key.toString() !== subject) {
    throw new NotAJourneyEventError(`message key ${record.key.toString()} differs from ce_subject ${subject}`);
  }
  const traceparent = ext[x.traceparent];
  return envelopeSchema.parse({
    eventId: event.id,
    type: event.type,
    version: Number(ext[x.dataVersion]),
    stream: streamOfMessage(ext[x.stream], subject, categories),
    revision: ext[x.streamRevision],
    globalPosition: ext[x.globalPosition],
    occurredAt: event.time,
    recordedAt: ext[x.recordedAt],
    actor: { id: ext[x.actorId], kind: ext[x.actorKind] },
    correlationId: ext[x.correlationId],
    causationId: ext[x.causationId],
    ...(traceparent === undefined ? {} : { traceparent }),
    data: event.data,
  });
}

/**
 * The stream of a decoded message. `ce_stream` names it; a message of a
 * declared category must have that stream's subject, so a forged or mixed-up
 * header is refused. A stream of a category this build does not declare (a
 * newer service's) is taken as named, as an unknown event type is: handlers
 * skip what they do not know, where a dead letter would only hide it.
 * Messages published before `ce_stream` existed are all journey events: their
 * stream is the journey stream of the subject.
 */
function streamOfMessage(header: unknown, subject: string, categories: StreamCategories): string {
  if (header === undefined) return JourneyStreams.streamOf(subject);
  if (typeof header !== 'string' || header.length === 0) throw new NotAJourneyEventError('ce_stream is empty');
  const category = categories.of(header);
  if (category && category.subjectOf(header) !== subject) {
    throw new NotAJourneyEventError(`ce_subject ${subject} is not the subject of ce_stream ${header}`);
  }
  return header;
}
