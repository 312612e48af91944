import { describe, expect, it } from 'vitest';
import { type Lease, LeaseKeeper, type LeaseStore, SqliteLeaseStore } from '../src/index.ts';

/** A lease store whose renewals can be made to fail, as when the database is unreachable. */
function flakyStore(): LeaseStore & { down: boolean } {
  const inner = new SqliteLeaseStore({ path: ':memory:' });
  const guard = <T>(fn: () => Promise<T>) => (store.down ? Promise.reject(new Error('database unreachable')) : fn());
  const store = {
    down: false,
    tryAcquire: (n: string, o: string, t: number) => guard(() => inner.tryAcquire(n, o, t)),
    renew: (l: Lease, t: number) => guard(() => inner.renew(l, t)),
    release: (l: Lease) => guard(() => inner.release(l)),
    holder: (n: string) => inner.holder(n),
    close: () => inner.close(),
  };
  return store;
}

describe('LeaseKeeper', () => {
  it('keeps the lease by renewing it and gives it up on release', async () => {
    const store = flakyStore();
    const keeper = (await LeaseKeeper.acquire({ store, name: 'r', owner: 'a', ttlMs: 150, renewEveryMs: 40 }, new AbortController().signal))!;
    await new Promise((r) => setTimeout(r, 400)); // well past the ttl: only renewals keep it
    expect(keeper.lost.aborted).toBe(false);
    expect(keeper.remainingMs()).toBeGreaterThan(50);
    await keeper.release();
    expect(keeper.lost.aborted).toBe(true);
    expect(await store.holder('r')).toBeUndefined();
  });

  it('waits while another instance holds the lease, and stops waiting when aborted', async () => {
    const store = flakyStore();
    await store.tryAcquire('r', 'other', 60_000);
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    expect(await LeaseKeeper.acquire({ store, name: 'r', owner: 'a', ttlMs: 150, renewEveryMs: 20 }, abort.signal)).toBeUndefined();
  });

  it('declares the lease lost before it can have expired when the store stops answering', async () => {
    const store = flakyStore();
    const keeper = (await LeaseKeeper.acquire({ store, name: 'r', owner: 'a', ttlMs: 200, renewEveryMs: 50 }, new AbortController().signal))!;
    const acquiredAt = performance.now();
    store.down = true;
    await new Promise<void>((resolve) => keeper.lost.addEventListener('abort', () => resolve()));
    // Lost no later than the ttl after the last successful request (plus timer slack).
    expect(performance.now() - acquiredAt).toBeLessThan(200 + 60);
    expect(() => keeper.assertHeld(0)).toThrow(/expired|renewed in time/);
  });

  it('rides out a short outage of the store by retrying sooner', async () => {
    const store = flakyStore();
    const keeper = (await LeaseKeeper.acquire({ store, name: 'r', owner: 'a', ttlMs: 400, renewEveryMs: 120 }, new AbortController().signal))!;
    store.down = true;
    await new Promise((r) => setTimeout(r, 200)); // one renewal missed
    store.down = false;
    await new Promise((r) => setTimeout(r, 400)); // past the ttl of the last renewal before the outage
    expect(keeper.lost.aborted).toBe(false);
    await keeper.release();
  });

  it('refuses to start a publish with less than the margin left', async () => {
    const store = flakyStore();
    const keeper = (await LeaseKeeper.acquire({ store, name: 'r', owner: 'a', ttlMs: 300, renewEveryMs: 250 }, new AbortController().signal))!;
    expect(() => keeper.assertHeld(100)).not.toThrow();
    store.down = true;
    await new Promise((r) => setTimeout(r, 220));
    expect(() => keeper.assertHeld(100)).toThrow(/less than 100 ms left/);
    await keeper.release().catch(() => undefined);
  });

  it('notices a takeover at the next renewal', async () => {
    const store = flakyStore();
    const keeper = (await LeaseKeeper.acquire({ store, name: 'r', owner: 'a', ttlMs: 5_000, renewEveryMs: 30 }, new AbortController().signal))!;
    await store.release(keeper.lease); // as if an operator freed it...
    await store.tryAcquire('r', 'b', 5_000); // ...and another instance took it
    await new Promise<void>((resolve) => keeper.lost.addEventListener('abort', () => resolve()));
    expect(String(keeper.lost.reason)).toMatch(/taken over/);
  });
});
