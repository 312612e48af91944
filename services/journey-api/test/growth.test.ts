import { randomUUID } from 'node:crypto';
import { CourseStreams, MentoringStreams, OpeningStreams } from '@ejp/contracts';
import type { ProjectionRunner } from '@ejp/projection-kit';
import { JourneyBuilder, MANAGER_ID, readStoreBackends, toEnvelopes } from '@ejp/projection-kit/testing';
import { createProjector } from '@ejp/projector';
import type { ReadStore } from '@ejp/readstore';
import type { ServiceApp } from '@ejp/service-kit';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skillCoverageAnswer } from '../src/skills-route.ts';
import { bearer, buildApp } from './app.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'journey_api_growth')).db : undefined;

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`growth routes on ${backend.name}`, () => {
    let store: ReadStore;
    let projector: ProjectionRunner;
    let app: ServiceApp;
    const [mentor, mentee, roundId, openingId, courseId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];

    beforeAll(async () => {
      store = await backend.open();
      projector = createProjector(store);
      await projector.init();
      const was = { department: 'Platform', role: 'Engineer', level: 'L4', managerId: MANAGER_ID };
      const plan = new JourneyBuilder(mentee)
        .hire()
        .step('journey.development-plan.goal-set', { goalId: randomUUID(), title: 'Speak at a meetup', skills: ['public-speaking'] })
        .step('journey.employee.position-changed', { kind: 'promotion', effectiveOn: '2024-09-01', ...was, level: 'L5', from: was })
        .step('journey.move.plan-assigned', { effectiveOn: '2024-09-01', tasks: [{ id: 'records', title: 'Update title, level and pay', owner: 'hr', dueOffsetDays: 0, required: true }] });
      const round = new JourneyBuilder(roundId)
        .step('growth.mentoring.round-opened', { title: 'Autumn' })
        .step('growth.mentoring.mentor-offered', { mentorId: mentor, department: 'Sales', seniority: 5, skills: ['public-speaking'], topics: [], capacity: 3 })
        .step('growth.mentoring.mentee-enrolled', { menteeId: mentee, department: 'Platform', seniority: 3, managerId: null, goals: ['public-speaking'] })
        .step('growth.mentoring.pairs-proposed', { proposals: [{ mentorId: mentor, menteeId: mentee, score: 19, reasons: [{ factor: 'skills', points: 10, detail: 'offers public-speaking' }] }], unmatched: [], total: 19 });
      const course = new JourneyBuilder(courseId)
        .step('growth.course.added', { title: 'Kubernetes basics', provider: 'external', url: 'https://learn.example.com/k8s', skills: ['kubernetes'] })
        .step('growth.course.enrolled', { employeeId: mentee })
        .step('growth.course.completed', { employeeId: mentee, completedOn: '2024-08-01', externalId: 'lms-1' });
      const opening = new JourneyBuilder(openingId)
        .step('growth.opening.posted', { kind: 'rotation', title: 'Six months in Sales', department: 'Sales', role: 'Sales Engineer', level: 'L4', managerId: mentor, skills: [], startsOn: '2024-09-01' })
        .step('growth.opening.application-submitted', { applicantId: mentee, currentManagerId: null });
      await projector.handle([
        ...toEnvelopes(mentee, plan.steps, 1),
        ...toEnvelopes(roundId, round.steps, 10).map((e) => ({ ...e, stream: MentoringStreams.streamOf(roundId) })),
        ...toEnvelopes(openingId, opening.steps, 20).map((e) => ({ ...e, stream: OpeningStreams.streamOf(openingId) })),
        ...toEnvelopes(courseId, course.steps, 30).map((e) => ({ ...e, stream: CourseStreams.streamOf(courseId) })),
      ]);
      app = await buildApp(store);
    });
    afterAll(async () => {
      await app?.close();
      await store.drop();
      await store.close();
    });

    const get = async (url: string, subject: string, roles: ('employee' | 'manager' | 'hr')[] = ['employee']) => app.inject({ method: 'GET', url, headers: await bearer(subject, roles) });

    it("serves the employee's own plan and mentorships, and refuses another employee's", async () => {
      const plan = await get(`/employees/${mentee}/development-plan`, mentee);
      expect(plan.statusCode).toBe(200);
      expect(plan.json()).toMatchObject({ employeeId: mentee, goals: [{ skills: ['public-speaking'], achieved: false }], progress: { goals: 1 } });
      expect(plan.body).not.toContain('meetup');
      expect((await get(`/employees/${mentee}/development-plan`, mentor)).statusCode).toBe(403);
      expect((await get(`/employees/${mentee}/development-plan`, 'hr-1', ['hr'])).statusCode).toBe(200);
      const move = await get(`/employees/${mentee}/move`, mentee);
      expect(move.json()).toMatchObject({ kind: 'promotion', from: { level: 'L4' }, to: { level: 'L5' }, tasks: [{ id: 'records', dueDate: '2024-09-01', done: false }] });
      expect((await get(`/employees/${mentor}/move`, mentor)).statusCode).toBe(404);
      const mine = (await get(`/employees/${mentee}/mentorships`, mentee)).json();
      expect(mine.asMentee.map((m: { mentorId: string; status: string; reasons: unknown[] }) => [m.mentorId, m.status, m.reasons.length])).toEqual([[mentor, 'proposed', 1]]);
      expect((await get(`/employees/${mentor}/mentorships`, mentor)).json().asMentor).toHaveLength(1);
    });

    it('lists the mentor directory with places left, the open openings and my applications', async () => {
      const directory = (await get(`/mentoring-rounds/${roundId}/mentors`, mentee)).json();
      expect(directory).toMatchObject({ title: 'Autumn', status: 'matched', mentees: 1, mentors: [{ mentorId: mentor, capacity: 3, proposed: 1, available: 2 }] });
      expect((await get(`/mentoring-rounds/${randomUUID()}/mentors`, mentee)).statusCode).toBe(404);
      expect((await get('/openings', mentee)).json().items.map((o: { openingId: string; applications: number }) => [o.openingId, o.applications])).toEqual([[openingId, 1]]);
      expect((await get('/openings?status=filled', mentee)).json().items).toEqual([]);
      expect((await get(`/employees/${mentee}/applications`, mentee)).json().items).toEqual([expect.objectContaining({ openingId, status: 'submitted' })]);
      expect((await get(`/employees/${mentee}/applications`, mentor)).statusCode).toBe(403);
    });

    it('lists the course catalogue and my learning records', async () => {
      expect((await get('/courses', mentee)).json().items).toEqual([expect.objectContaining({ courseId, title: 'Kubernetes basics', url: 'https://learn.example.com/k8s', enrolled: 1, completed: 1 })]);
      const mine = (await get(`/employees/${mentee}/learning`, mentee)).json().items;
      expect(mine).toEqual([expect.objectContaining({ courseId, status: 'completed', completedOn: '2024-08-01', externalId: 'lms-1', course: expect.objectContaining({ provider: 'external' }) })]);
      expect((await get(`/employees/${mentee}/learning`, mentor)).statusCode).toBe(403);
    });

    it('shows skills coverage to HR with a department of one withheld', async () => {
      expect((await get('/analytics/skills', mentee)).statusCode).toBe(403);
      const answer = (await get('/analytics/skills?skill=public-speaking', 'hr-1', ['hr'])).json();
      expect(answer).toEqual({
        minGroupSize: 5,
        skills: [{ skill: 'public-speaking', company: { growing: 1, achieved: 0 }, departments: [{ department: 'Platform', growing: { count: null, suppressed: 'below-minimum' }, achieved: { count: 0, suppressed: null } }] }],
      });
    });
  });
}

describe('skillCoverageAnswer', () => {
  it('shows company totals, withholds small departments and the next-smallest so none can be derived', () => {
    const cells = [
      { department: 'Platform', skill: 'sql', growing: 7, achieved: 5 },
      { department: 'Sales', skill: 'sql', growing: 6, achieved: 0 },
      { department: 'People', skill: 'sql', growing: 2, achieved: 0 },
    ];
    expect(skillCoverageAnswer(cells, 5)).toEqual([
      {
        skill: 'sql',
        company: { growing: 15, achieved: 5 },
        departments: [
          { department: 'People', growing: { count: null, suppressed: 'below-minimum' }, achieved: { count: 0, suppressed: null } },
          { department: 'Platform', growing: { count: 7, suppressed: null }, achieved: { count: 5, suppressed: null } },
          { department: 'Sales', growing: { count: null, suppressed: 'next-smallest' }, achieved: { count: 0, suppressed: null } },
        ],
      },
    ]);
  });
});
