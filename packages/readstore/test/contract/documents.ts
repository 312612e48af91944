import { describe, expect, it } from 'vitest';
import { ReadStoreArgumentError } from '../../src/errors.ts';
import type { JsonObject } from '../../src/port.ts';
import { type ContractContext, uniqueCollection } from './helpers.ts';

/** Single documents: get, upsertIfNewer, putIfAbsent, delete, the JSON model, meta values. */
export function documentsContract(ctx: ContractContext): void {
  describe('documents', () => {
    it('get of a missing document (or collection) is undefined', async () => {
      expect(await ctx.store.get(uniqueCollection('nothing'), 'x')).toBeUndefined();
    });

    it('upsertIfNewer creates a document and records its revision', async () => {
      const c = uniqueCollection('profiles');
      expect(await ctx.store.upsertIfNewer(c, 'e1', 0, { replace: { name: 'Ada', stage: 'onboarding' } })).toBe(true);
      expect(await ctx.store.get(c, 'e1')).toEqual({ id: 'e1', revision: 0, doc: { name: 'Ada', stage: 'onboarding' } });
    });

    it('replace swaps the whole body; set, unset and inc change fields, nested paths included', async () => {
      const c = uniqueCollection('profiles');
      await ctx.store.upsertIfNewer(c, 'e1', 1, { replace: { name: 'Ada', old: true, counts: { praise: 2 } } });
      await ctx.store.upsertIfNewer(c, 'e1', 2, { replace: { name: 'Ada L.', counts: { praise: 2 } } });
      expect((await ctx.store.get(c, 'e1'))?.doc).toEqual({ name: 'Ada L.', counts: { praise: 2 } });
      expect(
        await ctx.store.upsertIfNewer(c, 'e1', 3, {
          set: { stage: 'in_role', 'manager.id': 'm7', tags: ['a', 'b'] },
          unset: ['name'],
          inc: { 'counts.praise': 3, 'counts.feedback': 1 },
        }),
      ).toBe(true);
      expect(await ctx.store.get(c, 'e1')).toEqual({
        id: 'e1',
        revision: 3,
        doc: { stage: 'in_role', manager: { id: 'm7' }, tags: ['a', 'b'], counts: { praise: 5, feedback: 1 } },
      });
    });

    it('a patch creates a missing document: set fields, inc counted from 0', async () => {
      const c = uniqueCollection('profiles');
      await ctx.store.upsertIfNewer(c, 'e1', 7, { set: { 'a.b': 'x' }, unset: ['gone'], inc: { n: 2.5 } });
      expect(await ctx.store.get(c, 'e1')).toEqual({ id: 'e1', revision: 7, doc: { a: { b: 'x' }, n: 2.5 } });
    });

    it('skips a revision equal to or below the last applied one, and leaves the document alone', async () => {
      const c = uniqueCollection('profiles');
      await ctx.store.upsertIfNewer(c, 'e1', 5, { replace: { v: 5 } });
      expect(await ctx.store.upsertIfNewer(c, 'e1', 5, { replace: { v: 'equal' } })).toBe(false);
      expect(await ctx.store.upsertIfNewer(c, 'e1', 4, { set: { v: 'older' }, inc: { n: 1 } })).toBe(false);
      expect(await ctx.store.upsertIfNewer(c, 'e1', 0, { replace: {} })).toBe(false);
      expect(await ctx.store.get(c, 'e1')).toEqual({ id: 'e1', revision: 5, doc: { v: 5 } });
      expect(await ctx.store.upsertIfNewer(c, 'e1', 6n, { set: { v: 6 } })).toBe(true);
      expect(await ctx.store.get(c, 'e1')).toEqual({ id: 'e1', revision: 6, doc: { v: 6 } });
    });

    it('refuses revisions that are not safe non-negative integers', async () => {
      const c = uniqueCollection('profiles');
      for (const bad of [-1, 1.5, Number.NaN, 2n ** 60n]) {
        await expect(ctx.store.upsertIfNewer(c, 'e1', bad, { replace: {} })).rejects.toThrow(ReadStoreArgumentError);
      }
      expect(await ctx.store.get(c, 'e1')).toBeUndefined();
    });

    it('putIfAbsent inserts once; a second put of the id changes nothing', async () => {
      const c = uniqueCollection('timeline');
      expect(await ctx.store.putIfAbsent(c, 'event-1', { kind: 'praise', at: '2024-01-01' })).toBe(true);
      expect(await ctx.store.putIfAbsent(c, 'event-1', { kind: 'other' })).toBe(false);
      expect(await ctx.store.get(c, 'event-1')).toEqual({ id: 'event-1', revision: undefined, doc: { kind: 'praise', at: '2024-01-01' } });
    });

    it('upsertIfNewer applies to a document that has no revision yet', async () => {
      const c = uniqueCollection('mixed');
      await ctx.store.putIfAbsent(c, 'd', { a: 1 });
      expect(await ctx.store.upsertIfNewer(c, 'd', 0, { set: { b: 2 } })).toBe(true);
      expect(await ctx.store.get(c, 'd')).toEqual({ id: 'd', revision: 0, doc: { a: 1, b: 2 } });
    });

    it('delete removes a document and says whether it was there', async () => {
      const c = uniqueCollection('timeline');
      await ctx.store.putIfAbsent(c, 'x', {});
      expect(await ctx.store.delete(c, 'x')).toBe(true);
      expect(await ctx.store.delete(c, 'x')).toBe(false);
      expect(await ctx.store.get(c, 'x')).toBeUndefined();
    });

    it('stores JSON: undefined fields vanish, dates become strings, unicode and big numbers survive', async () => {
      const c = uniqueCollection('json');
      const at = new Date('2024-05-06T07:08:09.000Z');
      const doc = { gone: undefined, at, text: 'héllo ✓ 日本', big: 2 ** 40, small: -0.125, list: [1, null, { x: 'y' }] };
      await ctx.store.putIfAbsent(c, 'd', doc as unknown as JsonObject);
      expect((await ctx.store.get(c, 'd'))?.doc).toEqual({
        at: '2024-05-06T07:08:09.000Z',
        text: 'héllo ✓ 日本',
        big: 2 ** 40,
        small: -0.125,
        list: [1, null, { x: 'y' }],
      });
    });

    it('refuses bad names, keys and changes before writing anything', async () => {
      const c = uniqueCollection('bad');
      const refused = (write: Promise<unknown>) => expect(write).rejects.toThrow(ReadStoreArgumentError);
      await refused(ctx.store.putIfAbsent('Bad-Name', 'x', {}));
      await refused(ctx.store.putIfAbsent(c, '', {}));
      await refused(ctx.store.putIfAbsent(c, 'x', { 'a.b': 1 }));
      await refused(ctx.store.putIfAbsent(c, 'x', { nested: [{ $where: 1 }] }));
      await refused(ctx.store.upsertIfNewer(c, 'x', 1, { set: { 'a b': 1 } }));
      await refused(ctx.store.upsertIfNewer(c, 'x', 1, { set: { a: 1 }, inc: { 'a.n': 1 } }));
      await refused(ctx.store.upsertIfNewer(c, 'x', 1, { replace: {}, set: {} } as never));
      await refused(ctx.store.upsertIfNewer(c, 'x', 1, { inc: { n: Number.POSITIVE_INFINITY } }));
      expect(await ctx.store.get(c, 'x')).toBeUndefined();
    });

    it('meta values: missing is undefined; set overwrites; any JSON value', async () => {
      const key = uniqueCollection('checkpoint');
      expect(await ctx.store.getMeta(key)).toBeUndefined();
      await ctx.store.setMeta(key, { position: 12, schema: 'v1' });
      expect(await ctx.store.getMeta(key)).toEqual({ position: 12, schema: 'v1' });
      await ctx.store.setMeta(key, 'v2');
      expect(await ctx.store.getMeta(key)).toBe('v2');
      await ctx.store.setMeta(key, null);
      expect(await ctx.store.getMeta(key)).toBeNull();
    });
  });
}
