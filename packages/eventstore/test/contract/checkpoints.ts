import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckpointStore } from '../../src/port.ts';

/**
 * The contract of a CheckpointStore backend. `factory` must open a store on
 * the same backing storage every time it is called (same file, same
 * schema), so that durability across close and reopen can be checked.
 */
export function checkpointStoreContract(name: string, factory: () => Promise<CheckpointStore>): void {
  describe(`checkpoint store contract: ${name}`, () => {
    const opened: CheckpointStore[] = [];
    const open = async () => {
      const store = await factory();
      opened.push(store);
      return store;
    };
    afterAll(async () => {
      for (const store of opened) await store.close();
    });
    const subscriber = () => `subscriber-${randomUUID()}`;

    it('loads undefined for a subscriber that never stored', async () => {
      expect(await (await open()).load(subscriber())).toBeUndefined();
    });

    it('loads the last stored position, per subscriber', async () => {
      const store = await open();
      const [a, b] = [subscriber(), subscriber()];
      await store.store(a, 5n);
      await store.store(b, 7n);
      await store.store(a, 12n);
      expect(await store.load(a)).toBe(12n);
      expect(await store.load(b)).toBe(7n);
    });

    it('may move a checkpoint back (a rebuild resets it)', async () => {
      const store = await open();
      const id = subscriber();
      await store.store(id, 100n);
      await store.store(id, 0n);
      expect(await store.load(id)).toBe(0n);
    });

    it('keeps 64-bit positions exact', async () => {
      const store = await open();
      const id = subscriber();
      const big = 2n ** 63n - 1n;
      await store.store(id, big);
      expect(await store.load(id)).toBe(big);
    });

    it('keeps checkpoints across close and reopen', async () => {
      const first = await factory();
      const id = subscriber();
      await first.store(id, 42n);
      await first.close();
      const second = await open();
      expect(await second.load(id)).toBe(42n);
    });
  });
}
