import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendMetadata, journeyStream } from '@ejp/contracts';
import { type AttritionCell, AttritionReadModel, type JourneyStatus, JourneyStatusReadModel } from '@ejp/contracts/read-models';
import { catalogueShreddingPolicy, InMemoryCheckpointStore, InMemoryKeyStore, openSqliteEventStore, withCryptoShredding } from '@ejp/eventstore';
import { InProcessBus } from '@ejp/messaging';
import { rebuildProjections } from '@ejp/projection-kit';
import { dumpCollections, interleave, JourneyBuilder, OFFBOARDING_PERSONAL_VALUES, readStoreBackends, toEnvelopes } from '@ejp/projection-kit/testing';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { useProjector } from './projector-fixture.ts';
import { journeyProjections } from '../src/projector.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'projector_attrition')).db : undefined;
const everyCollection = journeyProjections().flatMap((p) => p.collections.map((c) => c.collection));
const dir = mkdtempSync(join(tmpdir(), 'ejp-attrition-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Five journeys: two Platform resignations (one interviewed after leaving), a Sales termination, a withdrawn resignation, a boomerang who leaves twice. */
function journeys(): JourneyBuilder[] {
  const ids = Array.from({ length: 5 }, () => randomUUID());
  return [
    new JourneyBuilder(ids[0]!).hire().startOffboarding({ lastDay: '2024-07-10' }, '2024-06-03T09:00:00.000Z').interview('management').depart({ lastDay: '2024-07-10' }),
    new JourneyBuilder(ids[1]!).hire({ startDate: '2023-01-09' }).startOffboarding({ lastDay: '2024-07-31', regrettable: false }, '2024-07-01T09:00:00.000Z').depart({ lastDay: '2024-07-31' }).interview('pay'),
    new JourneyBuilder(ids[2]!)
      .hire({ department: 'Sales', startDate: '2019-05-06' })
      .startOffboarding({ kind: 'termination', regrettable: false, lastDay: '2024-08-15' }, '2024-08-01T09:00:00.000Z')
      .depart({ kind: 'termination', voluntary: false, lastDay: '2024-08-15' }),
    new JourneyBuilder(ids[3]!).hire().startOffboarding({ lastDay: '2024-07-10' }, '2024-06-03T09:00:00.000Z').withdraw(),
    new JourneyBuilder(ids[4]!)
      .hire({ department: 'Sales' })
      .startOffboarding({ lastDay: '2024-03-29' }, '2024-03-01T09:00:00.000Z')
      .interview('growth')
      .depart({ lastDay: '2024-03-29' })
      .rehireEligibility(true)
      .rehire({ department: 'Platform', startDate: '2024-06-03' })
      .startOffboarding({ kind: 'end-of-contract', voluntary: false, regrettable: true, lastDay: '2025-08-29' }, '2025-08-01T09:00:00.000Z')
      .interview('culture')
      .depart({ kind: 'end-of-contract', voluntary: false, lastDay: '2025-08-29' }),
  ];
}

const EXPECTED_CELLS = {
  '2024-03|growth|Sales|under-6-months|true|true': 1,
  '2024-07|management|Platform|under-6-months|true|true': 1,
  '2024-07|pay|Platform|1-2-years|true|false': 1,
  '2024-08|not-interviewed|Sales|5-years-plus|false|false': 1,
  '2025-08|culture|Platform|1-2-years|false|true': 1,
};

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`attrition projection on ${backend.name}`, () => {
    const t = useProjector(backend);

    const cells = async () => {
      const page = await t.store.query<AttritionCell>(AttritionReadModel.collection, { where: { month: { gte: '2000-01' } }, orderBy: [{ field: 'month' }], limit: 1000 });
      return Object.fromEntries(page.items.filter((i) => i.doc.departures > 0).map((i) => [i.id, i.doc.departures]));
    };

    it('counts each departure once in its cell, moves it when the interview comes after the departure, and ignores a withdrawn one', async () => {
      const all = journeys().map((j) => toEnvelopes(j.employeeId, j.steps));
      const events = interleave(...all);
      // Up to the Platform resignation's departure, before its late interview: counted as not interviewed.
      const late = all[1]!;
      await t.projector.handle(late.slice(0, -1));
      expect(await cells()).toEqual({ '2024-07|not-interviewed|Platform|1-2-years|true|false': 1 });

      await t.projector.handle(events);
      expect(await cells()).toEqual(EXPECTED_CELLS);
      const cell = (await t.store.get<AttritionCell>(AttritionReadModel.collection, '2024-08|not-interviewed|Sales|5-years-plus|false|false'))!.doc;
      expect(cell).toEqual({ month: '2024-08', primaryReason: 'not-interviewed', department: 'Sales', tenureBand: '5-years-plus', voluntary: false, regrettable: false, departures: 1 });
      expect(AttritionReadModel.schema.parse(cell)).toEqual(cell);

      // At-least-once redelivery: everything again, one by one, and in overlapping batches.
      const once = await dumpCollections(t.store, everyCollection);
      await t.projector.handle(events);
      for (const event of events) await t.projector.handle([event]);
      for (let i = 0; i < events.length; i += 4) await t.projector.handle(events.slice(i, i + 9));
      expect(await dumpCollections(t.store, everyCollection)).toEqual(once);
    });

    it('rebuilds from a real SQLite event t.store into the documents the live bus wrote, without personal data', async () => {
      const raw = await openSqliteEventStore({ path: join(dir, `${randomUUID()}.db`) });
      try {
        const shredding = withCryptoShredding(raw, { keys: new InMemoryKeyStore(), ...catalogueShreddingPolicy() });
        const built = journeys();
        for (const j of built) await append(shredding, j);
        const bus = new InProcessBus({ store: raw, checkpoints: new InMemoryCheckpointStore(), handlers: [t.projector] });
        bus.start();
        const last = built.at(-1)!;
        await expect
          .poll(async () => (await t.store.get<JourneyStatus>(JourneyStatusReadModel.collection, last.employeeId))?.doc.lastAppliedRevision, { timeout: 10_000 })
          .toBe(last.steps.length - 1);
        await bus.stop();
        const live = await dumpCollections(t.store, everyCollection);
        expect(await cells()).toEqual(EXPECTED_CELLS);
        const text = JSON.stringify(live);
        for (const value of OFFBOARDING_PERSONAL_VALUES) expect(text).not.toContain(value);

        const result = await rebuildProjections({ events: raw, readStore: t.store, projections: journeyProjections() });
        expect(result.skipped).toEqual([]);
        expect(await dumpCollections(t.store, everyCollection)).toEqual(live);
      } finally {
        await raw.close();
      }
    });
  });
}

async function append(store: Parameters<typeof withCryptoShredding>[0], journey: JourneyBuilder): Promise<void> {
  for (const s of journey.steps) {
    const metadata = appendMetadata(s.version, { actor: s.actor, correlationId: s.id, causationId: s.id, occurredAt: new Date(s.occurredAt) });
    await store.appendToStream(journeyStream(journey.employeeId), [{ id: s.id, type: s.type, data: s.data, metadata }]);
  }
}

