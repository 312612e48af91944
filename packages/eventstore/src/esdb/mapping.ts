import {
  type AllStreamResolvedEvent,
  ANY,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData,
  NO_STREAM,
  type Position,
  type ResolvedEvent,
  STREAM_EXISTS,
} from '@eventstore/db-client';
import type {
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  JsonObject,
  RecordedEvent,
  StreamRevision,
} from '../port.ts';

/**
 * Pure conversions between the port and `@eventstore/db-client`. Everything
 * that knows the client's types lives in `src/esdb/`, so that moving to
 * `@kurrent/kurrentdb-client` touches this folder only.
 */

/** What stream reads and $all reads return. */
export type AnyResolvedEvent = ResolvedEvent | AllStreamResolvedEvent;

/** The port's expectations map one to one onto the client's constants. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no-stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return expected;
  }
}

/**
 * The stream's revision as a WrongExpectedVersionError reports it. The client
 * says `no_stream`, or -1 on some code paths, when the stream does not exist.
 */
export function fromEsdbCurrentRevision(current: CurrentRevision | bigint): StreamRevision | 'no-stream' {
  if (current === NO_STREAM) return 'no-stream';
  return typeof current === 'bigint' && current >= 0n ? current : 'no-stream';
}

/**
 * An ESDB position is (commit, prepare): byte offsets in the transaction log.
 * Appends over gRPC write implicitly committed records, for which the server
 * reports commit == prepare == the record's own log position, so the commit
 * position alone identifies an event and orders $all. (Only events written
 * by the legacy TCP explicit-transaction API share a commit position; this
 * adapter never writes them.)
 */
export function fromEsdbPosition(position: Position): GlobalPosition {
  return position.commit;
}

/** Rebuilds an exact log position from a commit position (see fromEsdbPosition). */
export function toEsdbPosition(position: GlobalPosition): Position {
  if (position < 0n) throw new RangeError(`position must not be negative, got ${position}`);
  return { commit: position, prepare: position };
}

/** Positions cross JSON (checkpoints, HTTP) as decimal strings: 64-bit values do not fit a JSON number. */
export function positionToString(position: GlobalPosition): string {
  return position.toString(10);
}

export function parsePosition(text: unknown): GlobalPosition {
  if (typeof text !== 'string' || !/^\d{1,20}$/.test(text)) throw new Error(`not a serialized position: ${JSON.stringify(text)}`);
  return BigInt(text);
}

/** A validated batch event as the client's JSON event (metadata always an object, as the SQL adapters store it). */
export function toEventData(event: EventToAppend): EventData {
  return { id: event.id, contentType: 'application/json', type: event.type, data: event.data, metadata: event.metadata ?? {} };
}

/** Stream and type of a resolved event, before the cost of a full conversion (for filtering). */
export function headerOf(resolved: AnyResolvedEvent): { streamName: string; type: string } | undefined {
  const event = resolved.event;
  return event ? { streamName: event.streamId, type: event.type } : undefined;
}

/**
 * Converts what the client read. Returns undefined for a link whose target
 * is gone (no `event`). Stream reads carry the event's log position since
 * server 22.6; $all reads also carry `commitPosition` on the resolved event.
 */
export function toRecordedEvent(resolved: AnyResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  const commit = event.position?.commit ?? resolved.commitPosition;
  if (commit === undefined) {
    throw new Error(`EventStoreDB reported no position for event ${event.id} (the adapter needs server 22.6 or newer)`);
  }
  return {
    id: event.id.toLowerCase(),
    type: event.type,
    data: asJsonObject(event.data),
    metadata: isJsonObject(event.metadata) ? event.metadata : {},
    streamName: event.streamId,
    revision: event.revision,
    position: commit,
    recordedAt: event.created,
  };
}

/**
 * This adapter writes JSON objects only; events written by other tools may
 * carry binary or non-object JSON data, which is wrapped rather than dropped
 * so that a subscriber does not fail on them.
 */
function asJsonObject(data: unknown): JsonObject {
  if (isJsonObject(data)) return data;
  if (data instanceof Uint8Array) return { $binary: Buffer.from(data).toString('base64') };
  return { $value: (data ?? null) as JsonObject[string] };
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** The port's maxCount: undefined (no limit) or a non-negative integer, checked like the SQL adapters do. */
export function checkMaxCount(maxCount: number | undefined): number | undefined {
  if (maxCount === undefined) return undefined;
  if (!Number.isInteger(maxCount) || maxCount < 0) throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  return maxCount;
}
