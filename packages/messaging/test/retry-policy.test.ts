import { describe, expect, it } from 'vitest';
import { handleWithRetry } from '../src/retry-policy.ts';

const fast = { attempts: 3, initialMs: 1, maxMs: 2 };

describe('handleWithRetry', () => {
  it('waits out a transient failure with the whole batch', async () => {
    let calls = 0;
    const seen: number[][] = [];
    const outcome = await handleWithRetry([1, 2, 3], async (items) => {
      seen.push(items);
      if (++calls < 3) throw new Error('store restarting');
    }, fast);
    expect(outcome).toEqual({ kind: 'handled', poisoned: [] });
    expect(seen).toEqual([[1, 2, 3], [1, 2, 3], [1, 2, 3]]);
  });

  it('isolates the poison item after the batch exhausted its attempts and handles the others', async () => {
    const handled: number[] = [];
    const outcome = await handleWithRetry([1, 2, 3, 4], async (items) => {
      if (items.includes(3)) throw new Error('cannot apply 3');
      handled.push(...items);
    }, fast);
    expect(outcome.kind).toBe('handled');
    expect(outcome.kind === 'handled' && outcome.poisoned.map((p) => [p.item, p.attempts])).toEqual([[3, 4]]);
    expect(handled).toEqual([1, 2, 4]);
  });

  it('gives up at once, handling nothing more, when aborted during a backoff', async () => {
    const abort = new AbortController();
    let calls = 0;
    const pending = handleWithRetry([1], async () => {
      calls++;
      throw new Error('down');
    }, { attempts: 5, initialMs: 10_000, maxMs: 10_000 }, abort.signal);
    setTimeout(() => abort.abort(), 20);
    expect(await pending).toEqual({ kind: 'aborted' });
    expect(calls).toBe(1);
  });
});
