import { randomUUID } from 'node:crypto';
import { headersAsStrings } from '@ejp/messaging';
import { signDevToken } from '@ejp/service-kit';
import { testKafka, uniqueName } from '@ejp/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { startDistributed, TEST_MASTER_KEY } from './support/distributed.ts';
import { expectStatus, httpClient } from './support/http.ts';
import { createE2eInfra, infraAvailable, mongoUrl } from './support/infra.ts';
import { hireBody, isoDate } from './support/journey.ts';
import { killLeftovers, startService } from './support/service-process.ts';

// Offboarding in the distributed shape: its own process next to onboarding, on
// PostgreSQL; the relay carries its events to Kafka, the projector to the
// journey API. One employee leaves, joins the alumni and comes back.
const SECRET = 'e2e-offboarding-secret-of-at-least-32-chars';
const infra = infraAvailable ? await createE2eInfra('e2e_offb') : undefined;

afterEach(() => killLeftovers());

/** Every ce_type on the topic, from a consumer of our own, until `done(types)` holds. */
async function topicTypes(brokers: string, topic: string, done: (types: Map<string, Record<string, string>>) => boolean) {
  const consumer = testKafka(brokers).consumer({ groupId: uniqueName('e2e_deprovisioning'), maxWaitTimeInMs: 100 });
  const seen = new Map<string, Record<string, string>>();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          const headers = headersAsStrings(message.headers ?? {});
          seen.set(headers.ce_type!, { ...headers, key: message.key?.toString() ?? '' });
          if (done(seen)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

describe.runIf(infraAvailable)('offboarding, distributed, on real servers', () => {
  it('departs, refuses onboarding across processes, announces access removal on Kafka, and rehires into a new chapter', async () => {
    const { brokers, topic, mongoDatabase, databaseUrl } = infra!;
    const services = await startDistributed({
      databaseUrl,
      kafkaBrokers: brokers,
      topic,
      groupId: uniqueName('e2e_offb_projector'),
      mongoUrl: mongoUrl(),
      mongoDatabase,
      authSecret: SECRET,
      journeyApiEnv: { READ_WAIT_TIMEOUT_MS: '15000', READ_WAIT_POLL_MS: '10' },
    });
    const offboarding = await startService('offboarding', {
      AUTH_MODE: 'hs256',
      AUTH_HS256_SECRET: SECRET,
      EVENTSTORE_BACKEND: 'postgres',
      EVENTSTORE_URL: databaseUrl,
      KEYSTORE_MASTER_KEY: TEST_MASTER_KEY,
      ACCESS_REMOVAL_CHECK_SECONDS: '1',
      // The reporting lines its access check reads, where the projector writes them.
      READSTORE_BACKEND: 'mongodb',
      READSTORE_URL: mongoUrl(),
      READSTORE_DATABASE: mongoDatabase,
    });
    const hr = await signDevToken({ secret: SECRET, subject: randomUUID(), roles: ['hr'] });
    const onboard = httpClient(services.onboarding.url, hr);
    const offboard = httpClient(offboarding.url, hr);
    const journeys = httpClient(services.journeyApi.url, hr);
    const employeeId = randomUUID();
    const base = `/employees/${employeeId}`;

    expectStatus(await onboard.post('/employees', hireBody(employeeId)), 201, 'hire');
    // Terminated today: the last day has come, so the departure needs no override.
    const start = { kind: 'termination', voluntary: false, regrettable: false, lastDay: isoDate(0), initiatedBy: 'hr' };
    expectStatus(await offboard.post(`${base}/offboarding`, start), 201, 'start offboarding');
    for (const task of ['knowledge-transfer', 'equipment-return', 'access-removal']) {
      expectStatus(await offboard.post(`${base}/offboarding/tasks/${task}/complete`), 200, task);
    }
    expectStatus(await offboard.post(`${base}/departure`, {}), 200, 'depart');

    // The onboarding process folds offboarding's departure from the same stream.
    const refused = await onboard.post(`${base}/onboarding/check-ins`, { day: 30, rating: 4 });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'EJP_EMPLOYEE_DEPARTED', title: 'The employee has left' });

    const kafkaTypes = await topicTypes(brokers, topic, (seen) => seen.has('journey.employee.departed') && seen.has('journey.offboarding.access-removal-due'));
    for (const type of ['journey.offboarding.access-removal-due', 'journey.employee.departed']) {
      expect(kafkaTypes.get(type), type).toMatchObject({ ce_type: type, ce_subject: employeeId, key: employeeId, ce_specversion: '1.0' });
      expect(kafkaTypes.get(type)!.ce_id).toMatch(/^[0-9a-f-]{36}$/);
    }

    expectStatus(await offboard.put(`${base}/rehire-eligibility`, { eligible: true, reason: 'Restructuring, not performance' }), 200, 'eligibility');
    const position = { department: 'Engineering', role: 'Staff Engineer', level: 'IC5', managerId: null, location: 'Lisbon', startDate: isoDate(14) };
    expectStatus(await offboard.post(`${base}/rehire`, position), 201, 'rehire');
    const plan = { tasks: [{ id: 'badge', title: 'New badge', owner: 'it', dueOffsetDays: 0, required: true }] };
    const planned = expectStatus(await onboard.post(`${base}/onboarding/plan`, plan), 200, 'new onboarding plan');

    // The timeline shows both chapters in order; the journey is in pre-boarding again.
    const last = Number(planned.revision);
    const timeline = expectStatus(await journeys.get(`${base}/timeline?minRevision=${last}&limit=200`), 200, 'timeline');
    const types = timeline.items.map((item: { type: string }) => item.type);
    expect(types.indexOf('journey.employee.hired')).toBe(0);
    expect(types.indexOf('journey.employee.departed')).toBeLessThan(types.indexOf('journey.employee.rehired'));
    expect(types.at(-1)).toBe('journey.onboarding.plan-assigned');
    const journey = expectStatus(await journeys.get(`${base}/journey?minRevision=${last}`), 200, 'journey');
    expect(journey).toMatchObject({ employeeId, stage: 'pre-boarding' });

    expect(await offboarding.stop()).toBe(0);
    expect(await services.stopAll()).toEqual({ 'journey-api': 0, projector: 0, relay: 0, onboarding: 0 });
  }, 120_000);
});
