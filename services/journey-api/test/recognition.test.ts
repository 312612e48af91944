import { randomUUID } from 'node:crypto';
import { MANAGER_ID, RecognitionScenario, readStoreBackends } from '@ejp/projection-kit/testing';
import { createProjector } from '@ejp/projector';
import type { ReadStore } from '@ejp/readstore';
import type { ServiceApp } from '@ejp/service-kit';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildApp } from './app.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'journey_api_recognition')).db : undefined;

interface Feed {
  items: { recognitionId: string; kind: string; values: string[]; departments: string[] }[];
  nextCursor: string | null;
}
interface Timeline {
  items: { type: string; recognition?: { direction: string; visibility: string } }[];
}

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`recognition queries on ${backend.name}`, () => {
    const [giver, ana, ben, cleo] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const s = new RecognitionScenario();
    const hires = [s.hire(giver, 'Platform'), s.hire(ana, 'Platform'), s.hire(ben, 'Platform'), s.hire(cleo, 'Sales')];
    const pub = s.give(giver, { recipientIds: [ana, ben], values: ['teamwork'], points: 10 });
    const older = s.give(giver, { recipientIds: [cleo], values: ['ownership'], points: 0 });
    const priv = s.give(giver, { recipientIds: [cleo], visibility: 'recipients', points: 5 });
    const managers = s.give(giver, { recipientIds: [ana], visibility: 'recipients-and-managers', values: ['ownership'] });
    const shout = s.shoutOut(giver, { kind: 'department', department: 'Platform' });
    const withdrawn = s.give(giver, { recipientIds: [ben], values: ['teamwork'], points: 3 });
    const withdrawal = s.withdraw(giver, withdrawn.recognitionId, { month: '2024-03', allowance: 3, boost: 0 });
    let store: ReadStore;
    let app: ServiceApp;

    beforeAll(async () => {
      store = await backend.open();
      const projector = createProjector(store);
      await projector.init();
      await projector.handle(hires);
      await projector.handle([pub, older, priv, managers, shout, withdrawn].map((g) => g.envelope));
      await projector.handle([withdrawal]);
      app = await buildApp(store, { now: '2024-03-20T12:00:00.000Z', minGroupSize: 3 });
    });
    afterAll(async () => {
      await app?.close();
      await store?.drop();
      await store?.close();
    });

    const get = async (url: string, subject: string, roles: ('employee' | 'manager' | 'hr')[] = ['employee']) => app.inject({ method: 'GET', url, headers: await bearer(subject, roles) });

    it('the public feed: newest first, paged by cursor, filtered by value and department; never a private or withdrawn one', async () => {
      const first = (await get('/recognitions?limit=2', cleo)).json<Feed>();
      expect(first.items.map((i) => i.recognitionId)).toEqual([shout.recognitionId, older.recognitionId]);
      const second = (await get(`/recognitions?limit=2&cursor=${first.nextCursor}`, cleo)).json<Feed>();
      expect(second.items.map((i) => i.recognitionId)).toEqual([pub.recognitionId]);
      expect(second.nextCursor).toBeNull();
      expect((await get('/recognitions?value=ownership', cleo)).json<Feed>().items.map((i) => i.recognitionId)).toEqual([older.recognitionId]);
      expect((await get('/recognitions?department=Platform&value=teamwork', cleo)).json<Feed>().items.map((i) => i.recognitionId)).toEqual([shout.recognitionId, pub.recognitionId]);
      const bad = await get('/recognitions?value=Not%20A%20Slug', cleo);
      expect(bad.statusCode).toBe(400);
    });

    it('timelines show a recognition only to whom its visibility allows, and a withdrawn one to nobody', async () => {
      const recognitionsIn = async (employeeId: string, reader: string, roles: ('employee' | 'manager' | 'hr')[]) =>
        (await get(`/employees/${employeeId}/timeline`, reader, roles)).json<Timeline>().items.filter((i) => i.recognition).map((i) => [i.recognition!.direction, i.recognition!.visibility]);
      // Cleo sees the private one she received; her manager and HR do not.
      expect(await recognitionsIn(cleo, cleo, ['employee'])).toEqual([['received', 'public'], ['received', 'recipients']]);
      expect(await recognitionsIn(cleo, MANAGER_ID, ['manager'])).toEqual([['received', 'public']]);
      expect(await recognitionsIn(cleo, 'hr-1', ['hr'])).toEqual([['received', 'public']]);
      // Ana's manager sees the recipients-and-managers one; HR does not.
      expect(await recognitionsIn(ana, MANAGER_ID, ['manager'])).toEqual([['received', 'public'], ['received', 'recipients-and-managers'], ['received', 'public']]);
      expect(await recognitionsIn(ana, 'hr-1', ['hr'])).toEqual([['received', 'public'], ['received', 'public']]);
      // Ben: the give and the shout-out, not the withdrawn one.
      expect(await recognitionsIn(ben, ben, ['employee'])).toEqual([['received', 'public'], ['received', 'public']]);
      expect((await get(`/employees/${ben}/timeline`, ana)).statusCode).toBe(403);
    });

    it("an employee's summary: windows, points balance, allowance left, top values; only their own", async () => {
      const ana_ = (await get(`/employees/${ana}/recognition-summary`, ana)).json();
      expect(ana_).toMatchObject({ received: { last30Days: 2, last90Days: 2 }, given: { last30Days: 0 }, pointsBalance: 10, topValues: [{ valueId: 'ownership', recognitions: 1 }, { valueId: 'teamwork', recognitions: 1 }] });
      const giver_ = (await get(`/employees/${giver}/recognition-summary`, giver)).json();
      // 20 + 5 spent (the withdrawn 3 came back), of the default 100.
      expect(giver_).toMatchObject({ given: { last30Days: 5, last90Days: 5 }, allowance: { month: '2024-03', monthlyAllowance: 100, spent: 25, left: 75, boostLeft: 0 } });
      expect((await get(`/employees/${giver}/recognition-summary`, ana)).statusCode).toBe(403);
      expect((await get(`/employees/${randomUUID()}/recognition-summary`, 'hr-1', ['hr'])).statusCode).toBe(404);
    });

    // Last: it adds recognitions.
    it('value analytics: per department and month, small department counts withheld, HR only', async () => {
      const answer = (await get('/analytics/recognition-values?from=2024-01&to=2024-12', 'hr-1', ['hr'])).json();
      const platform = (recognitions: number | null, suppressed: string | null) => ({ department: 'Platform', recognitions, suppressed });
      expect(answer.values).toEqual([
        { month: '2024-03', valueId: 'ownership', recognitions: 2, departments: [platform(null, 'below-minimum'), { department: 'Sales', recognitions: null, suppressed: 'below-minimum' }] },
        // The public give and the shout-out in Platform, the private one in Sales; the withdrawn one is not counted.
        { month: '2024-03', valueId: 'teamwork', recognitions: 3, departments: [platform(null, 'below-minimum'), { department: 'Sales', recognitions: null, suppressed: 'below-minimum' }] },
      ]);
      // Three more for teamwork in Platform, two in Sales: 5 and 3, at least the minimum of 3, are shown.
      await createProjector(store).handle([ana, ben, ana, cleo, cleo].map((id) => s.give(giver, { recipientIds: [id] }).envelope));
      const more = (await get('/analytics/recognition-values?from=2024-03&to=2024-03', 'hr-1', ['hr'])).json();
      expect(more.values[1]).toEqual({ month: '2024-03', valueId: 'teamwork', recognitions: 8, departments: [platform(5, null), { department: 'Sales', recognitions: 3, suppressed: null }] });
      expect((await get('/analytics/recognition-values?from=2024-01&to=2024-12', ana)).statusCode).toBe(403);
    });
  });
}
