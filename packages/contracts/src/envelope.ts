import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ACTOR_KINDS } from './vocabulary.ts';

/** JSON as stored by the event store (structurally the same as the event-store port's type). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const actorSchema = z.strictObject({
  id: z.string().min(1).max(200),
  kind: z.enum(ACTOR_KINDS),
});
export type Actor = z.output<typeof actorSchema>;

/**
 * W3C Trace Context `traceparent`: version-traceid-parentid-flags, lower-case
 * hex. Version ff and all-zero ids are invalid; version 00 allows nothing
 * after the flags, a future version may append fields (the spec asks readers
 * to accept them).
 */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

export function isValidTraceparent(value: string): boolean {
  const m = TRACEPARENT.exec(value);
  if (!m) return false;
  const [, version, traceId, parentId, , suffix] = m;
  if (version === 'ff') return false;
  if (version === '00' && suffix !== undefined) return false;
  return !/^0+$/.test(traceId!) && !/^0+$/.test(parentId!);
}

export const traceparentSchema = z
  .string()
  .regex(TRACEPARENT)
  .refine(isValidTraceparent, { message: 'invalid W3C traceparent' });

/** Correlation ids may come from callers (request ids), so they are bounded strings, not necessarily UUIDs. */
const messageIdSchema = z.string().min(1).max(200);

/** Revisions and positions are 64-bit; they cross JSON as decimal strings. */
const uint64String = z.string().regex(/^(0|[1-9]\d*)$/, 'a non-negative integer as a decimal string');

/**
 * What the writer records next to the data of every appended event (the port's
 * `metadata`). Not strict: adapters or later versions may add keys; readers ignore them.
 */
export const appendMetadataSchema = z.object({
  version: z.int().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  actor: actorSchema,
  correlationId: messageIdSchema,
  causationId: messageIdSchema,
  traceparent: traceparentSchema.optional(),
});
export type AppendMetadata = z.output<typeof appendMetadataSchema>;

/** A recorded event with everything a consumer needs, in JSON form (CloudEvents maps from this). */
export const envelopeSchema = z.strictObject({
  eventId: z.uuid(),
  type: z.string().min(1),
  version: z.int().min(1),
  stream: z.string().min(1),
  revision: uint64String,
  globalPosition: uint64String,
  occurredAt: z.iso.datetime({ offset: true }),
  recordedAt: z.iso.datetime({ offset: true }),
  actor: actorSchema,
  correlationId: messageIdSchema,
  causationId: messageIdSchema,
  traceparent: traceparentSchema.optional(),
  data: z.record(z.string(), z.unknown()),
});
export type Envelope = z.output<typeof envelopeSchema>;

/** Who and what caused the event: supplied by the command handler from the request. */
export interface CausationContext {
  actor: Actor;
  /** Id of the request/flow the event belongs to; shared by every event it causes downstream. */
  correlationId: string;
  /** Id of the command or event that directly caused this one. */
  causationId: string;
  traceparent?: string;
  /** Defaults to now. */
  occurredAt?: Date;
}

/** Metadata for one append, validated so that a bad actor or traceparent never reaches the store. */
export function appendMetadata(version: number, context: CausationContext): AppendMetadata & JsonObject {
  const metadata = appendMetadataSchema.parse({
    version,
    occurredAt: (context.occurredAt ?? new Date()).toISOString(),
    actor: context.actor,
    correlationId: context.correlationId,
    causationId: context.causationId,
    ...(context.traceparent === undefined ? {} : { traceparent: context.traceparent }),
  });
  return metadata as AppendMetadata & JsonObject;
}

/** A new event id. Retried commands must reuse the ids of the first attempt, so callers may pass their own. */
export function newEventId(): string {
  return randomUUID();
}

/** The fields of a stored event, as the event-store port returns them (structural, so no dependency on it). */
export interface RecordedEventLike {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  streamName: string;
  revision: bigint;
  position: bigint;
  recordedAt: Date;
}

/** The envelope of a stored event; throws (ZodError) when its metadata was not written by `appendMetadata`. */
export function envelopeOf(event: RecordedEventLike): Envelope {
  const { version, occurredAt, actor, correlationId, causationId, traceparent } = appendMetadataSchema.parse(event.metadata);
  return envelopeSchema.parse({
    eventId: event.id,
    type: event.type,
    version,
    stream: event.streamName,
    revision: event.revision.toString(),
    globalPosition: event.position.toString(),
    occurredAt,
    recordedAt: event.recordedAt.toISOString(),
    actor,
    correlationId,
    causationId,
    ...(traceparent === undefined ? {} : { traceparent }),
    data: event.data,
  });
}
