import { describe, expect, it } from 'vitest';
import { queryByIds } from '../../src/query-by-ids.ts';
import type { JsonObject, Query, StoredDocument } from '../../src/port.ts';
import { type ContractContext, shuffled, uniqueCollection } from './helpers.ts';

/** queryByIds answers as query does: the same pages, the same cursors, each other's cursors accepted. */
export function queryByIdsContract(ctx: ContractContext): void {
  describe('queryByIds', () => {
    it('pages as query does, for filters, ranges, two sort fields and both directions; a listed document changed or gone is judged as stored', async () => {
      const c = uniqueCollection('listed');
      const stages = ['onboarding', 'in-role', 'offboarding'];
      const docs = Array.from({ length: 40 }, (_, i) => ({
        id: `e${String((i * 7) % 40).padStart(2, '0')}`,
        doc: { employeeId: 'ada', revision: i % 13, at: `2025-01-${String((i % 28) + 1).padStart(2, '0')}`, stage: stages[i % 3]!, chapter: i % 2 },
      }));
      await ctx.store.writeBatch(docs.map((d) => ({ collection: c, id: d.id, source: d.id, revision: 0, change: { replace: d.doc } })));
      // Listed as they were; then one withdrawn and one deleted as stored.
      const listed: StoredDocument<JsonObject>[] = shuffled(docs).map((d) => ({ id: d.id, revision: undefined, doc: d.doc }));
      await ctx.store.writeBatch([{ collection: c, id: 'e07', source: 'e07', revision: 1, change: { set: { withdrawnAt: '2025-02-01' } } }]);
      await ctx.store.delete(c, 'e14');
      const queries: Omit<Query, 'cursor'>[] = [
        { where: { employeeId: 'ada', withdrawnAt: null }, orderBy: [{ field: 'revision' }, { field: 'at' }], limit: 7 },
        { where: { stage: 'in-role', chapter: 1 }, orderBy: [{ field: 'revision' }], limit: 3 },
        { where: { at: { lte: '2025-01-15' }, withdrawnAt: null }, orderBy: [{ field: 'revision', direction: 'desc' }, { field: 'at' }], limit: 5 },
        { where: { revision: { gt: 3, lte: 9 } }, limit: 4 },
      ];
      for (const query of queries) {
        let cursor: string | undefined;
        let pages = 0;
        do {
          const q = cursor === undefined ? query : { ...query, cursor };
          const expected = await ctx.store.query(c, q);
          expect(await queryByIds(ctx.store, c, listed, q)).toEqual(expected);
          cursor = expected.nextCursor;
          expect(++pages).toBeLessThan(30);
        } while (cursor !== undefined);
        expect(pages).toBeGreaterThan(1);
      }
    });
  });
}
