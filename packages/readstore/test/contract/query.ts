import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidCursorError, ReadStoreArgumentError } from '../../src/errors.ts';
import type { JsonObject, Query } from '../../src/port.ts';
import { type ContractContext, idsOf, uniqueCollection } from './helpers.ts';

/** Two employees' timelines, with the awkward cases: ties, nulls, missing fields, a number where strings are expected. */
const items: { id: string; doc: JsonObject }[] = [
  { id: 'a1', doc: { employee: 'e1', at: '2024-01-01', kind: 'welcome', score: 3, public: true, actor: { id: 'm1' } } },
  { id: 'a2', doc: { employee: 'e1', at: '2024-01-05', kind: 'praise', score: 10, public: false, actor: { id: 'p2' } } },
  { id: 'a3', doc: { employee: 'e1', at: '2024-01-05', kind: 'praise', score: 1.5, public: true } },
  { id: 'a4', doc: { employee: 'e1', at: '2024-02-01', kind: 'checkin', score: null } },
  { id: 'b1', doc: { employee: 'e2', at: '2024-01-03', kind: 'praise', score: 7, public: 1 } },
  { id: 'b2', doc: { employee: 'e2', kind: 'note' } },
  { id: 'b3', doc: { employee: 'e2', at: 20240104, kind: 'odd' } },
];

/** query(): equality and range filters, ordering, limits, and the errors callers get for bad input. */
export function queryContract(ctx: ContractContext): void {
  describe('query', () => {
    const c = uniqueCollection('timeline');
    const ids = async (query: Query) => idsOf((await ctx.store.query(c, query)).items);

    beforeAll(async () => {
      await ctx.store.declareIndexes(c, [['employee', 'at'], ['kind'], ['actor.id']]);
      for (const item of items) await ctx.store.putIfAbsent(c, item.id, item.doc);
    });

    it('without filters returns everything, ordered by id', async () => {
      expect(await ids({})).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3']);
    });

    it('filters by equality on strings, numbers, booleans and nested fields', async () => {
      expect(await ids({ where: { employee: 'e1' } })).toEqual(['a1', 'a2', 'a3', 'a4']);
      expect(await ids({ where: { employee: 'e1', kind: 'praise' } })).toEqual(['a2', 'a3']);
      expect(await ids({ where: { score: 10 } })).toEqual(['a2']);
      expect(await ids({ where: { score: 1.5 } })).toEqual(['a3']);
      expect(await ids({ where: { public: true } })).toEqual(['a1', 'a3']); // not b1, whose value is the number 1
      expect(await ids({ where: { public: 1 } })).toEqual(['b1']);
      expect(await ids({ where: { 'actor.id': 'm1' } })).toEqual(['a1']);
      expect(await ids({ where: { employee: 'nobody' } })).toEqual([]);
    });

    it('null matches a null or missing field', async () => {
      expect(await ids({ where: { score: null } })).toEqual(['a4', 'b2', 'b3']);
    });

    it('filters by ranges, as of a time; a string range never matches numbers (nor a number range strings)', async () => {
      expect(await ids({ where: { employee: 'e1', at: { lte: '2024-01-05' } } })).toEqual(['a1', 'a2', 'a3']);
      expect(await ids({ where: { employee: 'e1', at: { lt: '2024-01-05' } } })).toEqual(['a1']);
      expect(await ids({ where: { at: { gt: '2024-01-01', lt: '2024-02-01' } } })).toEqual(['a2', 'a3', 'b1']);
      expect(await ids({ where: { at: { gte: '2024-01-01', lte: '2024-02-01' } } })).toEqual(['a1', 'a2', 'a3', 'a4', 'b1']);
      expect(await ids({ where: { at: { gt: 0 } } })).toEqual(['b3']);
      expect(await ids({ where: { score: { gte: 3, lt: 10 } } })).toEqual(['a1', 'b1']);
    });

    it('orders ascending and descending; ties are broken by id in the same direction', async () => {
      const e1 = { employee: 'e1' };
      expect(await ids({ where: e1, orderBy: [{ field: 'at' }] })).toEqual(['a1', 'a2', 'a3', 'a4']);
      expect(await ids({ where: e1, orderBy: [{ field: 'at', direction: 'desc' }] })).toEqual(['a4', 'a3', 'a2', 'a1']);
      expect(await ids({ where: e1, orderBy: [{ field: 'score', direction: 'desc' }] })).toEqual(['a2', 'a1', 'a3']);
      expect(await ids({ where: e1, orderBy: [{ field: 'kind', direction: 'desc' }, { field: 'at' }] })).toEqual(['a1', 'a2', 'a3', 'a4']);
      expect(await ids({ where: e1, orderBy: [{ field: 'kind' }, { field: 'at', direction: 'desc' }] })).toEqual(['a4', 'a3', 'a2', 'a1']);
    });

    it('leaves out documents without a string or number in a sort field', async () => {
      expect(await ids({ where: { employee: 'e2' }, orderBy: [{ field: 'score' }] })).toEqual(['b1']);
      expect(await ids({ orderBy: [{ field: 'actor.id' }] })).toEqual(['a1', 'a2']);
    });

    it('limits a page and offers a cursor only when more items follow', async () => {
      const first = await ctx.store.query(c, { where: { employee: 'e1' }, orderBy: [{ field: 'at' }], limit: 3 });
      expect(idsOf(first.items)).toEqual(['a1', 'a2', 'a3']);
      expect(first.nextCursor).toEqual(expect.any(String));
      const rest = await ctx.store.query(c, { where: { employee: 'e1' }, orderBy: [{ field: 'at' }], limit: 3, cursor: first.nextCursor! });
      expect(idsOf(rest.items)).toEqual(['a4']);
      expect(rest.nextCursor).toBeUndefined();
      const exact = await ctx.store.query(c, { where: { employee: 'e1' }, limit: 4 });
      expect(exact.items).toHaveLength(4);
      expect(exact.nextCursor).toBeUndefined();
    });

    it('refuses bad queries and cursors', async () => {
      const refused = (query: Query, error = ReadStoreArgumentError) => expect(ctx.store.query(c, query)).rejects.toThrow(error);
      for (const limit of [0, 1001, 1.5]) await refused({ limit });
      await refused({ where: { 'bad path': 1 } });
      await refused({ where: { tags: ['a'] as never } });
      await refused({ where: { at: { between: 1 } as never } });
      await refused({ where: { at: { gt: 1, lt: 'z' } } });
      await refused({ where: { at: {} } });
      await refused({ orderBy: [{ field: 'at', direction: 'up' as never }] });
      await refused({ cursor: 'not a cursor' }, InvalidCursorError);
      await refused({ cursor: Buffer.from('{"o":"id:asc","k":[1]}').toString('base64url') }, InvalidCursorError);
      const page = await ctx.store.query(c, { orderBy: [{ field: 'at' }], limit: 1 });
      await refused({ orderBy: [{ field: 'at', direction: 'desc' }], cursor: page.nextCursor! }, InvalidCursorError);
      await refused({ cursor: page.nextCursor! }, InvalidCursorError);
    });

    it('a query on a collection that was never written is an empty page', async () => {
      expect(await ctx.store.query(uniqueCollection('empty'), { orderBy: [{ field: 'at' }] })).toEqual({ items: [] });
    });
  });
}
