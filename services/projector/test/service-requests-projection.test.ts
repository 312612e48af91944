import { randomUUID } from 'node:crypto';
import { appendMetadata, ServiceCatalogueStreams, ServiceRequestStreams } from '@ejp/contracts';
import { type ServiceRequestSummary, ServiceRequestsReadModel, type ServiceTeam, ServiceTeamsReadModel, type TimelineEntry, TimelineReadModel } from '@ejp/contracts/read-models';
import { readStoreBackends } from '@ejp/projection-kit/testing';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { describe, expect, it } from 'vitest';
import { useProjector } from './projector-fixture.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'projector_servicedesk')).db : undefined;

const requesterId = randomUUID();
const agentId = randomUUID();
const policy = { firstResponseMinutes: 480, resolutionMinutes: 960, calendar: { calendarId: 'always', timeZone: 'UTC', workingDays: [1, 2, 3, 4, 5, 6, 7], opensAt: '00:00', closesAt: '24:00', holidays: [] } };
const deadlines = (first: string | null, resolution: string | null) => ({ firstResponseDueAt: first, resolutionDueAt: resolution });

/** Envelopes of one stream, as the relay or the bus deliver them. */
function envelopes(stream: string, events: { type: string; at: string; data: Record<string, unknown> }[], firstPosition = 1) {
  return events.map((event, revision) => {
    const metadata = appendMetadata(1, { actor: { id: agentId, kind: 'employee' }, correlationId: 'c', causationId: 'c', occurredAt: new Date(event.at) });
    return {
      eventId: randomUUID(),
      type: event.type,
      version: 1,
      stream,
      revision: String(revision),
      globalPosition: String(firstPosition + revision),
      occurredAt: metadata.occurredAt,
      recordedAt: event.at,
      actor: metadata.actor,
      correlationId: 'c',
      causationId: 'c',
      data: event.data,
    };
  });
}

function requestEvents() {
  const about = (at: string) => ({ requesterId, at });
  const step = (type: string, at: string, data: Record<string, unknown> = {}) => ({ type: `servicedesk.request.${type}`, at, data: { ...about(at), ...data } });
  return [
    step('submitted', '2026-03-02T10:00:00.000Z', {
      itemId: 'laptop', teamId: 'it-support', title: 'Broken', answers: { assetTag: 'LT-1' }, approvals: [], policy, deadlines: deadlines('2026-03-02T18:00:00.000Z', '2026-03-03T02:00:00.000Z'),
    }),
    step('assigned', '2026-03-02T10:05:00.000Z', { agentId, assignedBy: agentId }),
    step('acknowledged', '2026-03-02T11:00:00.000Z', { agentId, deadlines: deadlines(null, '2026-03-03T02:00:00.000Z') }),
    step('waiting-on-employee', '2026-03-02T12:00:00.000Z', { agentId, deadlines: deadlines(null, null) }),
    step('resumed', '2026-03-02T13:00:00.000Z', { deadlines: deadlines(null, '2026-03-03T03:00:00.000Z') }),
    step('sla-breached', '2026-03-03T03:01:00.000Z', { clock: 'resolution', dueAt: '2026-03-03T03:00:00.000Z' }),
    step('resolved', '2026-03-03T09:00:00.000Z', { agentId, resolution: 'Fixed', deadlines: deadlines(null, null) }),
    step('rated', '2026-03-03T10:00:00.000Z', { rating: 4, comment: 'Slow but good' }),
  ];
}

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`service desk projections on ${backend.name}`, () => {
    const t = useProjector(backend);

    it('keeps one summary per request with its status, deadlines, breach and rating, without personal data, the same for redeliveries', async () => {
      const requestId = randomUUID();
      const all = envelopes(ServiceRequestStreams.streamOf(requestId), requestEvents());
      await t.projector.handle(all.slice(0, 4));
      const waiting = (await t.store.get<ServiceRequestSummary>(ServiceRequestsReadModel.collection, requestId))!.doc;
      expect(waiting).toMatchObject({ status: 'waiting-on-employee', resumesTo: 'acknowledged', nextDueAt: null, open: true, assigneeId: agentId, firstResponseAt: '2026-03-02T11:00:00.000Z' });
      await t.projector.handle(all);
      await t.projector.handle(all.slice(2));
      const done = (await t.store.get<ServiceRequestSummary>(ServiceRequestsReadModel.collection, requestId))!.doc;
      expect(done).toMatchObject({
        requestId,
        requesterId,
        itemId: 'laptop',
        teamId: 'it-support',
        status: 'resolved',
        open: false,
        breached: true,
        resolutionBreachedAt: '2026-03-03T03:00:00.000Z',
        firstResponseBreachedAt: null,
        resolvedAt: '2026-03-03T09:00:00.000Z',
        nextDueAt: null,
        rating: 4,
        lastAppliedRevision: all.length - 1,
      });
      expect(JSON.stringify(done)).not.toMatch(/Broken|Fixed|Slow but good|LT-1/);
    });

    it("shows the request opened and resolved in the requester's timeline, once however often delivered, without its personal data", async () => {
      const requestId = randomUUID();
      const all = envelopes(ServiceRequestStreams.streamOf(requestId), requestEvents());
      await t.projector.handle(all);
      await t.projector.handle(all.slice(3));
      const timeline = (await t.store.query<TimelineEntry>(TimelineReadModel.collection, { where: { employeeId: requesterId }, limit: 100 })).items.map((i) => i.doc);
      const ofThisRequest = timeline.filter((entry) => all.some((event) => event.eventId === entry.eventId));
      expect(ofThisRequest.map((entry) => [entry.type, entry.title]).sort()).toEqual([
        ['servicedesk.request.resolved', 'Service request resolved'],
        ['servicedesk.request.submitted', 'Service request opened: laptop'],
      ]);
      expect(JSON.stringify(ofThisRequest)).not.toMatch(/Broken|Fixed|LT-1/);
      // Nobody else's timeline, the agent's included, shows it.
      expect((await t.store.query<TimelineEntry>(TimelineReadModel.collection, { where: { employeeId: agentId }, limit: 100 })).items).toEqual([]);
    });

    it('keeps each team with its agents from the catalogue', async () => {
      const team = (agentIds: string[]) => ({ type: 'servicedesk.team.defined', at: '2026-03-01T09:00:00.000Z', data: { teamId: 'it-support', name: 'IT', agentIds } });
      await t.projector.handle(envelopes(ServiceCatalogueStreams.streamOf('acme'), [team([agentId]), team([agentId, requesterId])]));
      expect((await t.store.get<ServiceTeam>(ServiceTeamsReadModel.collection, 'it-support'))!.doc).toEqual({ teamId: 'it-support', name: 'IT', agentIds: [agentId, requesterId] });
    });
  });
}
