import { randomUUID } from 'node:crypto';
import type { JourneyEnvelope } from '@ejp/messaging';
import { JourneyBuilder, MANAGER_ID, readStoreBackends, toEnvelopes } from '@ejp/projection-kit/testing';
import { createProjector } from '@ejp/projector';
import type { ReadStore } from '@ejp/readstore';
import { loadConfig, type ServiceApp } from '@ejp/service-kit';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyApiConfigSchema } from '../src/config.ts';
import { bearer, buildApp } from './app.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'journey_api_attrition')).db : undefined;

interface Departure {
  department: string;
  startDate: string;
  lastDay: string;
  reason?: string;
  kind?: 'resignation' | 'termination';
}

/**
 * 15 departures in 2024: Platform 7 voluntary in July (4 management, 3 pay)
 * and 1 termination; Sales 5 voluntary in August (pay); Support 2 in August (growth).
 */
const DEPARTURES: Departure[] = [
  ...Array.from({ length: 4 }, () => ({ department: 'Platform', startDate: '2024-02-01', lastDay: '2024-07-12', reason: 'management' })),
  ...Array.from({ length: 3 }, () => ({ department: 'Platform', startDate: '2024-02-01', lastDay: '2024-07-19', reason: 'pay' })),
  { department: 'Platform', startDate: '2024-02-01', lastDay: '2024-07-26', kind: 'termination' as const },
  ...Array.from({ length: 5 }, () => ({ department: 'Sales', startDate: '2023-01-09', lastDay: '2024-08-09', reason: 'pay' })),
  ...Array.from({ length: 2 }, () => ({ department: 'Support', startDate: '2023-01-09', lastDay: '2024-08-16', reason: 'growth' })),
];

function departureEvents(d: Departure): JourneyEnvelope[] {
  const id = randomUUID();
  const kind = d.kind ?? 'resignation';
  const journey = new JourneyBuilder(id).hire({ department: d.department, startDate: d.startDate }).startOffboarding({ kind, lastDay: d.lastDay }, `${d.lastDay.slice(0, 7)}-01T09:00:00.000Z`);
  if (d.reason) journey.interview(d.reason);
  return toEnvelopes(id, journey.depart({ kind, voluntary: kind === 'resignation', lastDay: d.lastDay }).steps);
}

interface Group {
  key: Record<string, unknown>;
  departures: number | null;
  suppressed: string | null;
}
interface Answer {
  companyDepartures: number;
  departures: number | null;
  suppressed: string | null;
  groups: Group[];
  minGroupSize: number;
}

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`GET /analytics/attrition on ${backend.name}`, () => {
    let store: ReadStore;
    let app: ServiceApp;
    let hr: { authorization: string };
    beforeAll(async () => {
      store = await backend.open();
      const projector = createProjector(store);
      await projector.init();
      for (const d of DEPARTURES) await projector.handle(departureEvents(d));
      app = await buildApp(store);
      hr = await bearer('hr-1', ['hr']);
    });
    afterAll(async () => {
      await app?.close();
      await store?.drop();
      await store?.close();
    });

    const attrition = async (query: string, on = app) => {
      const res = await on.inject({ method: 'GET', url: `/analytics/attrition?from=2024-01&to=2024-12${query}`, headers: hr });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Answer>();
    };
    const counts = (answer: Answer) => answer.groups.map((g) => [Object.values(g.key).join(' '), g.departures ?? g.suppressed]);

    it('shows the company by month as it is, small months included', async () => {
      const answer = await attrition('');
      expect(answer).toMatchObject({ companyDepartures: 15, departures: 15, suppressed: null, minGroupSize: 5 });
      expect(counts(answer)).toEqual([
        ['2024-07', 8],
        ['2024-08', 7],
      ]);
    });

    it('withholds a department below the minimum, and the next-smallest so it cannot be derived from the total', async () => {
      expect(counts(await attrition('&groupBy=department'))).toEqual([
        ['Platform', 8],
        ['Sales', 'next-smallest'],
        ['Support', 'below-minimum'],
      ]);
    });

    it('breaks down by month and reason, suppressing within each month', async () => {
      expect(counts(await attrition('&groupBy=primaryReason,month'))).toEqual([
        ['2024-07 management', 'below-minimum'],
        ['2024-07 not-interviewed', 'below-minimum'],
        ['2024-07 pay', 'below-minimum'],
        ['2024-08 growth', 'below-minimum'],
        // August's 7 are public (the company by month): showing the 5 would give the 2 for growth away.
        ['2024-08 pay', 'next-smallest'],
      ]);
    });

    it('withholds a filter below the minimum, or whose complement is below it', async () => {
      expect(await attrition('&department=Support')).toMatchObject({ departures: null, suppressed: 'below-minimum', groups: [], companyDepartures: 15 });
      // 14 voluntary of 15: showing 14 would tell that one was let go.
      expect(await attrition('&voluntary=true&groupBy=department')).toMatchObject({ departures: null, suppressed: 'complement-below-minimum', groups: [] });
      const platform = await attrition('&department=Platform');
      expect(platform).toMatchObject({ departures: 8, suppressed: null });
      expect(counts(platform)).toEqual([['2024-07', 8]]);
    });

    it("withholds a filtered group whose unfiltered group differs by fewer than the minimum, unless the minimum is lowered", async () => {
      // Sales' 5 pay departures among the 8 for pay: the other 3 (Platform's) would follow.
      expect(counts(await attrition('&department=Sales&groupBy=primaryReason'))).toEqual([['pay', 'complement-below-minimum']]);
      const lowered = await buildApp(store, { minGroupSize: 3 });
      try {
        const answer = await attrition('&department=Sales&groupBy=primaryReason', lowered);
        expect(answer.minGroupSize).toBe(3);
        expect(counts(answer)).toEqual([['pay', 5]]);
      } finally {
        await lowered.close();
      }
    });

    it('refuses managers and employees with 403, and bad periods or dimensions with a problem naming the field', async () => {
      for (const roles of [['manager'], ['employee']] as const) {
        const res = await app.inject({ method: 'GET', url: '/analytics/attrition?from=2024-01&to=2024-12', headers: await bearer(MANAGER_ID, [...roles]) });
        expect(res.statusCode).toBe(403);
      }
      for (const [query, field] of [
        ['from=2024-12&to=2024-01', 'to'],
        ['from=2014-01&to=2024-12', 'to'],
        ['from=2024-01&to=2024-12&groupBy=salary', 'groupBy'],
        ['from=2024-1&to=2024-12', 'from'],
        ['from=2024-01&to=2024-12&voluntary=yes', 'voluntary'],
      ]) {
        const res = await app.inject({ method: 'GET', url: `/analytics/attrition?${query}`, headers: hr });
        expect(res.statusCode, query).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body, query).toContain(field);
      }
    });
  });
}

describe('ANALYTICS_MIN_GROUP_SIZE', () => {
  it('defaults to 5 and refuses a minimum that would show single people, naming the variable', () => {
    const base = { READSTORE_BACKEND: 'sqlite', READSTORE_PATH: ':memory:', AUTH_MODE: 'off' };
    expect(loadConfig(journeyApiConfigSchema, base).ANALYTICS_MIN_GROUP_SIZE).toBe(5);
    expect(loadConfig(journeyApiConfigSchema, { ...base, ANALYTICS_MIN_GROUP_SIZE: '8' }).ANALYTICS_MIN_GROUP_SIZE).toBe(8);
    expect(() => loadConfig(journeyApiConfigSchema, { ...base, ANALYTICS_MIN_GROUP_SIZE: '2' })).toThrow(/ANALYTICS_MIN_GROUP_SIZE/);
  });
});
