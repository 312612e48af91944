import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject, OrderBy, StoredDocument } from '../../src/port.ts';
import { type ContractContext, compareScalars, idsOf, inBatches, readAllPages, shuffled, uniqueCollection } from './helpers.ts';

interface Item {
  id: string;
  doc: { employee: string; at: string; kind: string };
}

/** 1,000 items over 2 employees and 28 days: many items share a time, so the id tiebreak is exercised. */
function makeItems(count: number): Item[] {
  return shuffled(
    Array.from({ length: count }, (_, i) => ({
      id: `item-${String((i * 7919) % count).padStart(4, '0')}`,
      doc: { employee: i % 2 === 0 ? 'e1' : 'e2', at: `2024-02-${String(1 + (i % 28)).padStart(2, '0')}`, kind: ['praise', 'survey', 'checkin'][i % 3]! },
    })),
  );
}

/** The order the store must produce, computed here: sort fields, then the id in the last field's direction. */
function sortedLikeStore<T extends { id: string; doc: JsonObject }>(items: readonly T[], orderBy: readonly OrderBy[]): T[] {
  const keys = [...orderBy.map((o) => ({ get: (i: T) => i.doc[o.field] as string, sign: o.direction === 'desc' ? -1 : 1 }))];
  const idSign = orderBy.at(-1)?.direction === 'desc' ? -1 : 1;
  keys.push({ get: (i: T) => i.id, sign: idSign });
  return [...items].sort((a, b) => {
    for (const key of keys) {
      const order = compareScalars(key.get(a), key.get(b)) * key.sign;
      if (order !== 0) return order;
    }
    return 0;
  });
}

const byTime: OrderBy[] = [{ field: 'at' }];

/** Keyset pagination: every item exactly once, in order, while the collection changes under the reader. */
export function paginationContract(ctx: ContractContext): void {
  describe('cursor pagination', () => {
    const c = uniqueCollection('paging');
    const items = makeItems(1000);

    beforeAll(async () => {
      await ctx.store.declareIndexes(c, [['at'], ['employee', 'at'], ['kind', 'at']]);
      await inBatches(items, (item) => ctx.store.putIfAbsent(c, item.id, item.doc));
    });

    it('pages of 50 through 1,000 items return each exactly once, in order, in 20 pages', async () => {
      const { items: read, pages } = await readAllPages(ctx.store, c, { orderBy: byTime, limit: 50 });
      expect(pages).toBe(20);
      expect(idsOf(read)).toEqual(idsOf(sortedLikeStore(items, byTime)));
    });

    it('pages descending, and with a filter and an as-of range', async () => {
      const desc: OrderBy[] = [{ field: 'at', direction: 'desc' }];
      expect(idsOf((await readAllPages(ctx.store, c, { orderBy: desc, limit: 50 })).items)).toEqual(idsOf(sortedLikeStore(items, desc)));
      const asOf = '2024-02-14';
      const expected = sortedLikeStore(
        items.filter((i) => i.doc.employee === 'e1' && i.doc.at <= asOf),
        desc,
      );
      const read = await readAllPages(ctx.store, c, { where: { employee: 'e1', at: { lte: asOf } }, orderBy: desc, limit: 33 });
      expect(idsOf(read.items)).toEqual(idsOf(expected));
    });

    it('pages over two sort fields in opposite directions', async () => {
      const orderBy: OrderBy[] = [{ field: 'kind' }, { field: 'at', direction: 'desc' }];
      const read = await readAllPages(ctx.store, c, { orderBy, limit: 37 });
      expect(idsOf(read.items)).toEqual(idsOf(sortedLikeStore(items, orderBy)));
    });

    it('stays exact under inserts and deletes between pages: nothing repeats or goes missing', async () => {
      const live = uniqueCollection('paging_live');
      const original = makeItems(300);
      await inBatches(original, (item) => ctx.store.putIfAbsent(live, item.id, item.doc));
      const inserted: Item[] = [];
      const { items: read } = await readAllPages(ctx.store, live, { orderBy: byTime, limit: 50 }, async (page, index) => {
        const last = page.items.at(-1) as StoredDocument<Item['doc']> | undefined;
        if (!last || page.nextCursor === undefined) return;
        // Around the cursor: the same time as the last item read with an id after it and one before it
        // ('aaa' sorts before every 'item-' id), an earlier time, a later time.
        const around: Item[] = [
          { id: `${last.id}-after`, doc: { ...last.doc } },
          { id: `aaa-${index}-before`, doc: { ...last.doc } },
          { id: `new-${index}-earlier`, doc: { ...last.doc, at: '2024-01-01' } },
          { id: `new-${index}-later`, doc: { ...last.doc, at: '2024-03-01' } },
        ];
        for (const item of around) await ctx.store.putIfAbsent(live, item.id, item.doc);
        inserted.push(...around);
        await ctx.store.delete(live, last.id); // the cursor does not need its item to still exist
      });
      const readIds = idsOf(read);
      expect(new Set(readIds).size).toBe(readIds.length);
      expect(readIds).toEqual(idsOf(sortedLikeStore(read as unknown as Item[], byTime)));
      expect(readIds.filter((id) => original.some((o) => o.id === id))).toEqual(idsOf(sortedLikeStore(original, byTime)));
      // Exactly the inserts that sorted after the cursor when they were made show up.
      const expectedInserts = inserted.filter((i) => i.id.endsWith('-after') || i.id.endsWith('-later')).map((i) => i.id);
      expect(expectedInserts.length).toBeGreaterThanOrEqual(10);
      expect(readIds.filter((id) => inserted.some((i) => i.id === id)).sort()).toEqual(expectedInserts.sort());
    });
  });
}
