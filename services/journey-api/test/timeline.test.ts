import { randomUUID } from 'node:crypto';
import { MANAGER_ID, onboardingJourney, readStoreBackends, toEnvelopes } from '@ejp/projection-kit/testing';
import { createProjector } from '@ejp/projector';
import type { ReadStore } from '@ejp/readstore';
import type { ServiceApp } from '@ejp/service-kit';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildApp } from './app.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'journey_api')).db : undefined;

interface TimelineBody {
  employeeId: string;
  items: { revision: number; eventId: string; stage: string; type: string; title: string; data: Record<string, unknown> }[];
  nextCursor: string | null;
  projectedRevision: number;
}

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`GET /employees/{id}/timeline on ${backend.name}`, () => {
    const ada = randomUUID();
    const other = randomUUID();
    let store: ReadStore;
    let app: ServiceApp;
    let hr: { authorization: string };
    beforeAll(async () => {
      store = await backend.open();
      const projection = createProjector(store);
      await projection.init();
      await projection.handle([...toEnvelopes(ada, onboardingJourney(ada)), ...toEnvelopes(other, onboardingJourney(other).slice(0, 3))]);
      app = await buildApp(store);
      hr = await bearer('hr-1', ['hr']);
    });
    afterAll(async () => {
      await app?.close();
      await store?.drop();
      await store?.close();
    });

    const get = (url: string, headers = hr) => app.inject({ method: 'GET', url, headers });

    /** Follows the Link headers from `url`; checks that nextCursor and the Link header agree. */
    async function allPages(url: string): Promise<TimelineBody[]> {
      const pages: TimelineBody[] = [];
      let next: string | undefined = url;
      while (next) {
        const response = await get(next);
        expect(response.statusCode).toBe(200);
        const body = response.json<TimelineBody>();
        pages.push(body);
        const link = response.headers.link as string | undefined;
        expect(link === undefined).toBe(body.nextCursor === null);
        next = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1] : undefined;
        if (pages.length > 50) throw new Error('pagination does not end');
      }
      return pages;
    }

    it('pages through every touchpoint exactly once, in journey order, by the Link header', async () => {
      const pages = await allPages(`/employees/${ada}/timeline?limit=3`);
      expect(pages.map((p) => p.items.length)).toEqual([3, 3, 3, 1]);
      expect(pages.flatMap((p) => p.items.map((i) => i.revision))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(pages[0]!.items[0]).toMatchObject({ title: 'Hired as Senior Engineer in Platform', stage: 'pre-boarding' });
      expect(pages[0]!.projectedRevision).toBe(9);
      // The other employee's touchpoints never leak into this timeline.
      expect(new Set(pages.map((p) => p.employeeId))).toEqual(new Set([ada]));
    });

    it('filters by stage and by type, and keeps the filters in the next link', async () => {
      const onboarding = await allPages(`/employees/${ada}/timeline?stage=onboarding&limit=2`);
      expect(onboarding.flatMap((p) => p.items.map((i) => [i.revision, i.stage]))).toEqual([
        [5, 'onboarding'],
        [6, 'onboarding'],
        [7, 'onboarding'],
        [8, 'onboarding'],
      ]);
      const tasks = await allPages(`/employees/${ada}/timeline?type=journey.onboarding.task-completed&limit=1`);
      expect(tasks.flatMap((p) => p.items.map((i) => i.title))).toEqual(['Task completed: Equipment ready', 'Task completed: Accounts created']);
      const both = await get(`/employees/${ada}/timeline?stage=pre-boarding&type=journey.onboarding.task-completed`);
      expect(both.json<TimelineBody>().items.map((i) => i.revision)).toEqual([4]);
    });

    it('asOf shows what had been RECORDED by then: a check-in back-dated to 04-09 but recorded on 04-12 is not in the 04-10 view', async () => {
      const revisions = async (asOf: string) =>
        (await allPages(`/employees/${ada}/timeline?asOf=${encodeURIComponent(asOf)}`)).flatMap((p) => p.items.map((i) => i.revision));
      expect(await revisions('2025-04-10T00:00:00Z')).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(await revisions('2025-04-12T10:00:00+02:00')).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(await revisions('2025-01-01T00:00:00Z')).toEqual([]);
    });

    it('rejects a page size above 200, a bad stage, a bad asOf and a cursor it did not issue', async () => {
      for (const query of ['limit=201', 'limit=0', 'stage=retired', 'asOf=yesterday', 'minRevision=-1']) {
        const response = await get(`/employees/${ada}/timeline?${query}`);
        expect(response.statusCode, query).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
      expect((await get(`/employees/${ada}/timeline?limit=200`)).statusCode).toBe(200);
      const forged = await get(`/employees/${ada}/timeline?cursor=not-a-cursor`);
      expect(forged.statusCode).toBe(400);
      expect(forged.json()).toMatchObject({ code: 'EJP_BAD_REQUEST' });
    });

    it('answers 404 for an employee nobody hired', async () => {
      const response = await get(`/employees/${randomUUID()}/timeline`);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'EJP_NOT_FOUND', status: 404 });
    });

    it('lets an employee read only their own timeline, a manager their reports\' and hr anyone\'s', async () => {
      expect((await get(`/employees/${ada}/timeline`, await bearer(ada, ['employee']))).statusCode).toBe(200);
      const foreign = await get(`/employees/${other}/timeline`, await bearer(ada, ['employee']));
      expect(foreign.statusCode).toBe(403);
      expect(foreign.json()).toMatchObject({ code: 'EJP_FORBIDDEN' });
      // 403 before lookup: an employee cannot probe whether someone else exists.
      expect((await get(`/employees/${randomUUID()}/timeline`, await bearer(ada, ['employee']))).statusCode).toBe(403);
      // The manager the hire named reads it; another manager, or an admin (the organisation's settings, not people), does not.
      expect((await get(`/employees/${other}/timeline`, await bearer(MANAGER_ID, ['manager']))).statusCode).toBe(200);
      for (const role of ['manager', 'admin'] as const) {
        expect((await get(`/employees/${other}/timeline`, await bearer('someone', [role]))).statusCode).toBe(403);
      }
      expect((await get(`/employees/${other}/timeline`, await bearer('bot', ['service']))).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: `/employees/${ada}/timeline` })).statusCode).toBe(401);
    });
  });
}
