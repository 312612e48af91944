import { AsyncLocalStorage } from 'node:async_hooks';
import type { GlobalPosition, ReadAllOptions, RecordedEvent, SubscribeToAllOptions, Subscription } from '../port.ts';
import type { ChangeSignal } from './change-signal.ts';

/** What a catch-up subscription needs from a store. */
export interface CatchUpSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  signal: ChangeSignal;
  /** Upper bound on how long a live subscription waits before reading again without a signal. */
  pollIntervalMs: number;
  /** Events read per query while catching up. */
  batchSize: number;
  /**
   * The last position stored, where the store can promise that no position
   * at or below it will still commit (SQLite: one writer, positions handed
   * out in commit order). Read before a page; after a short page the
   * subscription then moves on to it, so that with a filter few events match
   * (a scheduler following one stream category) the next read starts at the
   * head instead of scanning again everything after the last match.
   */
  headPosition?(): Promise<GlobalPosition | undefined>;
}

/** Marks handler calls, so that stop() called from inside a handler does not wait for itself. */
const insideHandler = new AsyncLocalStorage<object>();

/**
 * One loop serves catch-up and live delivery: read a page after the last
 * delivered position, deliver it, and when the page was short wait for a
 * signal (or the poll interval) and read again. There is no separate "live"
 * stream to splice onto the catch-up, so the switch has no seam where an
 * event could be lost or doubled. Correctness rests on the store's promise
 * that readAll never returns a position while a smaller one is still
 * uncommitted (see README, "The gap problem").
 */
export function startCatchUp(source: CatchUpSource, options: SubscribeToAllOptions): Subscription {
  const token = {};
  let stopped = false;
  let wake: (() => void) | undefined;

  const waitForChange = (seenVersion: number): Promise<void> => {
    if (source.signal.version !== seenVersion || stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(finish, source.pollIntervalMs);
      const unsubscribe = source.signal.onChange(finish);
      wake = finish;
      function finish() {
        clearTimeout(timer);
        unsubscribe();
        wake = undefined;
        resolve();
      }
    });
  };

  const run = async () => {
    let after = options.after;
    while (!stopped) {
      const seenVersion = source.signal.version;
      const head = await source.headPosition?.();
      const page = await source.readAll({ after, maxCount: source.batchSize, filter: options.filter });
      for (const event of page) {
        if (stopped) return;
        await insideHandler.run(token, () => options.handler(event));
        after = event.position;
      }
      if (page.length < source.batchSize) {
        // Nothing else up to the head matched the filter: the next read starts there.
        if (head !== undefined && (after === undefined || head > after)) after = head;
        await waitForChange(seenVersion);
      }
    }
  };

  const done = run().then(
    () => undefined,
    (error: unknown) => {
      stopped = true;
      try {
        options.onError?.(error);
      } catch {
        // An onError that throws must not turn `done` into a rejection nobody awaits.
      }
    },
  );

  return {
    done,
    stop() {
      stopped = true;
      wake?.();
      // Awaiting `done` from inside our own handler would deadlock: the loop ends once the handler returns.
      return insideHandler.getStore() === token ? Promise.resolve() : done;
    },
  };
}

/** Keeps a store's live subscriptions so that close() can stop them. */
export class SubscriptionRegistry {
  readonly #active = new Set<Subscription>();

  add(subscription: Subscription): Subscription {
    this.#active.add(subscription);
    void subscription.done.then(() => this.#active.delete(subscription));
    return subscription;
  }

  get size(): number {
    return this.#active.size;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.#active].map((subscription) => subscription.stop()));
  }
}
