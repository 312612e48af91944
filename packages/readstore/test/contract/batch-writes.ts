import { describe, expect, it } from 'vitest';
import { ReadStoreArgumentError } from '../../src/errors.ts';
import type { DocumentChange, DocumentWrite } from '../../src/port.ts';
import { type ContractContext, uniqueCollection } from './helpers.ts';

const write = (collection: string, id: string, source: string, revision: number, change: DocumentChange): DocumentWrite => ({
  collection,
  id,
  source,
  revision,
  change,
});

/** writeBatch and getMany: what a projection runner writes per batch of events, under a revision guard per source stream. */
export function batchWritesContract(ctx: ContractContext): void {
  describe('batch writes', () => {
    it('creates and changes documents, records the revision per source stream, and getMany returns the ones that exist', async () => {
      const c = uniqueCollection('status');
      const applied = await ctx.store.writeBatch([
        write(c, 'e1', 'journey-e1', 0, { replace: { stage: 'pre-boarding', tasks: 0 } }),
        write(c, 'e2', 'journey-e2', 3, { set: { stage: 'onboarding' }, inc: { tasks: 2 } }),
      ]);
      expect(applied).toEqual([true, true]);
      expect(await ctx.store.writeBatch([write(c, 'e1', 'journey-e1', 1, { set: { stage: 'onboarding' }, inc: { tasks: 1 } })])).toEqual([true]);
      const found = await ctx.store.getMany(c, ['e1', 'e2', 'nobody', 'e1']);
      expect([...found.keys()].sort()).toEqual(['e1', 'e2']);
      expect(found.get('e1')).toEqual({ id: 'e1', revision: undefined, sourceRevisions: { 'journey-e1': 1 }, doc: { stage: 'onboarding', tasks: 1 } });
      expect(found.get('e2')).toEqual({ id: 'e2', revision: undefined, sourceRevisions: { 'journey-e2': 3 }, doc: { stage: 'onboarding', tasks: 2 } });
      expect(await ctx.store.get(c, 'e2')).toEqual(found.get('e2'));
      expect(await ctx.store.getMany(c, [])).toEqual(new Map());
      expect(await ctx.store.getMany(uniqueCollection('never'), ['x'])).toEqual(new Map());
    });

    it('skips a write whose revision is not above the one last applied from its source: a redelivered batch changes nothing', async () => {
      const c = uniqueCollection('counters');
      const batch = [
        write(c, 'e1', 'journey-e1', 4, { inc: { events: 1 }, set: { last: 4 } }),
        write(c, 'e1', 'journey-e1', 5, { inc: { events: 1 }, set: { last: 5 } }),
        write(c, 'e2', 'journey-e2', 0, { inc: { events: 1 } }),
      ];
      expect(await ctx.store.writeBatch(batch)).toEqual([true, true, true]);
      expect(await ctx.store.writeBatch(batch)).toEqual([false, false, false]);
      expect(await ctx.store.writeBatch([write(c, 'e1', 'journey-e1', 3, { replace: { older: true } })])).toEqual([false]);
      expect((await ctx.store.get(c, 'e1'))!.doc).toEqual({ events: 2, last: 5 });
      expect((await ctx.store.get(c, 'e2'))!.doc).toEqual({ events: 1 });
    });

    it('guards each source separately: a document fed by many streams counts each stream’s events once (fan-out)', async () => {
      const c = uniqueCollection('received');
      const kudos = (giver: string, revision: number) => write(c, 'recipient', `journey-${giver}`, revision, { inc: { kudos: 1 }, set: { lastFrom: giver } });
      expect(await ctx.store.writeBatch([kudos('a', 7), kudos('b', 2), kudos('a', 7), kudos('c', 0)])).toEqual([true, true, false, true]);
      expect(await ctx.store.writeBatch([kudos('b', 2), kudos('b', 3), kudos('a', 6)])).toEqual([false, true, false]);
      expect(await ctx.store.get(c, 'recipient')).toEqual({
        id: 'recipient',
        revision: undefined,
        sourceRevisions: { 'journey-a': 7, 'journey-b': 3, 'journey-c': 0 },
        doc: { kudos: 4, lastFrom: 'b' },
      });
    });

    it('applies several writes to one document in batch order, across collections', async () => {
      const timeline = uniqueCollection('timeline');
      const status = uniqueCollection('status');
      const applied = await ctx.store.writeBatch([
        write(timeline, 'ev-1', 'journey-e1', 0, { replace: { title: 'Hired' } }),
        write(status, 'e1', 'journey-e1', 0, { replace: { n: 0, stage: 'pre-boarding' } }),
        write(timeline, 'ev-2', 'journey-e1', 1, { replace: { title: 'Plan' } }),
        write(status, 'e1', 'journey-e1', 1, { inc: { n: 1 } }),
        write(status, 'e1', 'journey-e1', 2, { inc: { n: 10 }, unset: ['stage'] }),
        write(status, 'e1', 'journey-e1', 2, { inc: { n: 100 } }),
        write(status, 'e1', 'journey-e1', 3, { set: { stage: 'onboarding' } }),
      ]);
      expect(applied).toEqual([true, true, true, true, true, false, true]);
      expect((await ctx.store.get(status, 'e1'))!.doc).toEqual({ n: 11, stage: 'onboarding' });
      expect([...(await ctx.store.getMany(timeline, ['ev-1', 'ev-2'])).values()].map((d) => d.doc.title).sort()).toEqual(['Hired', 'Plan']);
    });

    it('writes over documents of the other write operations, and keeps source names of any characters apart', async () => {
      const c = uniqueCollection('mixed');
      await ctx.store.putIfAbsent(c, 'put', { a: 1 });
      await ctx.store.upsertIfNewer(c, 'upserted', 9, { replace: { b: 1 } });
      const odd = ['survey-2024.q1', '$weird', 'x%2e', 'survey-2024%q1'];
      expect(await ctx.store.writeBatch([write(c, 'put', 's', 0, { set: { c: 2 } }), write(c, 'upserted', 's', 0, { set: { c: 2 } })])).toEqual([true, true]);
      expect(await ctx.store.get(c, 'put')).toEqual({ id: 'put', revision: undefined, sourceRevisions: { s: 0 }, doc: { a: 1, c: 2 } });
      expect(await ctx.store.get(c, 'upserted')).toEqual({ id: 'upserted', revision: 9, sourceRevisions: { s: 0 }, doc: { b: 1, c: 2 } });
      expect(await ctx.store.writeBatch(odd.map((source, i) => write(c, 'odd', source, i, { inc: { n: 1 } })))).toEqual([true, true, true, true]);
      expect(await ctx.store.writeBatch(odd.map((source, i) => write(c, 'odd', source, i, { inc: { n: 1 } })))).toEqual([false, false, false, false]);
      expect((await ctx.store.get(c, 'odd'))!.sourceRevisions).toEqual(Object.fromEntries(odd.map((source, i) => [source, i])));
    });

    it('two batches racing on one document from two sources both count; the same batch racing itself counts once', async () => {
      const c = uniqueCollection('race');
      const from = (source: string) => Array.from({ length: 20 }, (_, r) => write(c, 'shared', source, r, { inc: { n: 1 } }));
      const results = await Promise.all([ctx.store.writeBatch(from('journey-a')), ctx.store.writeBatch(from('journey-b'))]);
      expect(results.flat().every(Boolean)).toBe(true);
      const twice = await Promise.all([ctx.store.writeBatch(from('journey-c')), ctx.store.writeBatch(from('journey-c'))]);
      expect(twice[0]!.map((applied, i) => Number(applied) + Number(twice[1]![i]))).toEqual(Array(20).fill(1));
      expect((await ctx.store.get(c, 'shared'))!.doc).toEqual({ n: 60 });
    });

    it('refuses a batch with one bad write before writing any of it', async () => {
      const c = uniqueCollection('bad');
      const good = write(c, 'ok', 'journey-1', 0, { replace: { fine: true } });
      const refused = (bad: Partial<DocumentWrite>) => expect(ctx.store.writeBatch([good, { ...good, id: 'bad', ...bad }])).rejects.toThrow(ReadStoreArgumentError);
      await refused({ collection: 'Bad-Name' });
      await refused({ id: '' });
      await refused({ source: '' });
      await refused({ revision: -1 });
      await refused({ revision: 2n ** 60n });
      await refused({ change: { set: { 'a b': 1 } } });
      await refused({ change: { replace: { $where: 1 } } });
      await expect(ctx.store.writeBatch(Array.from({ length: 5001 }, () => good))).rejects.toThrow(ReadStoreArgumentError);
      await expect(ctx.store.getMany(c, [''])).rejects.toThrow(ReadStoreArgumentError);
      expect(await ctx.store.get(c, 'ok')).toBeUndefined();
      expect(await ctx.store.writeBatch([])).toEqual([]);
    });
  });
}
