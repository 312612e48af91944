import { randomUUID } from 'node:crypto';
import type { ProjectionRunner } from '@ejp/projection-kit';
import { JourneyBuilder, MANAGER_ID, OFFBOARDING_PERSONAL_VALUES, readStoreBackends, toEnvelopes } from '@ejp/projection-kit/testing';
import { createProjector } from '@ejp/projector';
import type { ReadStore } from '@ejp/readstore';
import type { ServiceApp } from '@ejp/service-kit';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildApp } from './app.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'journey_api_offboarding')).db : undefined;

interface OffboardingBody {
  state: string;
  chapter: number;
  lastDay: string;
  daysToLastDay: number;
  interviewDone: boolean;
  departed: boolean;
  tasks: { id: string; dueDate: string; done: boolean; overdue: boolean }[];
  projectedRevision: number;
}

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`offboarding and alumni routes on ${backend.name}`, () => {
    let store: ReadStore;
    let projector: ProjectionRunner;
    let app: ServiceApp;
    let hr: { authorization: string };
    const leaver = randomUUID();
    const alumna = randomUUID();
    const journey = new JourneyBuilder(leaver).hire().startOffboarding({ lastDay: '2024-06-28' }, '2024-06-03T09:00:00.000Z').plan().complete('handover');

    beforeAll(async () => {
      store = await backend.open();
      projector = createProjector(store);
      await projector.init();
      await projector.handle(toEnvelopes(leaver, journey.steps));
      const alumni = new JourneyBuilder(alumna).hire().startOffboarding({ lastDay: '2024-06-28' }, '2024-06-03T09:00:00.000Z').interview().depart({ lastDay: '2024-06-28' });
      await projector.handle(toEnvelopes(alumna, alumni.enrol().refer().rehireEligibility(true).steps));
      const other = randomUUID();
      await projector.handle(toEnvelopes(other, new JourneyBuilder(other).hire().startOffboarding({ lastDay: '2024-05-31' }, '2024-05-02T09:00:00.000Z').depart({ lastDay: '2024-05-31' }).enrol().withdrawConsent().steps));
      app = await buildApp(store, { now: '2024-06-25T12:00:00Z' });
      hr = await bearer('hr-1', ['hr']);
    });
    afterAll(async () => {
      await app?.close();
      await store?.drop();
      await store?.close();
    });

    const progress = async (id: string, headers: Record<string, string>, query = '') => app.inject({ method: 'GET', url: `/employees/${id}/offboarding${query}`, headers });

    it('shows the tasks against the last day, days to it judged on the reader\'s day, and follows a moved last day', async () => {
      const res = await progress(leaver, hr);
      expect(res.statusCode).toBe(200);
      const body = res.json<OffboardingBody>();
      expect(body).toMatchObject({ state: 'in-progress', chapter: 1, lastDay: '2024-06-28', daysToLastDay: 3, interviewDone: false, departed: false, projectedRevision: 3 });
      expect(body.tasks.map((t) => [t.id, t.dueDate, t.done, t.overdue])).toEqual([
        ['handover', '2024-06-23', true, false],
        ['laptop', '2024-06-28', false, false],
        ['farewell', '2024-06-27', false, false],
      ]);

      const moved = toEnvelopes(leaver, journey.moveLastDay('2024-06-28', '2024-06-26').interview('workload').steps);
      await projector.handle(moved);
      const after = (await progress(leaver, hr, `?minRevision=${moved.length - 1}`)).json<OffboardingBody>();
      expect(after).toMatchObject({ lastDay: '2024-06-26', daysToLastDay: 1, interviewDone: true, exitInterview: { primaryReason: 'workload' } });
      // Farewell, a day before the new last day, is now overdue on the 25th.
      expect(after.tasks.map((t) => [t.id, t.dueDate, t.overdue])).toEqual([
        ['handover', '2024-06-21', false],
        ['laptop', '2024-06-26', false],
        ['farewell', '2024-06-25', false],
      ]);
      const late = await buildApp(store, { now: '2024-06-27T08:00:00Z' });
      try {
        const body2 = (await late.inject({ method: 'GET', url: `/employees/${leaver}/offboarding`, headers: hr })).json<OffboardingBody>();
        expect(body2.daysToLastDay).toBe(-1);
        expect(body2.tasks.filter((t) => t.overdue).map((t) => t.id)).toEqual(['laptop', 'farewell']);
      } finally {
        await late.close();
      }
      expect(JSON.stringify(after)).not.toContain('Manager never listened');
    });

    it('lets the employee read their own, refuses another employee with 403 before any lookup, and answers 404 for an unknown journey', async () => {
      expect((await progress(leaver, await bearer(leaver, ['employee']))).statusCode).toBe(200);
      expect((await progress(leaver, await bearer(MANAGER_ID, ['manager']))).statusCode).toBe(200);
      const stranger = await bearer(randomUUID(), ['employee']);
      expect((await progress(leaver, stranger)).statusCode).toBe(403);
      // Same answer for someone who does not exist: a 403 never tells whether they do.
      expect((await progress(randomUUID(), stranger)).statusCode).toBe(403);
      const unknown = await progress(randomUUID(), hr);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('lists consented alumni only, with eligibility, referrals and the contact channel but never the address', async () => {
      const res = await app.inject({ method: 'GET', url: '/alumni', headers: hr });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ items: Record<string, unknown>[]; nextCursor: string | null }>();
      expect(body).toEqual({
        items: [{ employeeId: alumna, chapter: 1, department: 'Platform', role: 'Engineer', departedOn: '2024-06-28', enrolledAt: expect.any(String), contactPreference: 'email', rehireEligible: true, referrals: 1 }],
        nextCursor: null,
      });
      for (const value of OFFBOARDING_PERSONAL_VALUES) expect(res.body).not.toContain(value);
      expect((await app.inject({ method: 'GET', url: '/alumni?rehireEligible=false', headers: hr })).json()).toEqual({ items: [], nextCursor: null });
      const bad = await app.inject({ method: 'GET', url: '/alumni?rehireEligible=maybe', headers: hr });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('rehireEligible');
    });

    it('serves both chapters of a rehired journey on the timeline, and one chapter on its own', async () => {
      const id = randomUUID();
      const boomerang = new JourneyBuilder(id).hire().startOffboarding({ lastDay: '2024-06-28' }, '2024-06-03T09:00:00.000Z').depart({ lastDay: '2024-06-28' });
      await projector.handle(toEnvelopes(id, boomerang.rehireEligibility(true).rehire({ startDate: '2025-01-06' }).steps));
      const all = (await app.inject({ method: 'GET', url: `/employees/${id}/timeline`, headers: hr })).json<{ items: { chapter: number; title: string }[] }>();
      expect(all.items.map((e) => e.chapter)).toEqual([1, 1, 1, 1, 1, 2]);
      const second = (await app.inject({ method: 'GET', url: `/employees/${id}/timeline?chapter=2`, headers: hr })).json<{ items: { chapter: number; title: string }[] }>();
      expect(second.items.map((e) => e.title)).toEqual(['Rehired as Staff Engineer in Platform, starting 2025-01-06']);
      // The rehire starts a fresh offboarding record for chapter 2.
      expect((await progress(id, hr)).json()).toMatchObject({ chapter: 2, state: 'not-started', daysToLastDay: null, departed: false });
    });

    it('keeps the directory to HR and admin', async () => {
      expect((await app.inject({ method: 'GET', url: '/alumni', headers: await bearer('admin-1', ['admin']) })).statusCode).toBe(200);
      for (const roles of [['manager'], ['employee']] as const) {
        expect((await app.inject({ method: 'GET', url: '/alumni', headers: await bearer(MANAGER_ID, [...roles]) })).statusCode).toBe(403);
      }
      expect((await app.inject({ method: 'GET', url: '/alumni' })).statusCode).toBe(401);
    });
  });
}
