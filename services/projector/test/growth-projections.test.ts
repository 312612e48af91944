import { randomUUID } from 'node:crypto';
import { CourseStreams, MentoringStreams, OpeningStreams } from '@ejp/contracts';
import {
  type Course,
  CourseReadModel,
  type DevelopmentPlan,
  DevelopmentPlanReadModel,
  type InternalApplication,
  InternalApplicationReadModel,
  type LearningRecord,
  LearningRecordReadModel,
  type MentoringRound,
  MentoringRoundReadModel,
  type Mentorship,
  MentorshipReadModel,
  type Opening,
  OpeningReadModel,
  type AttritionCell,
  AttritionReadModel,
  type JourneyStatus,
  JourneyStatusReadModel,
  type Move,
  MoveReadModel,
  type SkillCoverageCell,
  SkillCoverageReadModel,
  type TimelineEntry,
  TimelineReadModel,
} from '@ejp/contracts/read-models';
import { dumpCollections, JourneyBuilder, readStoreBackends, toEnvelopes } from '@ejp/projection-kit/testing';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { describe, expect, it } from 'vitest';
import { useProjector } from './projector-fixture.ts';
import { createProjector, journeyProjections } from '../src/projector.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'projector_growth')).db : undefined;
const everyCollection = journeyProjections().flatMap((p) => p.collections.map((c) => c.collection));
const MANAGER = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const NEW_MANAGER = '3c2b1a0f-8e7d-4c6b-9a5f-4e3d2c1b0a9f';

/** An employee with a plan and a transfer, a round that pairs two mentees with one mentor, an opening they applied to. */
function scenario() {
  const [mentor, cy, dev] = [randomUUID(), randomUUID(), randomUUID()];
  const goalId = randomUUID();
  const actionId = randomUUID();
  const was = { department: 'Platform', role: 'Engineer', level: 'L4', managerId: MANAGER };
  const plan = new JourneyBuilder(dev)
    .hire()
    .step('journey.development-plan.goal-set', { goalId, title: 'Own a service', skills: ['kubernetes'] })
    .step('journey.development-plan.action-added', { actionId, goalId, title: 'Pair on the deploy', dueOn: '2024-03-01' })
    .step('journey.development-plan.action-completed', { actionId, completedOn: '2024-02-20' })
    .step('journey.development-plan.check-in-recorded', { checkInId: randomUUID(), progress: 40, notes: 'Steady' }, { actor: { id: MANAGER, kind: 'manager' } })
    .step('journey.employee.position-changed', { kind: 'transfer', effectiveOn: '2024-04-01', ...was, department: 'Sales', managerId: NEW_MANAGER, from: was });
  const roundId = randomUUID();
  const reasons = [{ factor: 'skills', points: 10, detail: 'offers kubernetes' }];
  const round = new JourneyBuilder(roundId)
    .step('growth.mentoring.round-opened', { title: 'Spring' })
    .step('growth.mentoring.mentor-offered', { mentorId: mentor, department: 'Platform', seniority: 5, skills: ['kubernetes'], topics: [], capacity: 2 })
    .step('growth.mentoring.mentee-enrolled', { menteeId: cy, department: 'Sales', seniority: 2, managerId: null, goals: ['kubernetes'] })
    .step('growth.mentoring.mentee-enrolled', { menteeId: dev, department: 'Platform', seniority: 3, managerId: MANAGER, goals: ['kubernetes'] })
    .step('growth.mentoring.pairs-proposed', { proposals: [{ mentorId: mentor, menteeId: cy, score: 17, reasons }, { mentorId: mentor, menteeId: dev, score: 14, reasons }], unmatched: [], total: 31 })
    .step('growth.mentoring.proposal-accepted', { mentorId: mentor, menteeId: cy, by: 'mentee' })
    .step('growth.mentoring.proposal-accepted', { mentorId: mentor, menteeId: cy, by: 'mentor' })
    .step('growth.mentoring.mentorship-started', { mentorId: mentor, menteeId: cy })
    .step('growth.mentoring.session-recorded', { sessionId: randomUUID(), mentorId: mentor, menteeId: cy, heldOn: '2024-03-04', durationMinutes: 30 })
    .step('growth.mentoring.proposal-declined', { mentorId: mentor, menteeId: dev, by: 'mentee' });
  const openingId = randomUUID();
  const opening = new JourneyBuilder(openingId)
    .step('growth.opening.posted', { kind: 'transfer', title: 'Sales engineering', department: 'Sales', role: 'Sales Engineer', level: 'L4', managerId: NEW_MANAGER, skills: [], startsOn: '2024-04-01' })
    .step('growth.opening.application-submitted', { applicantId: dev, currentManagerId: MANAGER })
    .step('growth.opening.application-approved', { applicantId: dev, by: 'manager' })
    .step('growth.opening.application-approved', { applicantId: dev, by: 'hr' })
    .step('growth.opening.filled', { applicantId: dev });
  const courseId = randomUUID();
  const course = new JourneyBuilder(courseId)
    .step('growth.course.added', { title: 'Our codebase', provider: 'internal', skills: ['typescript'] })
    .step('growth.course.enrolled', { employeeId: dev })
    .step('growth.course.enrolled', { employeeId: cy })
    .step('growth.course.completed', { employeeId: dev, completedOn: '2024-02-01' });
  const events = [
    ...toEnvelopes(courseId, course.steps, 60).map((e) => ({ ...e, stream: CourseStreams.streamOf(courseId) })),
    ...toEnvelopes(dev, plan.steps, 1),
    ...toEnvelopes(roundId, round.steps, 20).map((e) => ({ ...e, stream: MentoringStreams.streamOf(roundId) })),
    ...toEnvelopes(openingId, opening.steps, 40).map((e) => ({ ...e, stream: OpeningStreams.streamOf(openingId) })),
  ];
  return { ids: { mentor, cy, dev, roundId, openingId, courseId }, events };
}

/** Hired into Platform, transferred to Sales under a new manager, then resigns. */
function transferred(): JourneyBuilder {
  const was = { department: 'Platform', role: 'Engineer', level: 'L4', managerId: '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a' };
  return new JourneyBuilder(randomUUID())
    .hire({ department: 'Platform', startDate: '2023-02-01' })
    .step('journey.employee.position-changed', { kind: 'transfer', effectiveOn: '2024-01-15', department: 'Sales', role: 'Sales Engineer', level: 'L4', managerId: NEW_MANAGER, from: was })
    .step('journey.move.plan-assigned', { effectiveOn: '2024-01-15', tasks: [{ id: 'records', title: 'Update records', owner: 'hr', dueOffsetDays: 0, required: true }, { id: 'check-in-30', title: '30 days on', owner: 'new-manager', dueOffsetDays: 30, required: false }] })
    .step('journey.move.task-completed', { taskId: 'records' })
    .startOffboarding({ lastDay: '2024-07-10' }, '2024-06-03T09:00:00.000Z')
    .interview('growth')
    .depart({ lastDay: '2024-07-10' });
}

/** A mentor and a mentee with journeys, and a round in its own stream that pairs them, starts the mentorship and records a session. */
function mentoringScenario() {
  const mentor = new JourneyBuilder(randomUUID()).hire({ department: 'Platform' });
  const mentee = new JourneyBuilder(randomUUID()).hire({ department: 'Sales' }).step('journey.development-plan.goal-set', { goalId: randomUUID(), title: 'Ship a service on my own', skills: ['typescript'] });
  const pair = { mentorId: mentor.employeeId, menteeId: mentee.employeeId };
  const roundId = randomUUID();
  const round = new JourneyBuilder(roundId, '2024-03-01T09:00:00.000Z')
    .step('growth.mentoring.round-opened', { title: 'Spring' })
    .step('growth.mentoring.mentorship-started', pair)
    .step('growth.mentoring.session-recorded', { sessionId: randomUUID(), ...pair, heldOn: '2024-03-04', durationMinutes: 45 });
  const roundEvents = toEnvelopes(roundId, round.steps, 100).map((e) => ({ ...e, stream: MentoringStreams.streamOf(roundId) }));
  return { mentor, mentee, roundEvents, journeys: [...toEnvelopes(mentor.employeeId, mentor.steps, 1), ...toEnvelopes(mentee.employeeId, mentee.steps, 10)] };
}

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`growth projections on ${backend.name}`, () => {
    const t = useProjector(backend);

    it('writes the plan, the round with its capacity, each mentorship and each application, once however often delivered', async () => {
      const { ids, events } = scenario();
      await t.projector.handle(events);
      const plan = (await t.store.get<DevelopmentPlan>(DevelopmentPlanReadModel.collection, ids.dev))!.doc;
      expect(plan).toMatchObject({ managerId: NEW_MANAGER, progress: { goals: 1, goalsAchieved: 0, actions: 1, actionsDone: 1, latestCheckIn: 40 } });
      expect(plan.checkIns[0]!.byId).toBe(MANAGER);
      expect(JSON.stringify(plan)).not.toMatch(/Own a service|Pair on the deploy|Steady/);

      const round = (await t.store.get<MentoringRound>(MentoringRoundReadModel.collection, ids.roundId))!.doc;
      expect(round).toMatchObject({ title: 'Spring', status: 'matched', menteeIds: [ids.cy, ids.dev], totalScore: 31 });
      // dev declined: one of the mentor's two places is free again.
      expect(round.mentors.map((m) => [m.mentorId, m.capacity, m.proposed])).toEqual([[ids.mentor, 2, 1]]);

      const mine = await t.store.query<Mentorship>(MentorshipReadModel.collection, { where: { menteeId: ids.cy }, orderBy: [{ field: 'proposedAt' }] });
      expect(mine.items.map((i) => i.doc)).toEqual([
        expect.objectContaining({ mentorId: ids.mentor, status: 'started', acceptedBy: ['mentee', 'mentor'], sessions: 1, lastSessionOn: '2024-03-04', score: 17 }),
      ]);
      const mentoring = await t.store.query<Mentorship>(MentorshipReadModel.collection, { where: { mentorId: ids.mentor }, orderBy: [{ field: 'proposedAt' }] });
      expect(mentoring.items.map((i) => [i.doc.menteeId, i.doc.status]).sort()).toEqual([[ids.cy, 'started'], [ids.dev, 'declined']].sort());

      expect((await t.store.get<Opening>(OpeningReadModel.collection, ids.openingId))!.doc).toMatchObject({ status: 'filled', applications: 1, filledBy: ids.dev });
      const applications = await t.store.query<InternalApplication>(InternalApplicationReadModel.collection, { where: { applicantId: ids.dev }, orderBy: [{ field: 'submittedAt' }] });
      expect(applications.items.map((i) => i.doc)).toEqual([expect.objectContaining({ status: 'filled', approvedBy: ['manager', 'hr'], opening: expect.objectContaining({ title: 'Sales engineering' }) })]);

      expect((await t.store.get<Course>(CourseReadModel.collection, ids.courseId))!.doc).toMatchObject({ title: 'Our codebase', url: null, enrolled: 2, completed: 1 });
      const learning = await t.store.query<LearningRecord>(LearningRecordReadModel.collection, { where: { employeeId: ids.dev }, orderBy: [{ field: 'courseId' }] });
      expect(learning.items.map((i) => [i.doc.status, i.doc.completedOn])).toEqual([['completed', '2024-02-01']]);

      const once = await dumpCollections(t.store, everyCollection);
      await t.projector.handle(events);
      for (const event of events) await t.projector.handle([event]);
      expect(await dumpCollections(t.store, everyCollection)).toEqual(once);
    });

    it('moves the journey status to the new manager and department, and the departure is counted in the new department', async () => {
      const journey = transferred();
      const events = toEnvelopes(journey.employeeId, journey.steps);
      // Up to the move: the status has the new reporting line, the onboarding of the hire stays.
      await t.projector.handle(events.slice(0, 3));
      const status = (await t.store.get<JourneyStatus>(JourneyStatusReadModel.collection, journey.employeeId))!.doc;
      expect(status).toMatchObject({ department: 'Sales', role: 'Sales Engineer', level: 'L4', managerId: NEW_MANAGER, startDate: '2023-02-01', lastAppliedRevision: 2 });
      // Everything, delivered twice: the one departure counts once, in Sales.
      await t.projector.handle(events);
      await t.projector.handle(events);
      const move = (await t.store.get<Move>(MoveReadModel.collection, journey.employeeId))!.doc;
      expect(move).toMatchObject({ kind: 'transfer', effectiveOn: '2024-01-15', from: { department: 'Platform' }, to: { department: 'Sales', managerId: NEW_MANAGER }, progress: { done: 1, total: 2, requiredDone: 1, requiredTotal: 1 } });
      expect(move.tasks.map((t) => [t.id, t.dueDate, t.done])).toEqual([['records', '2024-01-15', true], ['check-in-30', '2024-02-14', false]]);
      const page = await t.store.query<AttritionCell>(AttritionReadModel.collection, { where: { month: { gte: '2000-01' } }, orderBy: [{ field: 'month' }], limit: 100 });
      expect(page.items.map((i) => [i.doc.department, i.doc.departures])).toEqual([['Sales', 1]]);
    });

    // Journey order, then time: a contributed entry shares the revision of the last own event before it.
    const timelineOf = async (employeeId: string) =>
      (await t.store.query<TimelineEntry>(TimelineReadModel.collection, { where: { employeeId }, orderBy: [{ field: 'revision' }], limit: 100 })).items
        .map((i) => i.doc)
        .sort((a, b) => a.revision - b.revision || a.occurredAt.localeCompare(b.occurredAt));

    it("shows the mentorship in both the mentor's and the mentee's timeline, and nothing under the round, once however often delivered", async () => {
      const { mentor, mentee, roundEvents, journeys } = mentoringScenario();
      await t.projector.handle(journeys);
      await t.projector.handle(roundEvents);
      expect((await timelineOf(mentee.employeeId)).map((e) => [e.revision, e.title])).toEqual([
        [0, 'Hired as Engineer in Sales'],
        [1, 'Development goal set: typescript'],
        [1, 'Mentorship started with a mentor'],
        [1, 'Mentoring session (45 minutes) as mentee'],
      ]);
      expect((await timelineOf(mentor.employeeId)).map((e) => e.title)).toEqual(['Hired as Engineer in Platform', 'Started mentoring a colleague', 'Mentoring session (45 minutes) as mentor']);
      expect(await timelineOf(roundEvents[0]!.stream.slice('mentoring-'.length))).toEqual([]);
      // The round's events may come before a journey's (another partition): the entry is not lost.
      const early = mentoringScenario();
      await t.projector.handle(early.roundEvents);
      expect((await timelineOf(early.mentee.employeeId)).map((e) => [e.revision, e.stage, e.chapter, e.title])).toEqual([
        [0, 'in-role', 1, 'Mentorship started with a mentor'],
        [0, 'in-role', 1, 'Mentoring session (45 minutes) as mentee'],
      ]);
      // The goal's title is the mentee's personal data: withheld from the entry.
      expect(JSON.stringify(await timelineOf(mentee.employeeId))).not.toContain('Ship a service');
      const once = await dumpCollections(t.store, everyCollection);
      await t.projector.handle([...journeys, ...roundEvents]);
      for (const event of roundEvents) await t.projector.handle([event]);
      expect(await dumpCollections(t.store, everyCollection)).toEqual(once);
    });
  });
}

describe('skill coverage on sqlite', () => {
  const [sqlite] = readStoreBackends(undefined);
  it('counts each employee once per skill in their department, moves them with a transfer, and is idempotent', async () => {
    const store = await sqlite!.open();
    try {
      const projector = createProjector(store);
      await projector.init();
      const was = { department: 'Platform', role: 'Engineer', level: 'L4', managerId: MANAGER };
      const journeys = Array.from({ length: 6 }, (_, i) => {
        const goalId = randomUUID();
        const journey = new JourneyBuilder(randomUUID()).hire().step('journey.development-plan.goal-set', { goalId, title: 'Run a cluster', skills: ['kubernetes'] });
        // A second goal on the same skill counts the employee once.
        if (i === 0) journey.step('journey.development-plan.goal-set', { goalId: randomUUID(), title: 'Operate it too', skills: ['kubernetes', 'sql'] });
        if (i < 2) journey.step('journey.development-plan.goal-achieved', { goalId });
        if (i === 5) journey.step('journey.employee.position-changed', { kind: 'transfer', effectiveOn: '2024-04-01', ...was, department: 'Sales', from: was });
        return toEnvelopes(journey.employeeId, journey.steps, 1 + i * 10);
      });
      const events = journeys.flat();
      await projector.handle(events);
      await projector.handle(events);
      const cells = await store.query<SkillCoverageCell>(SkillCoverageReadModel.collection, { orderBy: [{ field: 'skill' }], limit: 100 });
      expect(cells.items.map((i) => i.doc).sort((a, b) => `${a.department}${a.skill}`.localeCompare(`${b.department}${b.skill}`))).toEqual([
        { department: 'Platform', skill: 'kubernetes', growing: 3, achieved: 2 },
        { department: 'Platform', skill: 'sql', growing: 1, achieved: 0 },
        { department: 'Sales', skill: 'kubernetes', growing: 1, achieved: 0 },
      ]);
    } finally {
      await store.drop();
      await store.close();
    }
  });
});
