import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SubjectErasedError } from '../src/shredding/errors.ts';
import type { KeyStore } from '../src/shredding/key-store.ts';

/**
 * The behaviour every key-store backend must show. `open` is called several
 * times per test and must open a store over the same storage each time (so
 * reopening can be tested); subjects are unique per test, so tests share it.
 */
export function keyStoreContract(name: string, open: () => Promise<KeyStore>): void {
  describe(`key store contract: ${name}`, () => {
    const subject = () => `subject-${randomUUID()}`;
    const withStore = async (work: (store: KeyStore) => Promise<void>) => {
      const store = await open();
      try {
        await work(store);
      } finally {
        await store.close();
      }
    };

    it('creates a 32-byte key on first use and returns the same key afterwards', () =>
      withStore(async (store) => {
        const s = subject();
        expect(await store.findKey(s)).toEqual({ state: 'absent' });
        const key = await store.getOrCreateKey(s);
        expect(key).toHaveLength(32);
        expect((await store.getOrCreateKey(s)).equals(key)).toBe(true);
        const found = await store.findKey(s);
        expect(found.state).toBe('active');
        if (found.state === 'active') {
          expect(found.key.equals(key)).toBe(true);
          expect(found.createdAt).toBeInstanceOf(Date);
        }
      }));

    it('gives different subjects different keys', () =>
      withStore(async (store) => {
        const [a, b] = [await store.getOrCreateKey(subject()), await store.getOrCreateKey(subject())];
        expect(a.equals(b)).toBe(false);
      }));

    it('agrees on one key when first calls race', () =>
      withStore(async (store) => {
        const s = subject();
        const keys = await Promise.all(Array.from({ length: 8 }, () => store.getOrCreateKey(s)));
        for (const key of keys) expect(key.equals(keys[0]!)).toBe(true);
      }));

    it('keeps keys across reopening', async () => {
      const s = subject();
      let key: Buffer = Buffer.alloc(0);
      await withStore(async (store) => {
        key = await store.getOrCreateKey(s);
      });
      await withStore(async (store) => {
        expect((await store.getOrCreateKey(s)).equals(key)).toBe(true);
      });
    });

    it('erases a key: the state says erased and no key is handed out again', () =>
      withStore(async (store) => {
        const s = subject();
        await store.getOrCreateKey(s);
        await store.erase(s);
        const found = await store.findKey(s);
        expect(found.state).toBe('erased');
        expect(found).not.toHaveProperty('key');
        await expect(store.getOrCreateKey(s)).rejects.toThrow(SubjectErasedError);
        await expect(store.getOrCreateKey(s)).rejects.toMatchObject({ code: 'EJP_SUBJECT_ERASED', subjectId: s });
      }));

    it('erasure is idempotent and keeps the first erasure time', () =>
      withStore(async (store) => {
        const s = subject();
        await store.getOrCreateKey(s);
        await store.erase(s);
        const first = await store.findKey(s);
        await new Promise((resolve) => setTimeout(resolve, 5));
        await store.erase(s);
        expect(await store.findKey(s)).toEqual(first);
      }));

    it('erasing a subject that never had a key still prevents one from being created', () =>
      withStore(async (store) => {
        const s = subject();
        await store.erase(s);
        expect((await store.findKey(s)).state).toBe('erased');
        await expect(store.getOrCreateKey(s)).rejects.toThrow(SubjectErasedError);
      }));

    it('erasure is durable and leaves other subjects alone', async () => {
      const [erased, kept] = [subject(), subject()];
      let keptKey: Buffer = Buffer.alloc(0);
      await withStore(async (store) => {
        await store.getOrCreateKey(erased);
        keptKey = await store.getOrCreateKey(kept);
        await store.erase(erased);
      });
      await withStore(async (store) => {
        expect((await store.findKey(erased)).state).toBe('erased');
        const found = await store.findKey(kept);
        expect(found.state === 'active' && found.key.equals(keptKey)).toBe(true);
      });
    });

    it('opening twice over the same storage is harmless (idempotent schema)', async () => {
      const [a, b] = await Promise.all([open(), open()]);
      await Promise.all([a.close(), b.close()]);
    });

    it('rejects empty subject ids', () =>
      withStore(async (store) => {
        await expect(store.getOrCreateKey('')).rejects.toThrow(TypeError);
        await expect(store.erase('')).rejects.toThrow(TypeError);
      }));
  });
}
