import type { AllFilter, EventStore, GlobalPosition, RecordedEvent, Subscription } from '../port.ts';

/**
 * What a scheduler that notices time passing needs from the store (the
 * offboarding access-removal scheduler, the service desk's SLA watcher):
 * learn every matching event from the first, by a catch-up read in pages and
 * then a live subscription from where the read stopped (no gap, no event
 * twice), and run a check at start and every `everyMs`, never two at once.
 */

export interface StoreWatchOptions<T> {
  store: EventStore;
  filter: AllFilter;
  /** Every matching event, in global order: what the check then looks at. */
  learn(event: RecordedEvent): void;
  /** The periodic work; a run that is asked for while one is under way gets that one's result. */
  check(): Promise<T>;
  everyMs: number;
  /** The live subscription stopped (the store failed). */
  onError?(error: unknown): void;
  /** Events per catch-up read (default 500). */
  pageSize?: number;
}

export interface StoreWatch<T> {
  /** Reads what is there, follows what comes, checks once and then every `everyMs`. */
  start(): Promise<void>;
  /** Checks now (or joins the check under way). */
  run(): Promise<T>;
  /** Stops the timer and the subscription; resolves once a check under way is done. */
  stop(): Promise<void>;
}

export function watchStore<T>(options: StoreWatchOptions<T>): StoreWatch<T> {
  const { store, filter, learn } = options;
  const pageSize = options.pageSize ?? 500;
  let subscription: Subscription | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<T> | undefined;

  const run = (): Promise<T> => {
    running ??= options.check().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    async start() {
      let after: GlobalPosition | undefined;
      for (;;) {
        const page = await store.readAll({ filter, maxCount: pageSize, ...(after === undefined ? {} : { after }) });
        for (const event of page) learn(event);
        after = page.at(-1)?.position ?? after;
        if (page.length < pageSize) break;
      }
      subscription = store.subscribeToAll({
        filter,
        ...(after === undefined ? {} : { after }),
        handler: async (event) => learn(event),
        ...(options.onError ? { onError: options.onError } : {}),
      });
      await run();
      timer = setInterval(() => void run(), options.everyMs);
      timer.unref();
    },
    run,
    async stop() {
      if (timer) clearInterval(timer);
      await subscription?.stop();
      await running;
    },
  };
}
