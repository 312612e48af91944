import { randomUUID } from 'node:crypto';
import type { ProjectionRunner } from '@ejp/projection-kit';
import { MANAGER_ID, onboardingJourney, readStoreBackends, toEnvelopes } from '@ejp/projection-kit/testing';
import { createProjector } from '@ejp/projector';
import type { ReadStore } from '@ejp/readstore';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RevisionWaiters } from '../src/revision-waiters.ts';
import { bearer, buildApp } from './app.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'journey_api')).db : undefined;

interface TaskBody {
  id: string;
  dueDate: string | null;
  done: boolean;
}
interface JourneyBody {
  stage: string;
  asOf: string;
  startDate: string;
  onboarding: { progress: Record<string, number>; nextDueTasks: TaskBody[]; overdueTasks: TaskBody[]; tasks: TaskBody[] };
  checkInsDone: number[];
  probation: unknown;
  projectedRevision: number;
}

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`GET /employees/{id}/journey on ${backend.name}`, () => {
    let store: ReadStore;
    let projection: ProjectionRunner;
    let hr: { authorization: string };
    beforeAll(async () => {
      store = await backend.open();
      projection = createProjector(store);
      await projection.init();
      hr = await bearer('hr-1', ['hr']);
    });
    afterAll(async () => {
      await store?.drop();
      await store?.close();
    });

    /** An employee whose journey is projected up to `revisions` events. */
    async function employee(revisions: number): Promise<{ id: string; rest: () => Promise<void> }> {
      const id = randomUUID();
      const events = toEnvelopes(id, onboardingJourney(id));
      await projection.handle(events.slice(0, revisions));
      return { id, rest: () => projection.handle(events.slice(revisions)) };
    }

    async function journey(id: string, now: string, query = '', readWaitTimeoutMs?: number) {
      const app = await buildApp(store, { now, ...(readWaitTimeoutMs === undefined ? {} : { readWaitTimeoutMs }) });
      try {
        return await app.inject({ method: 'GET', url: `/employees/${id}/journey${query}`, headers: hr });
      } finally {
        await app.close();
      }
    }

    it('judges tasks against the clock: overdue before today, next due from today, soonest first', async () => {
      // Up to the second completed task: laptop and accounts done; coffee due 03-13, goals 04-09.
      const { id } = await employee(7);
      const body = (await journey(id, '2025-03-15T12:00:00Z')).json<JourneyBody>();
      expect(body).toMatchObject({ stage: 'onboarding', asOf: '2025-03-15T12:00:00.000Z', startDate: '2025-03-10', projectedRevision: 6 });
      expect(body.onboarding.progress).toEqual({ done: 2, total: 4, requiredDone: 2, requiredTotal: 3 });
      expect(body.onboarding.overdueTasks.map((t) => [t.id, t.dueDate])).toEqual([['coffee', '2025-03-13']]);
      expect(body.onboarding.nextDueTasks.map((t) => [t.id, t.dueDate])).toEqual([['goals', '2025-04-09']]);

      // A task due today is not overdue yet.
      const dueToday = (await journey(id, '2025-03-13T23:00:00Z')).json<JourneyBody>();
      expect(dueToday.onboarding.overdueTasks).toEqual([]);
      expect(dueToday.onboarding.nextDueTasks.map((t) => t.id)).toEqual(['coffee', 'goals']);
    });

    it('turns pre-boarding into onboarding on the start date with no event, and uses the moved start date', async () => {
      // Hired, plan, welcome, start date moved from 03-03 to 03-10.
      const { id } = await employee(4);
      const before = (await journey(id, '2025-03-08T12:00:00Z')).json<JourneyBody>();
      expect(before.stage).toBe('pre-boarding');
      expect(before.onboarding.overdueTasks.map((t) => t.id)).toEqual(['laptop']);
      expect(before.onboarding.nextDueTasks.map((t) => t.id)).toEqual(['accounts', 'coffee', 'goals']);
      expect((await journey(id, '2025-03-10T00:00:00Z')).json<JourneyBody>().stage).toBe('onboarding');
    });

    it('shows check-ins done and the probation outcome at the end of the journey', async () => {
      const { id } = await employee(10);
      const body = (await journey(id, '2025-09-02T00:00:00Z')).json<JourneyBody>();
      expect(body).toMatchObject({ stage: 'in-role', checkInsDone: [30], probation: { outcome: 'passed', newEndDate: null }, projectedRevision: 9 });
      expect(body.onboarding.overdueTasks.map((t) => t.id)).toEqual(['coffee', 'goals']);
    });

    it('minRevision: waits while the projection catches up, then answers with the new state', async () => {
      const { id, rest } = await employee(3);
      const started = Date.now();
      const pending = journey(id, '2025-09-02T00:00:00Z', '?minRevision=9', 5_000);
      setTimeout(() => void rest(), 150);
      const response = await pending;
      expect(response.statusCode).toBe(200);
      expect(response.json<JourneyBody>().projectedRevision).toBe(9);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    });

    it('minRevision with a notifying projection (standalone): the wait ends on the notification, not by polling', async () => {
      const revisions = new RevisionWaiters();
      const app = await buildApp(store, { now: '2025-09-02T00:00:00Z', readWaitTimeoutMs: 5_000, revisions });
      const { id, rest } = await employee(3);
      let answered = false;
      const pending = app.inject({ method: 'GET', url: `/employees/${id}/journey?minRevision=9`, headers: hr }).then((response) => {
        answered = true;
        return response;
      });
      await new Promise((resolve) => setTimeout(resolve, 30));
      await rest();
      // The status holds revision 9 now, but nobody told the waiters: nothing re-reads it.
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(answered).toBe(false);
      expect(revisions.waitedFor.get(id)).toBe(9);
      revisions.notify(id, 9);
      const response = await pending;
      expect(response.statusCode).toBe(200);
      expect(response.json<JourneyBody>().projectedRevision).toBe(9);
      expect(revisions.waitedFor.size).toBe(0);
      await app.close();
    });

    it('minRevision: answers 503 EJP_PROJECTION_BEHIND with Retry-After when the projection does not get there in time', async () => {
      const { id } = await employee(3);
      const started = Date.now();
      const response = await journey(id, '2025-03-01T00:00:00Z', '?minRevision=5', 200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'EJP_PROJECTION_BEHIND', minRevision: 5, projectedRevision: 2 });
      // Reached already: no wait at all.
      expect((await journey(id, '2025-03-01T00:00:00Z', '?minRevision=2', 60_000)).statusCode).toBe(200);
    });

    it('minRevision on the timeline, and for an employee not projected at all yet: 503, not 404', async () => {
      const app = await buildApp(store, { readWaitTimeoutMs: 50 });
      const unknown = randomUUID();
      const waiting = await app.inject({ method: 'GET', url: `/employees/${unknown}/timeline?minRevision=0`, headers: hr });
      expect(waiting.statusCode).toBe(503);
      expect(waiting.json()).toMatchObject({ code: 'EJP_PROJECTION_BEHIND', projectedRevision: -1 });
      await app.close();
      const patient = await buildApp(store, { readWaitTimeoutMs: 5_000 });
      const { id, rest } = await employee(1);
      const pending = patient.inject({ method: 'GET', url: `/employees/${id}/timeline?minRevision=9`, headers: hr });
      await rest();
      // Every entry up to the awaited revision is there: entries are written before the status moves.
      expect((await pending).json<{ items: unknown[] }>().items).toHaveLength(10);
      await patient.close();
    });

    it('answers 404 for an unknown employee and 403 for another employee\'s journey', async () => {
      const { id } = await employee(2);
      expect((await journey(randomUUID(), '2025-03-01T00:00:00Z')).statusCode).toBe(404);
      const app = await buildApp(store);
      const asSelf = await app.inject({ method: 'GET', url: `/employees/${id}/journey`, headers: await bearer(id, ['employee']) });
      expect(asSelf.statusCode).toBe(200);
      const asOther = await app.inject({ method: 'GET', url: `/employees/${id}/journey`, headers: await bearer(randomUUID(), ['employee']) });
      expect(asOther.statusCode).toBe(403);
      await app.close();
    });

    it('shows the check-in ratings and notes to the manager in the line only: another manager gets the 403 an unknown employee gets', async () => {
      const { id } = await employee(8);
      const app = await buildApp(store);
      const read = async (employeeId: string, subject: string) =>
        app.inject({ method: 'GET', url: `/employees/${employeeId}/journey`, headers: await bearer(subject, ['manager']) });
      const own = await read(id, MANAGER_ID);
      expect(own.statusCode).toBe(200);
      expect(own.json<{ checkIns: { day: number; rating: number }[] }>().checkIns).toEqual([expect.objectContaining({ day: 30, rating: 4 })]);
      const stranger = randomUUID();
      const foreign = await read(id, stranger);
      const unknown = await read(randomUUID(), stranger);
      expect(foreign.statusCode).toBe(403);
      expect(foreign.body).not.toContain('rating');
      const { instance: _f, ...a } = foreign.json();
      const { instance: _u, ...b } = unknown.json();
      expect(a).toEqual(b);
      await app.close();
    });
  });
}

describe('OpenAPI document', () => {
  it('documents the routes with their query parameters, roles and problems', async () => {
    const { openSqliteReadStore } = await import('@ejp/readstore');
    const app = await buildApp(openSqliteReadStore({ path: ':memory:' }));
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, { get: Record<string, unknown> }> }>();
    await app.close();
    const timeline = doc.paths['/employees/{employeeId}/timeline']!.get;
    const names = (timeline.parameters as { name: string }[]).map((p) => p.name).sort();
    expect(names).toEqual(['asOf', 'chapter', 'cursor', 'employeeId', 'limit', 'minRevision', 'stage', 'type']);
    expect(Object.keys(timeline.responses as object).sort()).toEqual(['200', '400', '401', '403', '404', '414', '429', '431', '500', '503']);
    expect(timeline['x-roles']).toEqual(['hr', 'employee', 'manager', 'admin']);
    expect(timeline['x-access']).toEqual({ roles: ['hr'], self: 'employeeId', managerOf: 'employeeId' });
    expect(doc.paths['/employees/{employeeId}/journey']!.get.responses).toHaveProperty('503');
    expect(doc.paths['/employees/{employeeId}/offboarding']!.get).toMatchObject({ operationId: 'getOffboardingProgress', tags: ['offboarding-progress'], 'x-roles': ['hr', 'employee', 'manager', 'admin'] });
    expect(doc.paths['/analytics/attrition']!.get).toMatchObject({ operationId: 'getAttrition', tags: ['analytics'], 'x-roles': ['hr', 'admin'] });
    expect(doc.paths['/alumni']!.get).toMatchObject({ operationId: 'listAlumni', tags: ['alumni'], 'x-roles': ['hr', 'admin'] });
  });
});
