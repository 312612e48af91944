import { AsyncLocalStorage } from 'node:async_hooks';
import type { AllFilter, CheckpointStore, EventStore, GlobalPosition, RecordedEvent, Subscription } from '../port.ts';
import { type Backoff, exponentialBackoff } from './backoff.ts';

export interface SubscribeWithCheckpointsOptions {
  store: Pick<EventStore, 'subscribeToAll'>;
  checkpoints: CheckpointStore;
  subscriberId: string;
  handler: (event: RecordedEvent) => Promise<void>;
  filter?: AllFilter;
  /**
   * Save the checkpoint after this many handled events (default 1: after
   * each). Handled but unsaved positions are also saved when the
   * subscription stops or fails, so a larger value only widens what a crash
   * redelivers.
   */
  checkpointEvery?: number;
  retry?: { backoff?: Backoff };
  /** Told about every failure before the retry (log it); `attempt` counts failures since the last handled event. */
  onError?: (error: unknown, attempt: number) => void;
}

const insideHandler = new AsyncLocalStorage<object>();

/**
 * A subscriber that survives failures: load the checkpoint, subscribe after
 * it, save the position of handled events, and after a handler, checkpoint
 * or store failure wait (backoff) and subscribe again from the last saved
 * checkpoint, until stop(). Delivery is at least once: an event whose
 * handler succeeded but whose checkpoint was not saved comes again.
 */
export function subscribeWithCheckpoints(options: SubscribeWithCheckpointsOptions): Subscription {
  const { store, checkpoints, subscriberId, filter } = options;
  const every = Math.max(1, options.checkpointEvery ?? 1);
  const backoff = options.retry?.backoff ?? exponentialBackoff();
  const token = {};
  let stopped = false;
  let current: Subscription | undefined;
  let wakeSleep: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeSleep = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      wakeSleep = undefined;
    });

  /** One subscription from the saved checkpoint; resolves with the failure, or undefined when it just stopped. */
  const runOnce = async (onHandled: () => void): Promise<{ error: unknown } | undefined> => {
    let failure: { error: unknown } | undefined;
    let unsaved: GlobalPosition | undefined;
    let count = 0;
    try {
      const after = await checkpoints.load(subscriberId);
      if (stopped) return undefined;
      current = store.subscribeToAll({
        after,
        filter,
        handler: async (event) => {
          await insideHandler.run(token, () => options.handler(event));
          onHandled();
          unsaved = event.position;
          if (++count % every === 0) {
            await checkpoints.store(subscriberId, event.position);
            unsaved = undefined;
          }
        },
        onError: (error) => {
          failure = { error };
        },
      });
      await current.done;
      current = undefined;
      if (unsaved !== undefined) await checkpoints.store(subscriberId, unsaved);
    } catch (error) {
      failure ??= { error };
    }
    return failure;
  };

  const run = async () => {
    let attempt = 0;
    while (!stopped) {
      const failure = await runOnce(() => {
        attempt = 0;
      });
      if (!failure) return; // stopped, or the store was closed under us
      if (stopped) return;
      attempt++;
      try {
        options.onError?.(failure.error, attempt);
      } catch {
        // A failing logger must not kill the subscriber.
      }
      await sleep(backoff(attempt));
    }
  };

  const done = run();
  return {
    done,
    async stop() {
      stopped = true;
      wakeSleep?.();
      await current?.stop();
      // From inside our handler, waiting for the loop would wait for ourselves.
      if (insideHandler.getStore() !== token) await done;
    },
  };
}
