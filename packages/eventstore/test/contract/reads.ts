import { describe, expect, it } from 'vitest';
import { type ContractContext, expectIncreasing, headPosition, idsOf, newEvent, newEvents, uniquePrefix } from './helpers.ts';

/** readStream in both directions with fromRevision/maxCount; readAll order, `after` and filters. */
export function readsContract(ctx: ContractContext): void {
  const streamOf = async (count: number) => {
    const stream = `${uniquePrefix('read')}s`;
    const events = newEvents(count);
    await ctx.store.appendToStream(stream, events, { expectedRevision: 'no-stream' });
    return { stream, ids: idsOf(events) };
  };

  describe('readStream', () => {
    it('reads a missing stream as empty, in both directions', async () => {
      const stream = `${uniquePrefix('read')}missing`;
      expect(await ctx.store.readStream(stream)).toEqual([]);
      expect(await ctx.store.readStream(stream, { direction: 'backwards' })).toEqual([]);
    });

    it('reads forwards in revision order with increasing positions', async () => {
      const { stream, ids } = await streamOf(5);
      const events = await ctx.store.readStream(stream);
      expect(idsOf(events)).toEqual(ids);
      expect(events.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expectIncreasing(events.map((e) => e.position));
    });

    it('reads forwards from a revision (inclusive), at most maxCount', async () => {
      const { stream, ids } = await streamOf(5);
      expect(idsOf(await ctx.store.readStream(stream, { fromRevision: 2n }))).toEqual(ids.slice(2));
      expect(idsOf(await ctx.store.readStream(stream, { fromRevision: 1n, maxCount: 2 }))).toEqual(ids.slice(1, 3));
      expect(await ctx.store.readStream(stream, { fromRevision: 5n })).toEqual([]);
      expect(await ctx.store.readStream(stream, { maxCount: 0 })).toEqual([]);
    });

    it('reads backwards from the end, or from a revision (inclusive), at most maxCount', async () => {
      const { stream, ids } = await streamOf(5);
      const reversed = [...ids].reverse();
      expect(idsOf(await ctx.store.readStream(stream, { direction: 'backwards' }))).toEqual(reversed);
      expect(idsOf(await ctx.store.readStream(stream, { direction: 'backwards', maxCount: 2 }))).toEqual(reversed.slice(0, 2));
      expect(idsOf(await ctx.store.readStream(stream, { direction: 'backwards', fromRevision: 2n }))).toEqual(reversed.slice(2));
      expect(
        idsOf(await ctx.store.readStream(stream, { direction: 'backwards', fromRevision: 3n, maxCount: 2 })),
      ).toEqual(reversed.slice(1, 3));
      expect(idsOf(await ctx.store.readStream(stream, { direction: 'backwards', fromRevision: 99n }))).toEqual(reversed);
    });

    it('keeps streams apart, even when one name is a prefix of another', async () => {
      const prefix = uniquePrefix('read');
      await ctx.store.appendToStream(`${prefix}a`, newEvents(1));
      await ctx.store.appendToStream(`${prefix}ab`, newEvents(2));
      expect(await ctx.store.readStream(`${prefix}a`)).toHaveLength(1);
    });
  });

  describe('readAll', () => {
    it('returns events of all streams in global order, strictly after `after`', async () => {
      const prefix = uniquePrefix('all');
      const head = await headPosition(ctx.store);
      const appended: string[] = [];
      for (const name of ['a', 'b', 'a', 'c', 'b']) {
        const event = newEvent();
        await ctx.store.appendToStream(`${prefix}${name}`, [event]);
        appended.push(event.id);
      }
      const all = await ctx.store.readAll({ after: head, filter: { streamPrefixes: [prefix] } });
      expect(idsOf(all)).toEqual(appended);
      expectIncreasing(all.map((e) => e.position));
      const rest = await ctx.store.readAll({ after: all[1]!.position, filter: { streamPrefixes: [prefix] } });
      expect(idsOf(rest)).toEqual(appended.slice(2));
      const unfiltered = await ctx.store.readAll({ after: head });
      expect(idsOf(unfiltered.filter((e) => e.streamName.startsWith(prefix)))).toEqual(appended);
      expectIncreasing(unfiltered.map((e) => e.position));
    });

    it('reads from the beginning when `after` is omitted, at most maxCount', async () => {
      await ctx.store.appendToStream(`${uniquePrefix('all')}s`, newEvents(3));
      const page = await ctx.store.readAll({ maxCount: 3 });
      expect(page).toHaveLength(3);
      expectIncreasing(page.map((e) => e.position));
      const next = await ctx.store.readAll({ after: page[1]!.position, maxCount: 1 });
      expect(next[0]!.id).toBe(page[2]!.id);
      expect(await ctx.store.readAll({ maxCount: 0 })).toEqual([]);
    });

    it('filters by stream prefixes, literally and case-sensitively', async () => {
      const prefix = uniquePrefix('filter');
      const head = await headPosition(ctx.store);
      for (const name of ['journey-1', 'journey-2', 'survey-1', 'Journey-3', 'journey_x', 'journey%']) {
        await ctx.store.appendToStream(`${prefix}${name}`, [newEvent()]);
      }
      const read = async (streamPrefixes: string[]) =>
        (await ctx.store.readAll({ after: head, filter: { streamPrefixes } })).map((e) => e.streamName.slice(prefix.length));
      expect(await read([`${prefix}journey-`])).toEqual(['journey-1', 'journey-2']);
      expect(await read([`${prefix}journey-`, `${prefix}survey-`])).toEqual(['journey-1', 'journey-2', 'survey-1']);
      expect(await read([`${prefix}journey%`])).toEqual(['journey%']);
      expect(await read([`${prefix}journey_`])).toEqual(['journey_x']);
      expect(await read([`${prefix}nothing`])).toEqual([]);
    });

    it('filters by event types, alone or with stream prefixes', async () => {
      const prefix = uniquePrefix('types');
      const head = await headPosition(ctx.store);
      await ctx.store.appendToStream(`${prefix}a`, [newEvent('Hired'), newEvent('Praised'), newEvent('Left')]);
      await ctx.store.appendToStream(`${prefix}b`, [newEvent('Praised')]);
      await ctx.store.appendToStream(`other-${prefix}c`, [newEvent('Praised')]);
      const read = async (filter: { streamPrefixes?: string[]; eventTypes?: string[] }) =>
        (await ctx.store.readAll({ after: head, filter })).filter((e) => e.streamName.includes(prefix)).map((e) => e.type);
      expect(await read({ eventTypes: ['Praised'] })).toEqual(['Praised', 'Praised', 'Praised']);
      expect(await read({ eventTypes: ['Hired', 'Left'] })).toEqual(['Hired', 'Left']);
      expect(await read({ eventTypes: ['Praised'], streamPrefixes: [prefix] })).toEqual(['Praised', 'Praised']);
      const page = await ctx.store.readAll({ after: head, maxCount: 1, filter: { eventTypes: ['Left'], streamPrefixes: [prefix] } });
      expect(page.map((e) => e.type)).toEqual(['Left']);
    });
  });
}
