import type { ReadStreamOptions, RecordedEvent, StreamRevision } from '@ejp/eventstore';

/**
 * Folded stream states kept between commands, so that a command on a long
 * stream (a giver's journey after hundreds of gives) reads and folds only
 * the events appended since it was last folded: the stream is read forward
 * from the cached revision + 1, never trusted as it is. Streams are append
 * only, so the cached state plus those events is exactly the fold of the
 * whole stream; the expected revision of the append still guards the
 * decision, as without a cache. When the forward read does not start at the
 * cached revision + 1 (a store that lost events), the whole stream is read.
 *
 * The states must not be mutated by `evolve` or `decide` (deciders are pure),
 * and they stay in memory until evicted: use it only for states that hold no
 * personal data (an erased employee's folded state would outlive the key).
 */

export interface StreamStateCacheOptions {
  /** Streams kept, least recently used out (default 10,000). */
  maxStreams?: number;
  /** Keep the ids of the stream's events too (the command handler's idempotency check needs them). */
  trackIds?: boolean;
  /** Events that mark the stream for good (the command handler's erasures): `marked` says whether one is in it. */
  marker?: (event: RecordedEvent) => boolean;
}

export interface FoldedStream<State> {
  state: State;
  /** Revision of the stream's last event; undefined while the stream does not exist. */
  revision: StreamRevision | undefined;
  /** Whether an event of this id is in the stream (only with trackIds; otherwise always false). */
  has(eventId: string): boolean;
  /** Whether an event the marker matches is in the stream (false without a marker). */
  marked: boolean;
}

interface Entry<State> {
  state: State;
  revision: StreamRevision;
  ids: Set<string> | undefined;
  marked: boolean;
}

type Reader = { readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> };
type Fold<State> = (recorded: readonly RecordedEvent[], state?: State) => State;

export class StreamStateCache<State> {
  readonly #entries = new Map<string, Entry<State>>();
  readonly #max: number;
  readonly #trackIds: boolean;
  readonly #marker: (event: RecordedEvent) => boolean;

  constructor(options: StreamStateCacheOptions = {}) {
    this.#max = options.maxStreams ?? 10_000;
    this.#trackIds = options.trackIds ?? false;
    this.#marker = options.marker ?? (() => false);
    if (!Number.isInteger(this.#max) || this.#max < 1) throw new RangeError(`maxStreams must be a whole number >= 1, not ${this.#max}`);
  }

  /** How many streams are cached. */
  get size(): number {
    return this.#entries.size;
  }

  /** The stream's current state: the cached one folded on with the events after it, or the whole stream. */
  async load(reader: Reader, stream: string, fold: Fold<State>): Promise<FoldedStream<State>> {
    const cached = this.#entries.get(stream);
    if (cached) {
      const next = cached.revision + 1n;
      const newer = await reader.readStream(stream, { fromRevision: next });
      if (newer.length === 0 || newer[0]!.revision === next) {
        if (newer.length === 0) return this.#answer(stream, cached);
        // Adding to the shared id set is safe: it only ever gains ids of events that are stored.
        for (const event of newer) cached.ids?.add(event.id);
        const marked = cached.marked || newer.some(this.#marker);
        return this.#answer(stream, { state: fold(newer, cached.state), revision: newer.at(-1)!.revision, ids: cached.ids, marked });
      }
    }
    const recorded = await reader.readStream(stream);
    const state = fold(recorded);
    const last = recorded.at(-1);
    if (!last) return { state, revision: undefined, has: () => false, marked: false };
    const ids = this.#trackIds ? new Set(recorded.map((event) => event.id)) : undefined;
    return this.#answer(stream, { state, revision: last.revision, ids, marked: recorded.some(this.#marker) });
  }

  /** Forgets a stream (after an append whose outcome is unknown, say). */
  forget(stream: string): void {
    this.#entries.delete(stream);
  }

  #answer(stream: string, entry: Entry<State>): FoldedStream<State> {
    const current = this.#entries.get(stream);
    // Concurrent commands may fold the same stream: keep the furthest state, never step back.
    if (!current || current.revision <= entry.revision) {
      this.#entries.delete(stream);
      this.#entries.set(stream, entry);
      if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    }
    const ids = entry.ids;
    return { state: entry.state, revision: entry.revision, has: (id) => ids?.has(id) ?? false, marked: entry.marked };
  }
}
