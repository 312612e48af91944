import { expect, it } from 'vitest';
import type { LeaseStore } from '../../src/index.ts';

/** One behaviour for every LeaseStore adapter. `open` gives a fresh store on a fresh table. */
export function leaseStoreContract(open: () => Promise<LeaseStore>): void {
  it('gives a free lease to the first taker and refuses others while it is held', async () => {
    const store = await open();
    const a = await store.tryAcquire('relay', 'a', 5_000);
    expect(a).toMatchObject({ name: 'relay', owner: 'a', token: 1n });
    expect(await store.tryAcquire('relay', 'b', 5_000)).toBeUndefined();
    expect(await store.holder('relay')).toMatchObject({ owner: 'a', token: 1n });
    // Other names are independent.
    expect(await store.tryAcquire('other', 'b', 5_000)).toMatchObject({ owner: 'b' });
  });

  it('lets the holder re-acquire and renew, keeping its token', async () => {
    const store = await open();
    const a = (await store.tryAcquire('relay', 'a', 5_000))!;
    expect(await store.tryAcquire('relay', 'a', 5_000)).toEqual(a);
    expect(await store.renew(a, 5_000)).toBe(true);
  });

  it('hands an expired lease over with a higher token and refuses the old holder', async () => {
    const store = await open();
    const a = (await store.tryAcquire('relay', 'a', 50))!;
    await new Promise((r) => setTimeout(r, 120));
    expect(await store.holder('relay')).toBeUndefined();
    expect(await store.renew(a, 5_000)).toBe(false); // expired: renewing is not re-acquiring
    const b = (await store.tryAcquire('relay', 'b', 5_000))!;
    expect(b.token).toBe(a.token + 1n);
    expect(await store.renew(a, 5_000)).toBe(false);
    expect(await store.tryAcquire('relay', 'a', 5_000)).toBeUndefined();
  });

  it('refuses a stale token of the same owner after it lost and regained the lease', async () => {
    const store = await open();
    const first = (await store.tryAcquire('relay', 'a', 50))!;
    await new Promise((r) => setTimeout(r, 120));
    const second = (await store.tryAcquire('relay', 'a', 5_000))!;
    expect(second.token).toBe(first.token + 1n);
    expect(await store.renew(first, 5_000)).toBe(false);
    expect(await store.renew(second, 5_000)).toBe(true);
  });

  it('frees the lease on release so the next instance need not wait for the expiry', async () => {
    const store = await open();
    const a = (await store.tryAcquire('relay', 'a', 60_000))!;
    await store.release(a);
    expect(await store.holder('relay')).toBeUndefined();
    expect(await store.tryAcquire('relay', 'b', 5_000)).toMatchObject({ owner: 'b', token: 2n });
    await store.release(a); // a stale release must not free b's lease
    expect(await store.holder('relay')).toMatchObject({ owner: 'b' });
  });

  it('lets exactly one of many racing instances win', async () => {
    const store = await open();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.tryAcquire('race', `i${i}`, 5_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
}
