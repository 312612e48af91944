import { randomUUID } from 'node:crypto';
import { signDevToken } from '@ejp/service-kit';
import { uniqueName } from '@ejp/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type Distributed, startDistributed } from './support/distributed.ts';
import { expectStatus, httpClient } from './support/http.ts';
import { createE2eInfra, infraAvailable, mongoUrl } from './support/infra.ts';
import { hireBody } from './support/journey.ts';
import { killLeftovers } from './support/service-process.ts';

// The distributed shape end to end: onboarding, relay, projector and journey API
// as four processes on PostgreSQL (event store), Kafka and a MongoDB-wire server
// (FerretDB locally). Under REQUIRE_INFRA=1 a missing server fails the file.
const SECRET = 'e2e-distributed-secret-of-at-least-32-chars';
const infra = infraAvailable ? await createE2eInfra('e2e') : undefined;

afterEach(() => killLeftovers());

describe.runIf(infraAvailable)('distributed mode: four processes on real servers', () => {
  it('carries commands from the onboarding API through the relay, Kafka and the projector to the journey API', async () => {
    const { brokers, topic, mongoDatabase, databaseUrl } = infra!;
    const services: Distributed = await startDistributed({
      databaseUrl,
      kafkaBrokers: brokers,
      topic,
      groupId: uniqueName('e2e_projector'),
      mongoUrl: mongoUrl(),
      mongoDatabase,
      authSecret: SECRET,
      // Generous: seven events through relay, Kafka and FerretDB's slow upserts on a busy CI machine.
      journeyApiEnv: { READ_WAIT_TIMEOUT_MS: '10000', READ_WAIT_POLL_MS: '10' },
    });

    const hr = await signDevToken({ secret: SECRET, subject: randomUUID(), roles: ['hr'] });
    const commands = httpClient(services.onboarding.url, hr);
    const journeys = httpClient(services.journeyApi.url, hr);
    const employeeId = randomUUID();
    const base = `/employees/${employeeId}`;

    // Auth is on: no token, no command.
    expect((await httpClient(services.onboarding.url).post('/employees', hireBody(employeeId))).status).toBe(401);

    // Default plan: the hire appends EmployeeHired + OnboardingPlanAssigned atomically.
    const hired = expectStatus(await commands.post('/employees', hireBody(employeeId)), 201, 'hire');
    expect(hired.revision).toBe('1');
    expectStatus(await commands.post(`${base}/onboarding/tasks/equipment-ready/complete`), 200, 'equipment');
    // Touchpoints complete their plan task in the same append (ticking such a task by hand is refused).
    expectStatus(await commands.post(`${base}/onboarding/welcome`, { message: 'Welcome to the team!' }), 200, 'welcome');
    const checkIn = expectStatus(await commands.post(`${base}/onboarding/check-ins`, { day: 30, rating: 4, notes: 'Settling in well' }), 200, 'check-in');
    const last = Number(checkIn.revision);
    expect(last).toBe(6);

    // Read-your-writes across four processes: the request waits until the projector has applied `last`.
    const timeline = expectStatus(await journeys.get(`${base}/timeline?minRevision=${last}`), 200, 'timeline');
    expect(timeline.projectedRevision).toBeGreaterThanOrEqual(last);
    expect(timeline.items.map((item: { revision: number }) => item.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(timeline.items.map((item: { type: string }) => item.type)).toEqual([
      'journey.employee.hired',
      'journey.onboarding.plan-assigned',
      'journey.onboarding.task-completed',
      'journey.onboarding.welcome-message-sent',
      'journey.onboarding.task-completed',
      'journey.onboarding.check-in-recorded',
      'journey.onboarding.task-completed',
    ]);
    expect(timeline.items.at(-1).data).toMatchObject({ taskId: 'check-in-30' });
    // Personal data left the event store encrypted and never reached the read model.
    expect(JSON.stringify(timeline)).not.toContain('Settling in');
    expect(JSON.stringify(timeline)).not.toContain('Welcome to the team');
    expect(JSON.stringify(timeline)).not.toContain('@example.com');

    const journey = expectStatus(await journeys.get(`${base}/journey?minRevision=${last}`), 200, 'journey');
    expect(journey).toMatchObject({ employeeId, stage: 'onboarding', checkInsDone: [30], projectedRevision: last });
    expect(journey.onboarding.progress).toMatchObject({ done: 3, total: 6 });

    // Reporting lines across processes: HR names a manager in onboarding, the projector writes the line to
    // MongoDB, and the onboarding and journey API processes both check access against it there.
    const managerId = randomUUID();
    const moved = expectStatus(await commands.put(`${base}/manager`, { managerId }), 200, 'change manager');
    expectStatus(await journeys.get(`${base}/journey?minRevision=${moved.revision}`), 200, 'journey after the change');
    const asManager = await signDevToken({ secret: SECRET, subject: managerId, roles: ['manager'] });
    const asStranger = await signDevToken({ secret: SECRET, subject: randomUUID(), roles: ['manager'] });
    expect(expectStatus(await httpClient(services.journeyApi.url, asManager).get(`${base}/journey`), 200, 'manager reads').checkInsDone).toEqual([30]);
    expect((await httpClient(services.journeyApi.url, asStranger).get(`${base}/journey`)).status).toBe(403);
    expect((await httpClient(services.onboarding.url, asStranger).post(`${base}/onboarding/check-ins`, { day: 60, rating: 3 })).status).toBe(403);
    expect((await httpClient(services.onboarding.url, asManager).get(`${base}/onboarding`)).status).toBe(200);

    // The relay really published them (the projector reads nothing but Kafka).
    const status = expectStatus(await httpClient(services.relay.url).get('/relay/status'), 200, 'relay status');
    expect(status).toMatchObject({ state: 'publishing', topic });
    expect(status.published).toBeGreaterThanOrEqual(7);

    // SIGTERM: every process shuts down cleanly.
    expect(await services.stopAll()).toEqual({ 'journey-api': 0, projector: 0, relay: 0, onboarding: 0 });
  });
});
