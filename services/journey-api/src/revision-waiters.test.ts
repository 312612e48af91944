import { describe, expect, it } from 'vitest';
import { RevisionWaiters } from './revision-waiters.ts';

describe('RevisionWaiters', () => {
  it('wakes the waiters of a journey whose revision was reached, and only those', async () => {
    const waiters = new RevisionWaiters();
    const early = waiters.wait('e1', 3, 5_000);
    const late = waiters.wait('e1', 7, 200);
    const other = waiters.wait('e2', 1, 200);
    expect(waiters.waitedFor).toEqual(new Map([['e1', 3], ['e2', 1]]));
    waiters.notify('e1', 5);
    expect(await early.done).toBe(true);
    expect(waiters.waitedFor).toEqual(new Map([['e1', 7], ['e2', 1]]));
    waiters.notify('e1', 7);
    expect(await late.done).toBe(true);
    expect(await other.done).toBe(false); // timed out: e2 was never notified
    expect(waiters.waitedFor.size).toBe(0);
  });

  it('answers false after the timeout or on cancel, and forgets the waiter', async () => {
    const waiters = new RevisionWaiters();
    const started = Date.now();
    expect(await waiters.wait('e1', 1, 50).done).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    const cancelled = waiters.wait('e1', 1, 60_000);
    cancelled.cancel();
    expect(await cancelled.done).toBe(false);
    waiters.notify('e1', 1); // nobody left to wake
    expect(waiters.waitedFor.size).toBe(0);
  });
});
