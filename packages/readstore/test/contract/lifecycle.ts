import { describe, expect, it } from 'vitest';
import { type ContractContext, idsOf, uniqueCollection } from './helpers.ts';

/** Rebuilds: a read model can always be dropped and rebuilt from the event store. */
export function lifecycleContract(ctx: ContractContext): void {
  describe('lifecycle', () => {
    it('ping answers', async () => {
      await expect(ctx.store.ping()).resolves.toBeUndefined();
    });

    it('deleteCollection empties one collection, leaves the others, and the collection can be rebuilt', async () => {
      const dropped = uniqueCollection('dropped');
      const kept = uniqueCollection('kept');
      await ctx.store.declareIndexes(dropped, [['at']]);
      await ctx.store.upsertIfNewer(dropped, 'e1', 9, { replace: { at: 'x' } });
      await ctx.store.putIfAbsent(kept, 'k', {});
      await ctx.store.deleteCollection(dropped);
      await ctx.store.deleteCollection(dropped); // twice is harmless
      expect(await ctx.store.get(dropped, 'e1')).toBeUndefined();
      expect(await ctx.store.query(dropped)).toEqual({ items: [] });
      expect(await ctx.store.get(kept, 'k')).toBeDefined();
      // A rebuild replays from revision 0: nothing of the old revision 9 may block it.
      expect(await ctx.store.upsertIfNewer(dropped, 'e1', 0, { replace: { at: 'y' } })).toBe(true);
      expect(idsOf((await ctx.store.query(dropped, { orderBy: [{ field: 'at' }] })).items)).toEqual(['e1']);
    });

    it('bulkLoad runs a rebuild’s writes, answers what they answer, and leaves the store as it was, also when they fail', async () => {
      const c = uniqueCollection('bulk');
      const write = (id: string) => ({ collection: c, id, source: `journey-${id}`, revision: 0, change: { replace: { id } } });
      expect(await ctx.store.bulkLoad(() => ctx.store.writeBatch([write('a'), write('b')]))).toEqual([true, true]);
      await expect(ctx.store.bulkLoad(() => Promise.reject(new Error('page failed')))).rejects.toThrow('page failed');
      expect(await ctx.store.writeBatch([write('a'), write('c')])).toEqual([false, true]);
      expect(idsOf((await ctx.store.query(c)).items)).toEqual(['a', 'b', 'c']);
    });

    it('declaring indexes is idempotent and does not change results', async () => {
      const c = uniqueCollection('indexed');
      for (const id of ['b', 'a', 'c']) await ctx.store.putIfAbsent(c, id, { at: `t-${id}`, employee: 'e1' });
      await ctx.store.declareIndexes(c, [['employee', 'at']]);
      await ctx.store.declareIndexes(c, [['employee', 'at'], ['at']]);
      const page = await ctx.store.query(c, { where: { employee: 'e1' }, orderBy: [{ field: 'at', direction: 'desc' }] });
      expect(idsOf(page.items)).toEqual(['c', 'b', 'a']);
    });

    it('drop removes every collection and meta value; the same replay rebuilds the same state', async () => {
      const profiles = uniqueCollection('profiles');
      const timeline = uniqueCollection('timeline');
      const replay = async () => {
        for (let revision = 0; revision < 5; revision++) {
          await ctx.store.upsertIfNewer(profiles, 'e1', revision, { inc: { events: 1 }, set: { last: revision } });
          await ctx.store.putIfAbsent(timeline, `event-${revision}`, { at: `t${revision}` });
        }
        await ctx.store.setMeta('projector-schema', 'v1');
      };
      await replay();
      const before = [await ctx.store.get(profiles, 'e1'), await ctx.store.query(timeline)];
      await ctx.store.drop();
      expect(await ctx.store.get(profiles, 'e1')).toBeUndefined();
      expect(await ctx.store.query(timeline)).toEqual({ items: [] });
      expect(await ctx.store.getMeta('projector-schema')).toBeUndefined();
      await replay();
      expect([await ctx.store.get(profiles, 'e1'), await ctx.store.query(timeline)]).toEqual(before);
      expect(before[0]).toEqual({ id: 'e1', revision: 4, doc: { events: 5, last: 4 } });
    });
  });
}
