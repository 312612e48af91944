/** Delay in milliseconds before retry number `attempt` (1 for the first retry). */
export type Backoff = (attempt: number) => number;

/** initialMs, initialMs*factor, ... capped at maxMs: 100 ms, 200 ms, ... 30 s by default. */
export function exponentialBackoff(options: { initialMs?: number; maxMs?: number; factor?: number } = {}): Backoff {
  const { initialMs = 100, maxMs = 30_000, factor = 2 } = options;
  return (attempt) => Math.min(maxMs, initialMs * factor ** Math.max(0, attempt - 1));
}
