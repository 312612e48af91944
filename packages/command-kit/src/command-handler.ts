import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { erasureTypes, streamCategories } from '@ejp/contracts';
import {
  DuplicateEventIdError,
  type EventStore,
  type EventToAppend,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamRevision,
  SubjectErasedError,
  WrongExpectedRevisionError,
} from '@ejp/eventstore';
import { withCommandSpan } from './command-telemetry.ts';
import type { Decider, TimedCommand } from './decider.ts';
import { commandEventId } from './deterministic-ids.ts';
import type { EventCodec } from './event-codec.ts';
import { appendedResult, appendToNewStream, encodeDecided } from './new-stream-append.ts';
import { type FoldedStream, StreamStateCache, type StreamStateCacheOptions } from './stream-state-cache.ts';

/**
 * The generic command handler: load the command's stream, fold `evolve`,
 * `decide`, append with the expected revision. It knows the event-store port,
 * a decider and a codec, nothing about HTTP or a particular domain.
 */

export interface HandleOptions<Context> {
  /** Envelope metadata of the events this command causes (actor, correlation...). */
  context: Context;
  /** Makes the command idempotent: same key, same stream → same event ids, and a retry returns the first result. */
  idempotencyKey?: string | undefined;
  /**
   * The caller's precondition (HTTP If-Match): the stream's current revision
   * must be one of these, or the stream must exist. When it does not hold,
   * WrongExpectedRevisionError is thrown and nothing is retried.
   */
  expected?: 'exists' | readonly StreamRevision[] | undefined;
}

export interface HandledEvent<Event> {
  id: string;
  type: string;
  revision: StreamRevision;
  event: Event;
}

export interface HandleResult<State, Event> {
  /** The stream the command was decided on. */
  stream: string;
  /** The state right after this command's events (for a replay: after the first attempt's events). */
  state: State;
  events: HandledEvent<Event>[];
  /** Revision of the stream's last event as of this command; undefined while the stream does not exist. */
  revision: StreamRevision | undefined;
  /** True when the idempotency key matched an earlier append: nothing was appended now. */
  replayed: boolean;
}

/** The idempotency key was used before on this stream for a command with other effects. */
export class IdempotencyKeyReusedError extends Error {
  override name = 'IdempotencyKeyReusedError';
  readonly code = 'EJP_IDEMPOTENCY_KEY_REUSED';
}

export interface CommandHandlerOptions<Command, State, Event, Context> {
  store: EventStore;
  decider: Decider<Command, State, Event>;
  codec: EventCodec<Event, Context>;
  /**
   * The stream a command is decided on and appends to (Emmett's mapToStreamId):
   * one command, one stream, so whatever must hold under concurrency lives in it.
   */
  streamOf(command: Command): string;
  /** Extra attempts after a concurrency conflict when the caller gave no precondition (default 3). */
  maxRetries?: number;
  /**
   * Event types that erase the stream's subject (default: the platform
   * catalogue's `erasesSubject` types). A command on a stream holding one is
   * refused with SubjectErasedError (410) before it is decided, whatever it
   * would record: nobody acts on a person who asked to be forgotten.
   */
  erasureTypes?: readonly string[];
  /**
   * Keep folded states between commands and read each stream forward from
   * the cached revision only (see StreamStateCache): for long streams whose
   * state holds no personal data. Off by default.
   */
  stateCache?: Omit<StreamStateCacheOptions, 'trackIds' | 'marker'>;
  /**
   * Commands whose stream must not exist yet (one stream per response):
   * appended with `no-stream` without reading the stream first; the stream
   * is loaded and the command decided only when that append conflicts (see
   * new-stream-append.ts). Same answers, one read fewer. Off by default.
   */
  createsStream?: (command: Command) => boolean;
}

/**
 * The event store, read only: what a route reads facts from before deciding
 * (the settings a rule needs, whether the other employees a command names are
 * still hired). Those streams are not guarded by the append: only the
 * command's own stream is.
 */
export interface EventReader {
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
}

export interface CommandHandler<Command, State, Event, Context> {
  handle(command: Command, options: HandleOptions<Context>): Promise<HandleResult<State, Event>>;
  /** The stream `handle` would use for this command. */
  streamOf(command: Command): string;
  /** The current state and revision of a stream (Emmett's aggregateStream); `erased` when its subject was erased. */
  load(stream: string): Promise<{ state: State; revision: StreamRevision | undefined; erased: boolean }>;
  /** The handler's store, read only (through the same decorators, e.g. decryption). */
  readonly events: EventReader;
}

/**
 * Stored events folded into a decider's state, as `load` does it; types the
 * codec does not know are skipped. For facts from other streams a route
 * loads before deciding (`events.readStream`, then fold with that stream's decider).
 */
export function foldEvents<State, Event>(
  decider: Pick<Decider<never, State, Event>, 'evolve' | 'initialState'>,
  codec: Pick<EventCodec<Event, unknown>, 'decode'>,
  recorded: readonly RecordedEvent[],
  state: State = decider.initialState(),
): State {
  return recorded.reduce((current, stored) => {
    const event = codec.decode(stored);
    return event === undefined ? current : decider.evolve(current, event);
  }, state);
}

export function createCommandHandler<Command extends TimedCommand, State, Event, Context>(
  options: CommandHandlerOptions<Command, State, Event, Context>,
): CommandHandler<Command, State, Event, Context> {
  const { store, decider, codec, streamOf } = options;
  const maxRetries = options.maxRetries ?? 3;
  const erasures = new Set(options.erasureTypes ?? erasureTypes());
  const erasing = (event: RecordedEvent) => erasures.has(event.type);

  const fold = (recorded: readonly RecordedEvent[], state = decider.initialState()): State => foldEvents(decider, codec, recorded, state);
  const cache = options.stateCache && new StreamStateCache<State>({ ...options.stateCache, trackIds: true, marker: erasing });

  /** The stream's state and revision, whether an event id is in it and whether it was erased: from the cache and the events after it, or the whole stream. */
  async function loadStream(stream: string): Promise<FoldedStream<State>> {
    if (cache) return cache.load(store, stream, fold);
    const recorded = await store.readStream(stream);
    const ids = new Set(recorded.map((event) => event.id));
    return { state: fold(recorded), revision: recorded.at(-1)?.revision, has: (id) => ids.has(id), marked: recorded.some(erasing) };
  }

  async function attempt(command: Command, stream: string, handle: HandleOptions<Context>): Promise<HandleResult<State, Event>> {
    const { idempotencyKey: key } = handle;
    const loaded = await loadStream(stream);
    if (key !== undefined && loaded.has(commandEventId(stream, key, 0))) {
      // A retry: rare, so the whole stream is read to find the state the first attempt decided on.
      const recorded = await store.readStream(stream);
      const at = recorded.findIndex((event) => event.id === commandEventId(stream, key, 0));
      if (at >= 0) return replay(command, stream, handle, recorded, at);
    }
    if (loaded.marked) throw new SubjectErasedError(streamCategories.of(stream)?.subjectOf(stream) ?? stream);
    const { state, revision } = loaded;
    checkPrecondition(stream, handle.expected, revision);
    const events = decider.decide(command, state);
    if (events.length === 0) return { stream, state, events: [], revision, replayed: false };

    const toAppend = encodeDecided(codec, command, stream, events, handle);
    const result = await store.appendToStream(stream, toAppend, { expectedRevision: revision ?? 'no-stream' });
    // A twin request with the same key may have won the race with another body: the store
    // answers it as a retry (it compares ids, not content), so compare the content here.
    if (key !== undefined) await checkStoredAsDecided(stream, toAppend, result.nextExpectedRevision - BigInt(events.length - 1));
    return appendedResult(decider, stream, state, events, toAppend, result.nextExpectedRevision);
  }

  /**
   * The key's first event is stored at `at`: decide the command again on the
   * state the first attempt saw, at the instant it recorded, and check that it
   * yields the stored events. Same command → the first result; else the key was reused.
   */
  function replay(command: Command, stream: string, handle: HandleOptions<Context>, recorded: RecordedEvent[], at: number): HandleResult<State, Event> {
    const key = handle.idempotencyKey!;
    const original = recorded[at]!;
    const recordedAt = new Date(String(original.metadata.occurredAt ?? ''));
    // Events written by other tools may lack occurredAt; the command's own clock is the best guess then.
    const occurredAt = Number.isNaN(recordedAt.getTime()) ? (command.metadata?.now ?? new Date()) : recordedAt;
    const then = { ...command, metadata: { ...command.metadata, now: occurredAt } } as Command;
    const before = fold(recorded.slice(0, at));
    let events: Event[];
    try {
      events = decider.decide(then, before);
    } catch (error) {
      throw new IdempotencyKeyReusedError(`stream ${stream}: key ${key} was used for a different command`, { cause: error });
    }
    const stored = recorded.slice(at, at + events.length);
    const same =
      events.length > 0 &&
      stored.length === events.length &&
      recorded[at + events.length]?.id !== commandEventId(stream, key, events.length) &&
      events.every((event, i) => {
        const id = commandEventId(stream, key, i);
        const encoded = codec.encode(event, { ...handle.context, id, occurredAt });
        return stored[i]!.id === id && stored[i]!.type === encoded.type && isDeepStrictEqual(stored[i]!.data, encoded.data);
      });
    if (!same) throw new IdempotencyKeyReusedError(`stream ${stream}: key ${key} was used for a different command`);
    return {
      stream,
      state: fold(stored, before),
      events: stored.map((s, i) => ({ id: s.id, type: s.type, revision: s.revision, event: events[i]! })),
      revision: stored.at(-1)!.revision,
      replayed: true,
    };
  }

  async function checkStoredAsDecided(stream: string, appended: EventToAppend[], first: StreamRevision): Promise<void> {
    const stored = await store.readStream(stream, { fromRevision: first, maxCount: appended.length });
    const same = appended.every((event, i) => stored[i]?.id === event.id && isDeepStrictEqual(stored[i]?.data, event.data));
    if (!same) throw new IdempotencyKeyReusedError(`stream ${stream}: a concurrent command with the same key stored other events`);
  }

  return {
    streamOf,
    events: { readStream: (stream, options) => store.readStream(stream, options) },
    async handle(command, handle) {
      const stream = streamOf(command);
      return withCommandSpan(command, stream, handle.expected, async (span) => {
        if (options.createsStream?.(command)) {
          const created = await appendToNewStream({ store, decider, codec }, command, stream, handle);
          if (created) return created;
        }
        for (let retry = 0; ; retry++) {
          try {
            return await attempt(command, stream, handle);
          } catch (error) {
            // A conflict means someone appended between our read and our append: decide
            // again on the new state. Not when the caller pinned a revision (If-Match):
            // their precondition no longer holds, and only they can decide what now.
            // A duplicate id under a key is a twin request that won: the next read replays it.
            const conflict =
              (error instanceof WrongExpectedRevisionError && handle.expected === undefined) ||
              (error instanceof DuplicateEventIdError && handle.idempotencyKey !== undefined);
            if (!conflict || retry >= maxRetries) throw error;
            span.retried();
            // Jitter, so that writers racing for the same stream do not collide again in lockstep.
            await sleep(Math.floor(Math.random() * 5 * (retry + 1)));
          }
        }
      });
    },
    async load(stream) {
      const { state, revision, marked } = await loadStream(stream);
      return { state, revision, erased: marked };
    },
  };
}

function checkPrecondition(stream: string, expected: HandleOptions<unknown>['expected'], current: StreamRevision | undefined): void {
  if (expected === undefined) return;
  const holds = expected === 'exists' ? current !== undefined : current !== undefined && expected.includes(current);
  if (!holds) throw new WrongExpectedRevisionError(stream, expected === 'exists' ? 'exists' : (expected[0] ?? 'exists'), current ?? 'no-stream');
}
