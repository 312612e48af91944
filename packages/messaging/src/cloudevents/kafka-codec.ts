import { type Envelope, employeeIdOfStream, envelopeSchema, eventCatalogue, journeyStream } from '@ejp/contracts';
import { CloudEvent, type CloudEventV1 } from 'cloudevents';
import type { IHeaders, Message } from 'kafkajs';
import type { JourneyEnvelope } from '../envelope.ts';

/**
 * The one mapping between a journey envelope and a Kafka message, both ways:
 * CloudEvents 1.0 in Kafka binary mode. Decoding validates with the SDK's
 * CloudEvent class and the contracts' envelope schema; encoding maps a typed
 * envelope and is checked against the SDK by tests (see `toKafkaMessage`).
 *
 *   envelope              CloudEvents attribute   Kafka
 *   eventId               id                      ce_id
 *   (catalogue source)    source                  ce_source        /ejp/<service>
 *   type                  type                    ce_type
 *   employee id           subject                 ce_subject, and the message key
 *   occurredAt            time                    ce_time          (normalized to UTC)
 *   version               dataversion             ce_dataversion
 *   revision              streamrevision          ce_streamrevision
 *   globalPosition        globalposition          ce_globalposition
 *   correlationId         correlationid           ce_correlationid
 *   causationId           causationid             ce_causationid
 *   traceparent           traceparent             ce_traceparent   (when present)
 *   actor.id / actor.kind actorid / actorkind     ce_actorid / ce_actorkind
 *   recordedAt            recordedat              ce_recordedat
 *   data                  data                    value (JSON), content-type: application/json
 */

/** Extension attribute names (CloudEvents: lower-case letters and digits only). */
export const CE_EXTENSIONS = {
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

/** Fallback `source` for types the catalogue does not name a service for. */
export const DEFAULT_CE_SOURCE = '/ejp/journey';

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

/**
 * The CloudEvents attributes of an envelope, as strings: THE mapping, used by
 * both the SDK object (`toCloudEvent`) and the Kafka headers (`toKafkaMessage`).
 */
export function cloudEventAttributes(envelope: JourneyEnvelope): Record<string, string> {
  const employeeId = employeeIdOfStream(envelope.stream);
  if (!employeeId) throw new NotAJourneyEventError(`stream ${envelope.stream} is not a journey-<employeeId> stream`);
  const x = CE_EXTENSIONS;
  return {
    specversion: '1.0',
    id: envelope.eventId,
    source: sourceOf(envelope.type),
    type: envelope.type,
    subject: employeeId,
    time: utcTime(envelope.occurredAt),
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
}

/** Envelope -> the SDK's CloudEvent, validated (throws ValidationError on a non-conforming attribute). */
export function toCloudEvent(envelope: JourneyEnvelope): CloudEvent<Envelope['data']> {
  const attributes = cloudEventAttributes(envelope);
  return new CloudEvent({ ...attributes, datacontenttype: 'application/json', data: envelope.data, partitionkey: attributes.subject });
}

/**
 * Envelope -> Kafka message, binary mode: key = employee id, one `ce_<name>`
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
export function toKafkaMessage(envelope: JourneyEnvelope): Message & { key: string; headers: Record<string, string> } {
  const attributes = cloudEventAttributes(envelope);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const name in attributes) headers[`ce_${name}`] = attributes[name]!;
  return { key: attributes.subject!, value: Buffer.from(JSON.stringify(envelope.data)), headers };
}

/** What a consumer gets from kafkajs: key, value and headers as buffers. */
export interface KafkaRecord {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: IHeaders;
}

/** Kafka headers -> strings; a repeated header keeps its last value. */
export function headersAsStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    if (value !== undefined) out[name] = value.toString();
  }
  return out;
}

/**
 * Kafka message -> envelope. Throws (ValidationError, ZodError or
 * NotAJourneyEventError) for anything that is not a journey CloudEvent: the
 * consumer runtime dead-letters such messages without retrying them. The
 * `ce_*` headers are read back into a CloudEvent (which validates them
 * against the spec), then into the envelope (which validates the journey
 * fields with the contracts' zod schema).
 */
export function fromKafkaMessage(record: KafkaRecord): JourneyEnvelope {
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
  if (!subject) throw new NotAJourneyEventError('ce_subject (employee id) is missing');
  if (record.key !== null && record.key.toString() !== subject) {
    throw new NotAJourneyEventError(`message key ${record.key.toString()} differs from ce_subject ${subject}`);
  }
  const traceparent = ext[x.traceparent];
  return envelopeSchema.parse({
    eventId: event.id,
    type: event.type,
    version: Number(ext[x.dataVersion]),
    stream: journeyStream(subject),
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
