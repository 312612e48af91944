import { describe, expect, it } from 'vitest';
import { ReadStoreArgumentError } from '../../src/errors.ts';
import type { DocumentWrite } from '../../src/port.ts';
import { type ContractContext, shuffled, uniqueCollection } from './helpers.ts';

/** A survey response: its own stream, revision 0, adding to one results document. */
const response = (collection: string, survey: string, n: number, revision = 0): DocumentWrite => ({
  collection,
  id: survey,
  source: `surveyresponse-${survey}-${n}`,
  revision,
  change: { set: { surveyId: survey }, inc: { n: 1, sum: n } },
  guard: 'apart',
});

const sumTo = (n: number) => (n * (n + 1)) / 2;

/**
 * Like a Kafka consumer: fetch a batch from the committed offset, write it,
 * and commit only after the write returned. `crashAfterWrite` lists the
 * batches written whose commit was lost (the consumer died): it starts again
 * at the last committed offset, with another batch size, as after a rebalance.
 */
async function consume(ctx: ContractContext, log: readonly DocumentWrite[], sizes: readonly number[], crashAfterWrite: ReadonlySet<number>): Promise<void> {
  let committed = 0;
  for (let batch = 0; committed < log.length; batch++) {
    const size = sizes[batch % sizes.length]!;
    await ctx.store.writeBatch(log.slice(committed, committed + size));
    if (!crashAfterWrite.has(batch)) committed += size;
  }
}

/** writeBatch with guards kept apart from the document (DocumentWrite.guard 'apart'): exactly once, however many sources. */
export function guardsApartContract(ctx: ContractContext): void {
  describe('guards kept apart', () => {
    it('counts each source once per revision, and the document carries none of them', async () => {
      const c = uniqueCollection('results');
      const first = [response(c, 's1', 1), response(c, 's1', 2), response(c, 's1', 3), response(c, 's2', 1)];
      expect(await ctx.store.writeBatch(first)).toEqual([true, true, true, true]);
      expect(await ctx.store.writeBatch([...first].reverse())).toEqual([false, false, false, false]);
      // A later revision of a source applies; an older or equal one does not.
      expect(await ctx.store.writeBatch([response(c, 's1', 2, 1), response(c, 's1', 3, 0), response(c, 's1', 2, 1)])).toEqual([true, false, false]);
      expect(await ctx.store.get(c, 's1')).toEqual({ id: 's1', revision: undefined, doc: { surveyId: 's1', n: 4, sum: 8 } });
      expect((await ctx.store.getMany(c, ['s2'])).get('s2')).toEqual({ id: 's2', revision: undefined, doc: { surveyId: 's2', n: 1, sum: 1 } });
    });

    it('applies a consumer’s redeliveries exactly once: batches rewritten after a lost commit, cut at other offsets, out of order', async () => {
      const c = uniqueCollection('redelivered');
      const log = Array.from({ length: 120 }, (_, i) => response(c, 'survey', i + 1));
      await consume(ctx, log, [25, 40, 7], new Set([1, 2, 5]));
      expect((await ctx.store.get(c, 'survey'))!.doc).toEqual({ surveyId: 'survey', n: 120, sum: sumTo(120) });
      // Everything again, shuffled, in one batch and then racing itself: nothing changes.
      const again = shuffled(log);
      expect(await ctx.store.writeBatch(again)).toEqual(again.map(() => false));
      const racing = await Promise.all([ctx.store.writeBatch(log.slice(0, 30)), ctx.store.writeBatch(log.slice(10, 40))]);
      expect(racing.flat().some(Boolean)).toBe(false);
      expect((await ctx.store.get(c, 'survey'))!.doc).toEqual({ surveyId: 'survey', n: 120, sum: sumTo(120) });
    });

    it('two batches of new sources racing on one document both count; one batch racing itself counts once', async () => {
      const c = uniqueCollection('apart_race');
      const from = (start: number) => Array.from({ length: 20 }, (_, i) => response(c, 'shared', start + i));
      const both = await Promise.all([ctx.store.writeBatch(from(1)), ctx.store.writeBatch(from(21))]);
      expect(both.flat().every(Boolean)).toBe(true);
      const twice = await Promise.all([ctx.store.writeBatch(from(41)), ctx.store.writeBatch(from(41))]);
      expect(twice[0]!.map((applied, i) => Number(applied) + Number(twice[1]![i]))).toEqual(Array(20).fill(1));
      expect((await ctx.store.get(c, 'shared'))!.doc).toEqual({ surveyId: 'shared', n: 60, sum: sumTo(60) });
    });

    it('deleteCollection forgets the guards too: a rebuild replays from revision 0', async () => {
      const c = uniqueCollection('apart_rebuilt');
      const log = [response(c, 's', 1), response(c, 's', 2)];
      await ctx.store.writeBatch(log);
      await ctx.store.deleteCollection(c);
      expect(await ctx.store.writeBatch(log)).toEqual([true, true]);
      expect((await ctx.store.get(c, 's'))!.doc).toEqual({ surveyId: 's', n: 2, sum: 3 });
    });

    it('refuses an unknown placement before writing anything', async () => {
      const c = uniqueCollection('apart_bad');
      await expect(ctx.store.writeBatch([response(c, 's', 1), { ...response(c, 's', 2), guard: 'elsewhere' as 'apart' }])).rejects.toThrow(ReadStoreArgumentError);
      expect(await ctx.store.get(c, 's')).toBeUndefined();
    });
  });
}
