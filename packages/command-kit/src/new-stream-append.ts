import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { DuplicateEventIdError, type EventStore, type EventToAppend, type StreamRevision, WrongExpectedRevisionError } from '@ejp/eventstore';
import type { HandleOptions, HandleResult } from './command-handler.ts';
import type { Decider, TimedCommand } from './decider.ts';
import { commandEventId } from './deterministic-ids.ts';
import type { EventCodec } from './event-codec.ts';

/**
 * The optimistic path of a command whose stream must not exist yet (a
 * survey response, one stream per respondent): decide on the initial state
 * and append with `no-stream` at once, without reading the stream first.
 * Almost always the stream is indeed new, and this saves the read that found
 * it empty. Whenever the outcome is not certain it answers `undefined`, and
 * the handler takes its ordinary path (load, decide, append), which then
 * gives exactly the answer it always gave:
 *
 * - the stream exists (`WrongExpectedRevisionError`): a second submission
 *   (decided on the real state: the domain's 409) or a retry (replayed);
 * - `decide` refuses on the initial state, or decides nothing: the ordinary
 *   path decides on the real state, whose refusal is the one to give;
 * - with an Idempotency-Key the store answers a retry of an earlier append
 *   as a success (it compares ids, not content): the batch read back must
 *   be the very one encoded here, envelope included, or the ordinary path
 *   replays the first attempt (or refuses the reused key).
 */
export async function appendToNewStream<Command extends TimedCommand, State, Event, Context>(
  parts: { store: EventStore; decider: Decider<Command, State, Event>; codec: EventCodec<Event, Context> },
  command: Command,
  stream: string,
  handle: HandleOptions<Context>,
): Promise<HandleResult<State, Event> | undefined> {
  const { store, decider, codec } = parts;
  // A precondition (If-Match) is checked against the stream as read: the ordinary path.
  if (handle.expected !== undefined) return undefined;
  const state = decider.initialState();
  let events: Event[];
  try {
    events = decider.decide(command, state);
  } catch {
    return undefined;
  }
  if (events.length === 0) return undefined;
  const toAppend = encodeDecided(codec, command, stream, events, handle);
  let appended: Awaited<ReturnType<EventStore['appendToStream']>>;
  try {
    appended = await store.appendToStream(stream, toAppend, { expectedRevision: 'no-stream' });
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError) return undefined;
    throw error;
  }
  if (handle.idempotencyKey !== undefined) {
    const stored = await store.readStream(stream, { fromRevision: 0n, maxCount: toAppend.length });
    const ours = toAppend.every((event, i) => stored[i]?.id === event.id && isDeepStrictEqual(stored[i]?.data, event.data) && isDeepStrictEqual(stored[i]?.metadata, event.metadata));
    if (!ours) return undefined;
  }
  return appendedResult(decider, stream, state, events, toAppend, appended.nextExpectedRevision);
}

/** The decided events as stored events: ids from the Idempotency-Key (else random), at the command's instant. */
export function encodeDecided<Command extends TimedCommand, Event, Context>(
  codec: EventCodec<Event, Context>,
  command: Command,
  stream: string,
  events: readonly Event[],
  handle: HandleOptions<Context>,
): EventToAppend[] {
  const key = handle.idempotencyKey;
  const occurredAt = command.metadata?.now ?? new Date();
  return events.map((event, i) => codec.encode(event, { ...handle.context, id: key === undefined ? randomUUID() : commandEventId(stream, key, i), occurredAt }));
}

/** The handler's answer for events it just appended, the last at `last`. */
export function appendedResult<State, Event>(
  decider: Pick<Decider<never, State, Event>, 'evolve'>,
  stream: string,
  state: State,
  events: readonly Event[],
  appended: readonly EventToAppend[],
  last: StreamRevision,
): HandleResult<State, Event> {
  const first = last - BigInt(events.length - 1);
  return {
    stream,
    state: events.reduce((current, event) => decider.evolve(current, event), state),
    events: events.map((event, i) => ({ id: appended[i]!.id, type: appended[i]!.type, revision: first + BigInt(i), event })),
    revision: last,
    replayed: false,
  };
}
