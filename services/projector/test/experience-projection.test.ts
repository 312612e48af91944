import { randomUUID } from 'node:crypto';
import { type EmployeeProfile, EmployeeProfileReadModel, type ExperienceMetricCell, ExperienceMetricsReadModel } from '@ejp/contracts/read-models';
import type { JourneyEnvelope } from '@ejp/messaging';
import { RecognitionScenario, readStoreBackends } from '@ejp/projection-kit/testing';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { describe, expect, it } from 'vitest';
import { useProjector } from './projector-fixture.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'projector_experience')).db : undefined;

const [ana, ben, cleo, dan] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];

/** Four hires (three in Platform), then Ben, Cleo and Dan each recognise Ana: her profile and the month's cells are fed by four streams. */
function scenario() {
  const s = new RecognitionScenario();
  const hires = [s.hire(ana, 'Platform'), s.hire(ben, 'Platform'), s.hire(cleo, 'Sales'), s.hire(dan, 'Platform')];
  const gives = [ben, cleo, dan].map((giver) => s.give(giver, { recipientIds: [ana] }).envelope);
  return { hires, gives };
}

// The experience documents keep their guards apart (version 2): each write is still
// guarded by its stream's revision, so redeliveries change nothing, but the
// documents carry no guard per feeding stream.
for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`employee-experience projection on ${backend.name}`, () => {
    const t = useProjector(backend);

    const project = async (batches: JourneyEnvelope[][]) => {
      for (const batch of batches) await t.projector.handle(batch);
    };
    const cells = async () => (await t.store.query<ExperienceMetricCell>(ExperienceMetricsReadModel.collection, { limit: 1000 })).items;
    const counted = async (metric: string, period: 'day' | 'month') =>
      (await cells()).filter((c) => c.doc.metric === metric && c.doc.period === period).reduce((n, c) => n + Object.values(c.doc.counts).reduce((a, b) => a + b, 0), 0);

    it('counts each stream once with no guards in the documents, a redelivered batch changing nothing', async () => {
      const { hires, gives } = scenario();
      await project([hires, gives]);
      const profile = (await t.store.get<EmployeeProfile>(EmployeeProfileReadModel.collection, ana))!;
      expect(Object.keys(profile.doc.received ?? {})).toHaveLength(3);
      expect(profile.sourceRevisions).toBeUndefined();
      const before = await cells();
      expect(before.length).toBeGreaterThan(0);
      expect(before.filter((c) => c.sourceRevisions !== undefined)).toEqual([]);
      expect(await counted('headcount', 'month')).toBe(4);
      expect(await counted('recognition', 'month')).toBe(3);

      // Redelivered: the gives again, then everything in one batch.
      await project([gives, [...hires, ...gives]]);
      expect(await cells()).toEqual(before);
      expect((await t.store.get(EmployeeProfileReadModel.collection, ana))!.doc).toEqual(profile.doc);
      expect(await counted('headcount', 'month')).toBe(4);
    });
  });
}
