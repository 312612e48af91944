import { randomUUID } from 'node:crypto';
import {
  type Alumnus,
  AlumniDirectoryReadModel,
  type JourneyStatus,
  JourneyStatusReadModel,
  type OffboardingProgress,
  OffboardingProgressReadModel,
  type TimelineEntry,
  TimelineReadModel,
} from '@ejp/contracts/read-models';
import { dumpCollections, JourneyBuilder, OFFBOARDING_PERSONAL_VALUES, readStoreBackends, toEnvelopes } from '@ejp/projection-kit/testing';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { describe, expect, it } from 'vitest';
import { useProjector } from './projector-fixture.ts';
import { journeyProjections } from '../src/projector.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'projector_offboarding')).db : undefined;
const everyCollection = journeyProjections().flatMap((p) => p.collections.map((c) => c.collection));

/** Hired for 2024-02-01, resigned with the last day 2024-06-28 moved to 2024-07-12, interviewed, departed. */
function departure(id: string): JourneyBuilder {
  return new JourneyBuilder(id)
    .hire()
    .startOffboarding({ lastDay: '2024-06-28' }, '2024-06-03T09:00:00.000Z')
    .plan()
    .complete('handover')
    .moveLastDay('2024-06-28', '2024-07-12')
    .interview('management')
    .depart({ lastDay: '2024-07-12', departedOn: '2024-07-10', override: { openTasks: ['laptop'], beforeLastDay: true } });
}

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`offboarding projections on ${backend.name}`, () => {
    const t = useProjector(backend);

    const get = async <T>(collection: string, id: string) => (await t.store.get<T>(collection, id))?.doc;
    const timelineOf = async (id: string) =>
      (await t.store.query<TimelineEntry>(TimelineReadModel.collection, { where: { employeeId: id }, orderBy: [{ field: 'revision' }], limit: 1000 })).items.map((i) => i.doc);

    it('keeps the offboarding progress: due dates from the moved last day, the interview done, the departure and its override without its reason', async () => {
      const id = randomUUID();
      const steps = departure(id).steps;
      await t.projector.handle(toEnvelopes(id, steps.slice(0, 4)));
      const before = await get<OffboardingProgress>(OffboardingProgressReadModel.collection, id);
      expect(before!.tasks.map((t) => [t.id, t.dueDate, t.done])).toEqual([
        ['handover', '2024-06-23', true],
        ['laptop', '2024-06-28', false],
        ['farewell', '2024-06-27', false],
      ]);

      await t.projector.handle(toEnvelopes(id, steps));
      const progress = (await get<OffboardingProgress>(OffboardingProgressReadModel.collection, id))!;
      expect(progress).toMatchObject({
        chapter: 1,
        state: 'departed',
        kind: 'resignation',
        voluntary: true,
        regrettable: true,
        initiatedBy: 'employee',
        lastDay: '2024-07-12',
        progress: { done: 1, total: 3, requiredDone: 1, requiredTotal: 2 },
        exitInterview: { primaryReason: 'management' },
        accessRemovalDueOn: '2024-07-10',
        departure: { departedOn: '2024-07-10', overridden: true, openTasks: ['laptop'], beforeLastDay: true },
        lastAppliedRevision: steps.length - 1,
      });
      expect(progress.tasks.map((t) => t.dueDate)).toEqual(['2024-07-07', '2024-07-12', '2024-07-11']);
      expect(OffboardingProgressReadModel.schema.parse(progress)).toEqual(progress);
      const everything = JSON.stringify(await dumpCollections(t.store, everyCollection));
      for (const value of OFFBOARDING_PERSONAL_VALUES) expect(everything).not.toContain(value);
    });

    it('shows both chapters on the timeline after a rehire: the new chapter follows the old one, marked chapter 2', async () => {
      const id = randomUUID();
      const journey = departure(id).enrol().refer().rehireEligibility(true).rehire({ startDate: '2025-03-03' });
      journey.step('journey.onboarding.plan-assigned', { tasks: [{ id: 'handover', title: 'Welcome back lunch', owner: 'manager', dueOffsetDays: 0, required: false }] });
      journey.step('journey.onboarding.task-completed', { taskId: 'handover' }, { at: '2025-03-03T12:00:00.000Z' });
      const events = toEnvelopes(id, journey.steps);
      await t.projector.handle(events);

      const timeline = await timelineOf(id);
      expect(timeline.map((e) => [e.revision, e.chapter, e.stage, e.title])).toEqual([
        [0, 1, 'pre-boarding', 'Hired as Engineer in Platform'],
        [1, 1, 'onboarding', 'Resignation recorded: last day 2024-06-28'],
        [2, 1, 'offboarding', 'Offboarding plan assigned: 3 tasks (2 required)'],
        [3, 1, 'offboarding', 'Offboarding task completed: Hand over the on-call runbook'],
        [4, 1, 'offboarding', 'Last day moved from 2024-06-28 to 2024-07-12'],
        [5, 1, 'offboarding', 'Exit interview recorded: management'],
        [6, 1, 'offboarding', 'Access removal due on 2024-07-10'],
        [7, 1, 'offboarding', 'Departed on 2024-07-10 (with an override)'],
        [8, 1, 'alumni', 'Joined the alumni programme'],
        [9, 1, 'alumni', 'Referral made by an alumnus'],
        [10, 1, 'alumni', 'Eligible for rehire'],
        [11, 2, 'pre-boarding', 'Rehired as Staff Engineer in Platform, starting 2025-03-03'],
        [12, 2, 'pre-boarding', 'Onboarding plan assigned: 1 task (0 required)'],
        [13, 2, 'onboarding', 'Task completed: Welcome back lunch'],
      ]);
      // Withheld, never shown: the interview's notes, the override's reason, the contact address.
      expect(timeline[5]!.withheld).toEqual(['$.notes']);
      expect(timeline[7]!.withheld).toEqual(['$.override.reason']);
      expect(timeline[8]!.data).toEqual({ consent: true, contactPreference: 'email' });

      const status = (await get<JourneyStatus>(JourneyStatusReadModel.collection, id))!;
      expect(status).toMatchObject({ stage: 'onboarding', role: 'Staff Engineer', startDate: '2025-03-03', stageFold: { chapter: 2 }, progress: { done: 1, total: 1 } });
      expect(await get<OffboardingProgress>(OffboardingProgressReadModel.collection, id)).toMatchObject({ chapter: 2, state: 'not-started', tasks: [], exitInterview: null });
      expect(await get<Alumnus>(AlumniDirectoryReadModel.collection, id)).toMatchObject({ listed: false, chapter: 2, rehireEligible: null, referrals: 1, role: 'Staff Engineer' });
    });

    it('lists consented alumni with rehire eligibility and referrals, and drops them when consent is withdrawn', async () => {
      const [alumna, notEnrolled] = [randomUUID(), randomUUID()];
      const enrolled = departure(alumna).enrol().refer().refer().rehireEligibility(false).rehireEligibility(true);
      await t.projector.handle([...toEnvelopes(alumna, enrolled.steps), ...toEnvelopes(notEnrolled, departure(notEnrolled).steps)]);
      const listed = async () =>
        (await t.store.query<Alumnus>(AlumniDirectoryReadModel.collection, { where: { listed: true }, orderBy: [{ field: 'departedOn', direction: 'desc' }] })).items.map((i) => i.doc);
      expect(await listed()).toEqual([
        expect.objectContaining({ employeeId: alumna, chapter: 1, department: 'Platform', departedOn: '2024-07-10', contactPreference: 'email', rehireEligible: true, referrals: 2 }),
      ]);
      expect(await get<Alumnus>(AlumniDirectoryReadModel.collection, notEnrolled)).toMatchObject({ listed: false, departedOn: '2024-07-10', contactPreference: null });

      await t.projector.handle(toEnvelopes(alumna, enrolled.withdrawConsent().steps));
      expect(await listed()).toEqual([]);
      expect(await get<Alumnus>(AlumniDirectoryReadModel.collection, alumna)).toMatchObject({ listed: false, contactPreference: null, referrals: 2 });
    });

    it('a withdrawn resignation leaves the offboarding withdrawn, and a later start begins afresh', async () => {
      const id = randomUUID();
      const journey = new JourneyBuilder(id).hire().startOffboarding({ lastDay: '2024-05-31' }, '2024-05-01T09:00:00.000Z').plan().complete('laptop').withdraw();
      await t.projector.handle(toEnvelopes(id, journey.steps));
      expect(await get<OffboardingProgress>(OffboardingProgressReadModel.collection, id)).toMatchObject({ state: 'withdrawn', progress: { done: 1 } });
      await t.projector.handle(toEnvelopes(id, journey.startOffboarding({ kind: 'retirement', lastDay: '2024-12-31', regrettable: false }).steps));
      expect(await get<OffboardingProgress>(OffboardingProgressReadModel.collection, id)).toMatchObject({ state: 'in-progress', kind: 'retirement', tasks: [], exitInterview: null });
    });
  });
}
