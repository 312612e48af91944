import { randomUUID } from 'node:crypto';
import { appendMetadata, type JsonObject, organisationStream } from '@ejp/contracts';
import { AlumniDirectoryReadModel, JourneyStatusReadModel, OffboardingProgressReadModel } from '@ejp/contracts/read-models';
import type { JourneyEnvelope } from '@ejp/messaging';
import type { ProjectionRunner } from '@ejp/projection-kit';
import { JourneyBuilder, OFFBOARDING_PERSONAL_VALUES, readStoreBackends, toEnvelopes } from '@ejp/projection-kit/testing';
import { createProjector } from '@ejp/projector';
import type { ReadStore } from '@ejp/readstore';
import type { ServiceApp } from '@ejp/service-kit';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildApp } from './app.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'journey_api_audit')).db : undefined;

interface AuditBody {
  items: { eventId: string; action: string; type: string; actorId: string; subject: string; category: string; occurredAt: string; data: JsonObject; withheld: string[] }[];
  nextCursor: string | null;
}

const ADMIN = { id: 'admin-1', kind: 'admin' as const };
const HR = { id: 'hr-1', kind: 'hr' as const };
const ORG = 'northwind';

/** Organisation settings events as the relay delivers them: a stream that holds no personal data. */
function settingsEnvelopes(steps: { type: string; data: JsonObject; at: string }[]): JourneyEnvelope[] {
  return steps.map((s, revision) => {
    const metadata = appendMetadata(1, { actor: ADMIN, correlationId: `c-${revision}`, causationId: `c-${revision}`, occurredAt: new Date(s.at) });
    return { eventId: randomUUID(), type: s.type, version: 1, stream: organisationStream(ORG), revision: String(revision), globalPosition: String(1000 + revision), occurredAt: metadata.occurredAt, recordedAt: s.at, actor: metadata.actor, correlationId: metadata.correlationId, causationId: metadata.causationId, data: s.data };
  });
}

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`the audit trail and erasure markers on ${backend.name}`, () => {
    let store: ReadStore;
    let projector: ProjectionRunner;
    let app: ServiceApp;
    let admin: { authorization: string };
    let hr: { authorization: string };
    const [erased, leaver] = [randomUUID(), randomUUID()];

    beforeAll(async () => {
      store = await backend.open();
      projector = createProjector(store);
      await projector.init();
      const alumna = new JourneyBuilder(erased)
        .hire()
        .startOffboarding({ lastDay: '2024-06-28' }, '2024-06-03T09:00:00.000Z')
        .depart({ lastDay: '2024-06-28', departedOn: '2024-06-20', override: { openTasks: [], beforeLastDay: true } }, '2024-06-20T10:00:00.000Z')
        .enrol()
        .erase('employee-request', '2024-07-01T09:00:00.000Z');
      await projector.handle(toEnvelopes(erased, alumna.steps));
      // A departure that set no rule aside is no privileged action.
      await projector.handle(toEnvelopes(leaver, new JourneyBuilder(leaver).hire().startOffboarding({ lastDay: '2024-05-31' }, '2024-05-02T09:00:00.000Z').depart({ lastDay: '2024-05-31' }).steps));
      await projector.handle(
        settingsEnvelopes([
          { type: 'organisation.recognition-allowance.set', data: { from: 100, to: 200 }, at: '2024-05-01T08:00:00.000Z' },
          { type: 'organisation.company-value.added', data: { valueId: 'customer-obsession', name: 'Customer obsession' }, at: '2024-05-02T08:00:00.000Z' },
        ]),
      );
      app = await buildApp(store, { now: '2024-07-02T12:00:00Z' });
      admin = await bearer(ADMIN.id, ['admin']);
      // Journeys are HR's to read (an admin reaches the organisation's settings, not people).
      hr = await bearer(HR.id, ['hr']);
    });
    afterAll(async () => {
      await app?.close();
      await store?.drop();
      await store?.close();
    });

    const trail = async (query = '', headers: Record<string, string> = admin) => app.inject({ method: 'GET', url: `/audit-trail${query}`, headers });

    it('lists every event marked audited, newest first, with actor and subject, and nothing personal', async () => {
      const res = await trail();
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<AuditBody>();
      expect(body.items.map((i) => [i.action, i.type, i.subject, i.actorId])).toEqual([
        ['erasure', 'journey.employee.erased', erased, 'hr-1'],
        ['override', 'journey.employee.departed', erased, 'hr-1'],
        ['settings-change', 'organisation.company-value.added', ORG, ADMIN.id],
        ['settings-change', 'organisation.recognition-allowance.set', ORG, ADMIN.id],
      ]);
      expect(body.items[0]!.data).toEqual({ reason: 'employee-request' });
      expect(body.items[1]!.withheld).toEqual(['$.override.reason']);
      expect(body.nextCursor).toBeNull();
      for (const secret of OFFBOARDING_PERSONAL_VALUES) expect(res.body).not.toContain(secret);
    });

    it('filters by action, actor, subject and time range, and pages with a cursor', async () => {
      const types = async (query: string) => (await trail(query)).json<AuditBody>().items.map((i) => i.type);
      expect(await types('?action=erasure')).toEqual(['journey.employee.erased']);
      expect(await types(`?actor=${ADMIN.id}`)).toEqual(['organisation.company-value.added', 'organisation.recognition-allowance.set']);
      expect(await types(`?subject=${erased}`)).toEqual(['journey.employee.erased', 'journey.employee.departed']);
      expect(await types('?from=2024-05-02T00:00:00Z&to=2024-07-01T09:00:00.000Z')).toEqual(['journey.employee.departed', 'organisation.company-value.added']);
      expect(await types('?action=settings-change&from=2024-05-01T12:00:00%2B02:00')).toEqual(['organisation.company-value.added']);

      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page: AuditBody = (await trail(`?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json<AuditBody>();
        seen.push(...page.items.map((i) => i.eventId));
        cursor = page.nextCursor;
      }
      expect(seen).toEqual((await trail()).json<AuditBody>().items.map((i) => i.eventId));
    });

    it('is for admins only, and names a bad parameter', async () => {
      expect((await trail('', await bearer('hr-1', ['hr']))).statusCode).toBe(403);
      expect((await trail('', await bearer('m-1', ['manager']))).statusCode).toBe(403);
      const bad = await trail('?to=2024-01-01T00:00:00Z&from=2024-02-01T00:00:00Z');
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toMatch(/problem\+json/);
      expect(bad.body).toContain('to');
      expect((await trail('?cursor=not-ours')).statusCode).toBe(400);
    });

    it('marks the erased employee in every read model that knows them, and lists them no longer as alumni', async () => {
      const status = await store.get<{ erasedAt: string | null }>(JourneyStatusReadModel.collection, erased);
      expect(status!.doc.erasedAt).toBe('2024-07-01T09:00:00.000Z');
      const offboarding = await store.get<{ erasedAt: string | null; state: string }>(OffboardingProgressReadModel.collection, erased);
      expect(offboarding!.doc).toMatchObject({ erasedAt: '2024-07-01T09:00:00.000Z', state: 'departed' });
      const alumnus = await store.get<{ erasedAt: string | null; listed: boolean; contactPreference: string | null }>(AlumniDirectoryReadModel.collection, erased);
      expect(alumnus!.doc).toMatchObject({ listed: false, contactPreference: null, erasedAt: '2024-07-01T09:00:00.000Z' });
      const journey = await app.inject({ method: 'GET', url: `/employees/${erased}/journey`, headers: hr });
      expect(journey.json()).toMatchObject({ erasedAt: '2024-07-01T09:00:00.000Z' });
      const other = await app.inject({ method: 'GET', url: `/employees/${leaver}/journey`, headers: hr });
      expect(other.json()).toMatchObject({ erasedAt: null });
      const timeline = await app.inject({ method: 'GET', url: `/employees/${erased}/timeline`, headers: hr });
      expect(timeline.json<{ items: { type: string; title: string }[] }>().items.at(-1)).toMatchObject({ type: 'journey.employee.erased', title: 'Personal data erased' });
    });
  });
}
