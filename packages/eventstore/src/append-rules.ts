import { DuplicateEventIdError, InvalidAppendError, WrongExpectedRevisionError } from './errors.ts';
import type { AppendResult, EventToAppend, ExpectedRevision, GlobalPosition, StreamRevision } from './port.ts';

/**
 * The append rules shared by the SQL adapters, as pure functions: an adapter
 * looks up the batch's ids and the stream's last revision inside its write
 * transaction, and `decideAppend` says what to do. Keeping this in one place
 * is what makes SQLite and PostgreSQL behave identically.
 */

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validates a batch and returns it with ids lower-cased (EventStoreDB and PostgreSQL `uuid` return them so). */
export function validateAppend(
  stream: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): EventToAppend[] {
  if (typeof stream !== 'string' || stream.length === 0) throw new InvalidAppendError('stream name must be non-empty');
  if (!Array.isArray(events) || events.length === 0) throw new InvalidAppendError(`stream ${stream}: nothing to append`);
  if (typeof expected === 'bigint' ? expected < 0n : !['no-stream', 'exists', 'any'].includes(expected)) {
    throw new InvalidAppendError(`stream ${stream}: invalid expected revision ${String(expected)}`);
  }
  const seen = new Set<string>();
  return events.map((event) => {
    if (typeof event.id !== 'string' || !uuidPattern.test(event.id)) {
      throw new InvalidAppendError(`stream ${stream}: event id ${String(event.id)} is not a UUID`);
    }
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new InvalidAppendError(`stream ${stream}: event id ${id} appears twice in one append`);
    seen.add(id);
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new InvalidAppendError(`stream ${stream}: event ${id} has no type`);
    }
    if (!isPlainObject(event.data)) throw new InvalidAppendError(`stream ${stream}: event ${id} data is not an object`);
    if (event.metadata !== undefined && !isPlainObject(event.metadata)) {
      throw new InvalidAppendError(`stream ${stream}: event ${id} metadata is not an object`);
    }
    return { id, type: event.type, data: event.data, metadata: event.metadata ?? {} };
  });
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where an id of the batch is already stored. */
export interface StoredPlace {
  id: string;
  stream: string;
  revision: StreamRevision;
  position: GlobalPosition;
}

export type AppendDecision =
  | { kind: 'append'; firstRevision: StreamRevision }
  | { kind: 'already-appended'; result: AppendResult };

/**
 * @param current revision of the stream's last event, undefined when the stream does not exist
 * @param stored where ids of this batch are already stored (any order)
 */
export function decideAppend(
  stream: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  current: StreamRevision | undefined,
  stored: readonly StoredPlace[],
): AppendDecision {
  if (stored.length > 0) return { kind: 'already-appended', result: sameBatchAgain(stream, events, expected, stored) };
  checkExpected(stream, expected, current);
  return { kind: 'append', firstRevision: current === undefined ? 0n : current + 1n };
}

function checkExpected(stream: string, expected: ExpectedRevision, current: StreamRevision | undefined): void {
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && current === undefined) ||
    (expected === 'exists' && current !== undefined) ||
    (typeof expected === 'bigint' && current === expected);
  if (!ok) throw new WrongExpectedRevisionError(stream, expected, current ?? 'no-stream');
}

/**
 * A retry is recognised when every id is stored, in this stream, at
 * consecutive revisions in batch order, and where the original append with
 * the same expectation would have put them. It answers the first call's
 * result however much was appended since. Anything else is a reused id.
 */
function sameBatchAgain(
  stream: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  stored: readonly StoredPlace[],
): AppendResult {
  const byId = new Map(stored.map((place) => [place.id, place]));
  const first = byId.get(events[0]!.id);
  events.forEach((event, i) => {
    const place = byId.get(event.id);
    if (!place) throw new DuplicateEventIdError(stored[0]!.id, `stream ${stream}: only part of the batch is stored`);
    if (place.stream !== stream) {
      throw new DuplicateEventIdError(event.id, `stored in stream ${place.stream}, appended to ${stream}`);
    }
    if (!first || place.revision !== first.revision + BigInt(i)) {
      throw new DuplicateEventIdError(event.id, `stream ${stream}: stored at revision ${place.revision} out of batch order`);
    }
  });
  const firstRevision = first!.revision;
  const wouldStartAt =
    expected === 'no-stream' ? firstRevision === 0n
    : expected === 'exists' ? firstRevision > 0n
    : expected === 'any' ? true
    : firstRevision === expected + 1n;
  if (!wouldStartAt) {
    throw new DuplicateEventIdError(
      first!.id,
      `stream ${stream}: stored from revision ${firstRevision}, not where expected revision ${String(expected)} puts it`,
    );
  }
  const last = byId.get(events[events.length - 1]!.id)!;
  return { nextExpectedRevision: last.revision, position: last.position };
}
