import { describe, expect, it } from 'vitest';
import type { DocumentChange, JsonObject, ReadStore } from '../../src/port.ts';
import { type ContractContext, idsOf, inBatches, shuffled, uniqueCollection } from './helpers.ts';

/** One employee's events as a projector would turn them into changes (stream revisions 0..n-1). */
interface Delivery {
  revision: number;
  change: DocumentChange;
}

function journeyEvents(employee: string, count: number): Delivery[] {
  return Array.from({ length: count }, (_, revision): Delivery => {
    if (revision === 0) return { revision, change: { replace: { employee, stage: 'pre_boarding', praise: 0 } } };
    if (revision % 10 === 0) return { revision, change: { set: { stage: `stage_${revision}` }, unset: ['lastPraise'] } };
    return { revision, change: { inc: { praise: 1 }, set: { lastPraise: `praise_${revision}` } } };
  });
}

async function project(store: ReadStore, collection: string, employees: string[], deliveries: (events: Delivery[]) => Delivery[]) {
  await Promise.all(
    employees.map(async (employee) => {
      for (const { revision, change } of deliveries(journeyEvents(employee, 25))) {
        await store.upsertIfNewer(collection, employee, revision, change);
      }
    }),
  );
  return Promise.all(employees.map((employee) => store.get(collection, employee)));
}

/** At-least-once delivery made exactly-once: replays change nothing; racing writers converge. */
export function idempotencyContract(ctx: ContractContext): void {
  describe('idempotency', () => {
    it('replaying every event twice gives the state of one delivery (incs are not counted twice)', async () => {
      const employees = ['e1', 'e2', 'e3'];
      const once = await project(ctx.store, uniqueCollection('once'), employees, (events) => events);
      const eachTwice = await project(ctx.store, uniqueCollection('twice'), employees, (events) => events.flatMap((e) => [e, e]));
      const allAgain = await project(ctx.store, uniqueCollection('again'), employees, (events) => [...events, ...events]);
      expect(once[0]).toEqual({ id: 'e1', revision: 24, doc: { employee: 'e1', stage: 'stage_20', praise: 22, lastPraise: 'praise_24' } });
      expect(eachTwice).toEqual(once);
      expect(allAgain).toEqual(once);
    });

    it('reports which deliveries applied: the first of each revision only', async () => {
      const c = uniqueCollection('applied');
      const applied: boolean[] = [];
      for (const { revision, change } of journeyEvents('e1', 5).flatMap((e) => [e, e])) {
        applied.push(await ctx.store.upsertIfNewer(c, 'e1', revision, change));
      }
      expect(applied).toEqual([true, false, true, false, true, false, true, false, true, false]);
    });

    it('concurrent upsertIfNewer calls on one id converge on the highest revision, for a new and an existing document', async () => {
      const c = uniqueCollection('race');
      for (let round = 0; round < 5; round++) {
        const revisions = shuffled(
          Array.from({ length: 40 }, (_, i) => i + 1),
          round + 1,
        );
        if (round % 2 === 1) await ctx.store.upsertIfNewer(c, `doc-${round}`, 0, { replace: { r: 0 } });
        const results = await Promise.all(
          revisions.map((r) => ctx.store.upsertIfNewer(c, `doc-${round}`, r, { replace: { r } })),
        );
        expect(await ctx.store.get(c, `doc-${round}`)).toEqual({ id: `doc-${round}`, revision: 40, doc: { r: 40 } });
        expect(results[revisions.indexOf(40)]).toBe(true);
      }
    });

    it('concurrent patches on one id: each revision counted once, none lost', async () => {
      const c = uniqueCollection('race_inc');
      const deliveries = shuffled([...Array.from({ length: 30 }, (_, i) => i), ...Array.from({ length: 30 }, (_, i) => i)], 7);
      // Revisions arrive out of order here, so an older one may be skipped after a newer one applied:
      // the count is at most 30, and the final revision is the highest.
      const results = await Promise.all(deliveries.map((r) => ctx.store.upsertIfNewer(c, 'e', r, { inc: { n: 1 } })));
      const stored = await ctx.store.get<JsonObject>(c, 'e');
      expect(stored?.revision).toBe(29);
      expect(stored?.doc.n).toBe(results.filter(Boolean).length);
      expect(results.filter(Boolean).length).toBeLessThanOrEqual(30);
    });

    it('concurrent putIfAbsent of one id: exactly one wins and its body stays', async () => {
      const c = uniqueCollection('race_put');
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => ctx.store.putIfAbsent(c, 'item', { writer: i })));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await ctx.store.get(c, 'item')).toEqual({ id: 'item', revision: undefined, doc: { writer: results.indexOf(true) } });
    });

    it('timeline items put twice (at-least-once) are stored once each', async () => {
      const c = uniqueCollection('timeline');
      const items = Array.from({ length: 60 }, (_, i) => ({ id: `event-${String(i).padStart(3, '0')}`, doc: { at: `t${i}` } }));
      await inBatches([...items, ...shuffled(items)], (item) => ctx.store.putIfAbsent(c, item.id, item.doc), 20);
      const page = await ctx.store.query(c, { limit: 1000 });
      expect(idsOf(page.items)).toEqual(idsOf(items));
    });
  });
}
