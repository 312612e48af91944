import { randomUUID } from 'node:crypto';
import { appendMetadata, ServiceCatalogueStreams, ServiceRequestStreams } from '@ejp/contracts';
import type { ProjectionRunner } from '@ejp/projection-kit';
import { readStoreBackends } from '@ejp/projection-kit/testing';
import { createProjector } from '@ejp/projector';
import type { ReadStore } from '@ejp/readstore';
import type { ServiceApp } from '@ejp/service-kit';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countFirstResponseBreaches } from '../src/slo-gauges.ts';
import { bearer, buildApp } from './app.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'journey_api_servicedesk')).db : undefined;

const ada = randomUUID();
const bob = randomUUID();
const agent = randomUUID();
const policy = { firstResponseMinutes: 60, resolutionMinutes: 240, calendar: { calendarId: 'always', timeZone: 'UTC', workingDays: [1, 2, 3, 4, 5, 6, 7], opensAt: '00:00', closesAt: '24:00', holidays: [] } };
const due = (first: string | null, resolution: string | null) => ({ firstResponseDueAt: first, resolutionDueAt: resolution });
let position = 1;

/** One request's events as the bus delivers them: `[type, minutes after 09:00 on 2 March, data]`. */
function request(requestId: string, requesterId: string, steps: [string, number, object][]) {
  return steps.map(([type, minutes, data], revision) => {
    const at = new Date(Date.UTC(2026, 2, 2, 9, minutes)).toISOString();
    const metadata = appendMetadata(1, { actor: { id: agent, kind: 'employee' }, correlationId: 'c', causationId: 'c', occurredAt: new Date(at) });
    return {
      eventId: randomUUID(), type: `servicedesk.request.${type}`, version: 1, stream: ServiceRequestStreams.streamOf(requestId), revision: String(revision),
      globalPosition: String(position++), occurredAt: metadata.occurredAt, recordedAt: at, actor: metadata.actor, correlationId: 'c', causationId: 'c',
      data: { requesterId, at, ...data },
    };
  });
}
const submitted = (itemId: string, minutes: number): [string, number, object] => [
  'submitted', minutes, { itemId, teamId: 'it-support', title: 'x', answers: {}, approvals: [], policy, deadlines: due(new Date(Date.UTC(2026, 2, 2, 10, minutes)).toISOString(), new Date(Date.UTC(2026, 2, 2, 13, minutes)).toISOString()) },
];

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`service desk query routes on ${backend.name}`, () => {
    let store: ReadStore;
    let projector: ProjectionRunner;
    let app: ServiceApp;
    const [quick, late, waiting, other] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];

    beforeAll(async () => {
      store = await backend.open();
      projector = createProjector(store);
      await projector.init();
      const team = { eventId: randomUUID(), type: 'servicedesk.team.defined', version: 1, stream: ServiceCatalogueStreams.streamOf('acme'), revision: '0', globalPosition: String(position++), occurredAt: '2026-03-01T09:00:00.000Z', recordedAt: '2026-03-01T09:00:00.000Z', actor: { id: 'admin-1', kind: 'admin' as const }, correlationId: 'c', causationId: 'c', data: { teamId: 'it-support', name: 'IT', agentIds: [agent] } };
      await projector.handle([
        team,
        // Answered after 10 minutes, resolved in time.
        ...request(quick, ada, [submitted('laptop', 0), ['acknowledged', 10, { agentId: agent, deadlines: due(null, '2026-03-02T13:00:00.000Z') }], ['resolved', 60, { agentId: agent, resolution: 'r', deadlines: due(null, null) }]]),
        // Answered after 90 minutes: its first response breached.
        ...request(late, ada, [submitted('laptop', 5), ['sla-breached', 66, { clock: 'first-response', dueAt: '2026-03-02T10:05:00.000Z' }], ['acknowledged', 95, { agentId: agent, deadlines: due(null, '2026-03-02T13:05:00.000Z') }]]),
        // Waiting on the employee, never answered otherwise.
        ...request(waiting, bob, [submitted('vpn', 20), ['waiting-on-employee', 50, { agentId: agent, deadlines: due(null, null) }]]),
        ...request(other, bob, [submitted('laptop', 30)]),
      ]);
      app = await buildApp(store, { now: '2026-03-02T10:40:00.000Z' });
    });
    afterAll(async () => {
      await app.close();
      await store.drop();
      await store.close();
    });

    const get = async (url: string, subject: string, roles: ('employee' | 'hr')[] = ['employee']) => app.inject({ method: 'GET', url, headers: await bearer(subject, roles) });

    it("lists the caller's own requests, newest first, in cursor pages", async () => {
      const first = await get('/servicedesk/my-requests?limit=1', ada);
      expect(first.statusCode).toBe(200);
      expect(first.json().items.map((r: { requestId: string }) => r.requestId)).toEqual([late]);
      const second = await get(`/servicedesk/my-requests?limit=1&cursor=${first.json().nextCursor}`, ada);
      expect(second.json()).toMatchObject({ items: [{ requestId: quick, status: 'resolved' }], nextCursor: null });
      expect((await get('/servicedesk/my-requests', bob)).json().items.map((r: { requestId: string }) => r.requestId)).toEqual([other, waiting]);
    });

    it("shows a team's queue to its agents and HR only, by state, item and breach risk", async () => {
      expect((await get('/servicedesk/teams/it-support/queue', ada)).statusCode).toBe(403);
      const open = (await get('/servicedesk/teams/it-support/queue', agent)).json().items.map((r: { requestId: string }) => r.requestId);
      expect(open).toEqual([late, waiting, other]);
      expect((await get('/servicedesk/teams/it-support/queue?status=waiting-on-employee', 'hr-1', ['hr'])).json().items.map((r: { requestId: string }) => r.requestId)).toEqual([waiting]);
      expect((await get('/servicedesk/teams/it-support/queue?itemId=vpn', agent)).json().items).toHaveLength(1);
      expect((await get('/servicedesk/teams/it-support/queue?risk=breached', agent)).json().items.map((r: { requestId: string }) => r.requestId)).toEqual([late]);
      // At 10:40, `other` (first answer due at 10:30, no breach recorded yet) is at risk; the breached one is not listed again.
      expect((await get('/servicedesk/teams/it-support/queue?risk=at-risk', agent)).json().items.map((r: { requestId: string }) => r.requestId)).toEqual([other]);
      const paged = await get('/servicedesk/teams/it-support/queue?limit=2', agent);
      expect(paged.json().items).toHaveLength(2);
      expect((await get(`/servicedesk/teams/it-support/queue?limit=2&cursor=${paged.json().nextCursor}`, agent)).json().items.map((r: { requestId: string }) => r.requestId)).toEqual([other]);
      expect((await get('/servicedesk/teams/it-support/queue?risk=soon', agent)).json().errors).toEqual([expect.objectContaining({ path: 'query.risk' })]);
    });

    it('reports SLA attainment, backlog and median time to first answer per team and item, as of an instant', async () => {
      const now = (await get('/servicedesk/teams/it-support/sla?asOf=2026-03-02T12:00:00Z', agent)).json();
      expect(now).toMatchObject({ teamId: 'it-support', asOf: '2026-03-02T12:00:00.000Z' });
      expect(now.team).toEqual({ requests: 4, backlog: 3, firstResponseAttainment: 2 / 3, resolutionAttainment: 1, medianMinutesToFirstResponse: 30 });
      expect(now.items.laptop).toEqual({ requests: 3, backlog: 2, firstResponseAttainment: 0.5, resolutionAttainment: 1, medianMinutesToFirstResponse: 50 });
      const early = (await get('/servicedesk/teams/it-support/sla?asOf=2026-03-02T09:15:00Z', agent)).json();
      expect(early.team).toEqual({ requests: 2, backlog: 2, firstResponseAttainment: 1, resolutionAttainment: null, medianMinutesToFirstResponse: 10 });
      expect((await get('/servicedesk/teams/it-support/sla', ada)).statusCode).toBe(403);
    });

    it('counts the open requests past their first-response deadline without an answer, for the SLO gauge', async () => {
      // `other`'s first answer was due at 10:30 and never came; `waiting` was answered (put on the employee) at 09:50.
      expect(await countFirstResponseBreaches(store, new Date('2026-03-02T10:20:00Z'))).toBe(0);
      expect(await countFirstResponseBreaches(store, new Date('2026-03-02T10:40:00Z'))).toBe(1);
    });
  });
}
