import { decideAppend, type StoredPlace } from '../append-rules.ts';
import { WrongExpectedRevisionError } from '../errors.ts';
import type { AppendResult, EventToAppend, ExpectedRevision, StreamRevision } from '../port.ts';

/**
 * How an append finds out whether its event ids are already stored.
 * EventStoreDB has no index of event ids (its own idempotence is per stream,
 * and for 'any'/'exists' only for recent writes), so the adapter brings one:
 *
 * - 'index' (default): before appending, each id is claimed in a stream of
 *   its own, `$ejp-event-id-<id>` (expected: no stream; data: the owning
 *   stream). A claim held by another stream is a DuplicateEventIdError. When
 *   every claim is new, no event with these ids can be stored, and nothing
 *   is read; otherwise (a retry) the stream is searched. Exact per the port
 *   for events appended in this mode; costs one small write per event.
 * - 'stream': no index; the whole stream is read for the batch's ids before
 *   every append (O(stream length)). An id reused in another stream is not
 *   detected.
 * - 'expected-place': no index; only where the expectation puts the batch is
 *   read (revision expected+1, or 0 for 'no-stream'; 'any' and 'exists' read
 *   the whole stream). Retries are recognised however long after; an id
 *   reused elsewhere, in this stream or another, is not detected.
 */
export type DuplicateIdCheck = 'index' | 'stream' | 'expected-place';

export type LookupScope = 'expected-place' | 'whole-stream';

/** What the append flow needs from the store, so that it can be tested without a server. */
export interface AppendSteps {
  /**
   * Claims the batch's ids for this stream ('index' mode): 'new' when every
   * claim was created now, 'seen' when some id was claimed for this stream
   * before. Throws DuplicateEventIdError for an id claimed by another stream.
   */
  claim(): Promise<'new' | 'seen'>;
  /** Places of the batch's ids in this stream, looking at `scope` only. */
  findStored(scope: LookupScope): Promise<StoredPlace[]>;
  /** Sends the append; 'conflict' when the server rejected the expectation, with the stream's actual revision. */
  send(): Promise<AppendResult | { conflict: StreamRevision | 'no-stream' }>;
}

export function lookupScope(expected: ExpectedRevision, check: DuplicateIdCheck): LookupScope {
  const placeIsKnown = expected === 'no-stream' || typeof expected === 'bigint';
  return check === 'expected-place' && placeIsKnown ? 'expected-place' : 'whole-stream';
}

/**
 * Idempotent append on EventStoreDB.
 *
 * 1. Find out whether the batch's ids are stored (see DuplicateIdCheck); if
 *    any is, the shared rules (`decideAppend`) answer the first call's
 *    result or throw DuplicateEventIdError, and nothing is sent.
 * 2. Otherwise send the append with the mapped expectation.
 * 3. On a conflict, search the whole stream: a concurrent retry of this batch
 *    may have won the race (answer its result), or the ids may be stored
 *    where the expectation does not put them (DuplicateEventIdError). Only
 *    then is it a WrongExpectedRevisionError.
 *
 * The server's own idempotence helps where we cannot look atomically: with
 * an exact revision or 'no-stream' it re-reads the stream and answers a
 * retry with the original result however old; with 'any'/'exists' it only
 * knows recent ids. Steps 1 and 2 are not atomic (no transaction spans a
 * read and a write); step 3 and the server's checks close the window, except
 * for two *different* batches sharing an id appended concurrently with 'any'
 * without the index.
 */
export async function appendIdempotently(
  stream: string,
  batch: readonly EventToAppend[],
  expected: ExpectedRevision,
  check: DuplicateIdCheck,
  steps: AppendSteps,
): Promise<AppendResult> {
  const stored =
    check !== 'index' ? await steps.findStored(lookupScope(expected, check))
    : (await steps.claim()) === 'seen' ? await steps.findStored('whole-stream')
    : [];
  if (stored.length > 0) return alreadyAppended(stream, batch, expected, stored);
  const outcome = await steps.send();
  if (!('conflict' in outcome)) return outcome;
  const storedNow = await steps.findStored('whole-stream');
  if (storedNow.length > 0) return alreadyAppended(stream, batch, expected, storedNow);
  throw new WrongExpectedRevisionError(stream, expected, outcome.conflict);
}

function alreadyAppended(
  stream: string,
  batch: readonly EventToAppend[],
  expected: ExpectedRevision,
  stored: readonly StoredPlace[],
): AppendResult {
  // With stored ids `decideAppend` never looks at the head revision: it answers the retry or throws.
  const decision = decideAppend(stream, batch, expected, undefined, stored);
  if (decision.kind !== 'already-appended') throw new Error('unreachable: stored ids always decide a retry');
  return decision.result;
}
