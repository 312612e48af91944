import { backoffDelay, sleep } from './abortable.ts';

export interface RetryPolicy {
  /** Tries of a whole batch before its events are tried one by one (default 5). */
  attempts?: number;
  /** First backoff (ms, default 200), doubling up to maxMs (default 5000). */
  initialMs?: number;
  maxMs?: number;
}

export interface Poisoned<T> {
  item: T;
  error: unknown;
  /** How often this item was handled and failed. */
  attempts: number;
}

export type HandleOutcome<T> = { kind: 'handled'; poisoned: Poisoned<T>[] } | { kind: 'aborted' };

/**
 * Handles a batch, retrying with exponential backoff: a transient failure (the
 * read-model store restarting) is waited out with the whole batch. When the
 * batch still fails after every attempt, each item is tried once more on its
 * own: those that fail again are poison and are returned for the dead-letter
 * path, the others are handled, so one bad event never blocks its partition.
 * Handlers are idempotent, so re-handling the good items of a failed batch is safe.
 *
 * `signal` ends the wait early (stop or rebalance) with 'aborted': nothing
 * more is handled and the caller must not commit.
 */
export async function handleWithRetry<T>(
  items: T[],
  handle: (items: T[]) => Promise<void>,
  policy: RetryPolicy = {},
  signal?: AbortSignal,
  onRetry?: (error: unknown, attempt: number) => void,
): Promise<HandleOutcome<T>> {
  const { attempts = 5, initialMs = 200, maxMs = 5000 } = policy;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (signal?.aborted) return { kind: 'aborted' };
    try {
      await handle(items);
      return { kind: 'handled', poisoned: [] };
    } catch (error) {
      lastError = error;
      onRetry?.(error, attempt);
      if (attempt < attempts) await sleep(backoffDelay(attempt, initialMs, maxMs), signal);
    }
  }
  if (items.length === 1) return { kind: 'handled', poisoned: [{ item: items[0]!, error: lastError, attempts }] };
  const poisoned: Poisoned<T>[] = [];
  for (const item of items) {
    if (signal?.aborted) return { kind: 'aborted' };
    try {
      await handle([item]);
    } catch (error) {
      poisoned.push({ item, error, attempts: attempts + 1 });
    }
  }
  return { kind: 'handled', poisoned };
}

/** A short, single-line description of an error for headers and logs. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 2000);
}
