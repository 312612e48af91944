import { randomUUID } from 'node:crypto';
import { journeyStream } from '@ejp/contracts';
import { type JourneyStatus, JourneyStatusReadModel, type ReadModelDocument, type TimelineEntry, TimelineIndexReadModel, timelineIndexKey, TimelineReadModel } from '@ejp/contracts/read-models';
import type { JourneyEnvelope } from '@ejp/messaging';
import type { ProjectionRunner } from '@ejp/projection-kit';
import { BUDDY_ID, dumpCollections, interleave, onboardingJourney, PERSONAL_VALUES, readStoreBackends, toEnvelopes } from '@ejp/projection-kit/testing';
import type { ReadStore } from '@ejp/readstore';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProjector } from '../src/projector.ts';

const TIMELINE_COLLECTION = TimelineReadModel.collection;
const JOURNEYS_COLLECTION = JourneyStatusReadModel.collection;
const dumpReadModels = (store: ReadStore) => dumpCollections(store, [TIMELINE_COLLECTION, JOURNEYS_COLLECTION]);

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'projector')).db : undefined;

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`timeline and journey-status projections on ${backend.name}`, () => {
    let store: ReadStore;
    let projection: ProjectionRunner;
    beforeEach(async () => {
      store = await backend.open();
      projection = createProjector(store);
      await projection.init();
    });
    afterEach(async () => {
      await store.drop();
      await store.close();
    });

    const timelineOf = async (employeeId: string) =>
      (await store.query<TimelineEntry>(TIMELINE_COLLECTION, { where: { employeeId }, orderBy: [{ field: 'revision' }], limit: 1000 })).items.map((i) => i.doc);

    it('copies every entry into the employee’s timeline index, under its key; redeliveries add nothing', async () => {
      const id = randomUUID();
      const events = toEnvelopes(id, onboardingJourney(id));
      await projection.handle(events.slice(0, 6));
      await projection.handle(events.slice(3));
      const timeline = await timelineOf(id);
      const index = await store.get<ReadModelDocument<typeof TimelineIndexReadModel>>(TimelineIndexReadModel.collection, id);
      expect(index!.doc.entries).toEqual(
        Object.fromEntries(
          timeline.map((e) => [
            timelineIndexKey(e.eventId),
            (({ employeeId, ...entry }) => ({ id: e.eventId, ...entry }))(e),
          ]),
        ),
      );
      expect(timeline).toHaveLength(events.length);
    });

    it('writes one touchpoint per event in journey order, with titles, the stage at the time and no personal data', async () => {
      const id = randomUUID();
      const events = toEnvelopes(id, onboardingJourney(id));
      await projection.handle(events);
      const timeline = await timelineOf(id);
      expect(timeline.map((e) => [e.revision, e.stage, e.title])).toEqual([
        [0, 'pre-boarding', 'Hired as Senior Engineer in Platform'],
        [1, 'pre-boarding', 'Onboarding plan assigned: 4 tasks (3 required)'],
        [2, 'pre-boarding', 'Personal welcome message sent'],
        [3, 'pre-boarding', 'Start date moved from 2025-03-03 to 2025-03-10'],
        [4, 'pre-boarding', 'Task completed: Equipment ready'],
        [5, 'onboarding', 'Buddy assigned'],
        [6, 'onboarding', 'Task completed: Accounts created'],
        [7, 'onboarding', 'Check-in day 30: rating 4/5'],
        [8, 'onboarding', 'Onboarding completed'],
        [9, 'probation', 'Probation passed'],
      ]);
      const [hired, , welcome] = timeline;
      expect(hired).toMatchObject({ eventId: events[0]!.eventId, type: 'journey.employee.hired', version: 2, source: 'onboarding', actor: { id: 'hr-1', kind: 'hr' } });
      expect(hired!.data).toMatchObject({ department: 'Platform', role: 'Senior Engineer', startDate: '2025-03-03' });
      expect(hired!.withheld.sort()).toEqual(['$.email', '$.familyName', '$.givenName']);
      expect(welcome!.data).toEqual({});
      expect(timeline[7]!.recordedAt).toBe('2025-04-12T08:00:00.000Z');
      const everything = JSON.stringify(await dumpReadModels(store));
      for (const value of PERSONAL_VALUES) expect(everything).not.toContain(value);
      // What the writer wrote is what the shared read-model contract says readers get.
      for (const entry of timeline) expect(TimelineReadModel.schema.parse(entry)).toEqual(entry);
      const status = (await store.get<JourneyStatus>(JOURNEYS_COLLECTION, id))!.doc;
      expect(JourneyStatusReadModel.schema.parse(status)).toEqual(status);
    });

    it('keeps a journey status: stage, tasks with due dates from the moved start date, counts, buddy, check-ins, probation', async () => {
      const id = randomUUID();
      await projection.handle(toEnvelopes(id, onboardingJourney(id).slice(0, 8)));
      const status = (await store.get<JourneyStatus>(JOURNEYS_COLLECTION, id))!;
      expect(status.sourceRevisions).toEqual({ [journeyStream(id)]: 7 });
      expect(status.doc).toMatchObject({
        stage: 'onboarding',
        startDate: '2025-03-10',
        progress: { done: 2, total: 4, requiredDone: 2, requiredTotal: 3 },
        buddy: { buddyId: BUDDY_ID, kind: 'buddy' },
        checkIns: [{ day: 30, rating: 4, recordedAt: '2025-04-09T15:00:00.000Z' }],
        probation: null,
        lastAppliedRevision: 7,
      });
      expect(status.doc.tasks.map((t) => [t.id, t.dueDate, t.done])).toEqual([
        ['laptop', '2025-03-07', true],
        ['accounts', '2025-03-10', true],
        ['coffee', '2025-03-13', false],
        ['goals', '2025-04-09', false],
      ]);
      await projection.handle(toEnvelopes(id, onboardingJourney(id)).slice(8));
      const after = (await store.get<JourneyStatus>(JOURNEYS_COLLECTION, id))!.doc;
      expect(after).toMatchObject({ stage: 'in-role', probation: { outcome: 'passed', newEndDate: null }, lastAppliedRevision: 9 });
    });

    it('applying every event twice, in any batching, leaves identical read models', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const events = interleave(toEnvelopes(a, onboardingJourney(a)), toEnvelopes(b, onboardingJourney(b)));
      await projection.handle(events);
      const once = await dumpReadModels(store);
      expect(once.timeline).toHaveLength(20);

      // Redelivery as at-least-once produces it: the whole stream again, one by one, and overlapping batches.
      await projection.handle(events);
      for (const event of events) await projection.handle([event]);
      for (let i = 0; i < events.length; i += 3) await projection.handle(events.slice(i, i + 7));
      expect(await dumpReadModels(store)).toEqual(once);

      // And the same events applied twice each from an empty store, as a replay would.
      await projection.truncate();
      for (const event of events) await projection.handle([event, event]);
      expect(await dumpReadModels(store)).toEqual(once);
    });

    it('skips a type it does not know but still advances the revision, and fails on an unknown version', async () => {
      const id = randomUUID();
      const [hired] = toEnvelopes(id, onboardingJourney(id));
      const unknown: JourneyEnvelope = { ...hired!, eventId: randomUUID(), type: 'journey.not-in-catalogue.happened', revision: '1', data: {} };
      await projection.handle([hired!, unknown]);
      expect(await timelineOf(id)).toHaveLength(1);
      expect((await store.get<JourneyStatus>(JOURNEYS_COLLECTION, id))!.doc.lastAppliedRevision).toBe(1);
      const tooNew: JourneyEnvelope = { ...hired!, eventId: randomUUID(), type: 'journey.onboarding.task-completed', version: 9, revision: '2' };
      await expect(projection.handle([tooNew])).rejects.toThrow(/no version 9/);
      expect((await store.get<JourneyStatus>(JOURNEYS_COLLECTION, id))!.doc.lastAppliedRevision).toBe(1);
    });

    it('ignores events of streams that are not journeys', async () => {
      const id = randomUUID();
      const [hired] = toEnvelopes(id, onboardingJourney(id));
      await projection.handle([{ ...hired!, stream: `audit-${id}` }]);
      expect(await store.get(JOURNEYS_COLLECTION, id)).toBeUndefined();
    });
  });
}
