import { randomUUID } from 'node:crypto';
import { headersAsStrings } from '@ejp/messaging';
import { signDevToken } from '@ejp/service-kit';
import { uniqueName } from '@ejp/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDistributed, TEST_MASTER_KEY } from './support/distributed.ts';
import { expectStatus, httpClient } from './support/http.ts';
import { createE2eInfra, infraAvailable, mongoUrl } from './support/infra.ts';
import { hireBody } from './support/journey.ts';
import { tapTopic } from './support/kafka-tap.ts';
import { killLeftovers, startService } from './support/service-process.ts';

// The growth centre in the distributed shape: its own process next to
// onboarding, on PostgreSQL; the relay carries its events to Kafka (a round's
// keyed by the round, a move by the employee), the projector to the journey
// API. A mentee is matched with a mentor from another team, then transfers.
const SECRET = 'e2e-growth-secret-of-at-least-32-characters';
const infra = infraAvailable ? await createE2eInfra('e2e_growth') : undefined;

afterEach(() => killLeftovers());

describe.runIf(infraAvailable)('growth, distributed, on real servers', () => {
  it('matches a round, starts a mentorship both timelines show, and moves the mentee to a new manager and department', async () => {
    const { brokers, topic, mongoDatabase, databaseUrl } = infra!;
    const services = await startDistributed({
      databaseUrl,
      kafkaBrokers: brokers,
      topic,
      groupId: uniqueName('e2e_growth_projector'),
      mongoUrl: mongoUrl(),
      mongoDatabase,
      authSecret: SECRET,
      journeyApiEnv: { READ_WAIT_TIMEOUT_MS: '15000', READ_WAIT_POLL_MS: '10' },
    });
    const growth = await startService('growth', { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: databaseUrl, KEYSTORE_MASTER_KEY: TEST_MASTER_KEY, READSTORE_BACKEND: 'mongodb', READSTORE_URL: mongoUrl(), READSTORE_DATABASE: mongoDatabase });
    const tap = await tapTopic(brokers, topic);
    const token = (subject: string, role: string) => signDevToken({ secret: SECRET, subject, roles: [role] });
    const hr = await token(randomUUID(), 'hr');
    const [head, mentor, mentee, productHead] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const as = async (subject: string, role = 'employee') => httpClient(growth.url, await token(subject, role));
    const onboard = httpClient(services.onboarding.url, hr);
    const journeys = httpClient(services.journeyApi.url, hr);
    const people: [string, string, string, string | null][] = [
      [head, 'Engineering', 'M3', null],
      [productHead, 'Product', 'M3', null],
      [mentor, 'Product', 'IC5', productHead],
      [mentee, 'Engineering', 'IC3', head],
    ];
    for (const [id, department, level, managerId] of people) expectStatus(await onboard.post('/employees', { ...hireBody(id), department, level, managerId }), 201, `hire ${level}`);

    // A round: the mentee's manager offers too, but is never proposed to their own report.
    const roundId = randomUUID();
    const round = `/mentoring-rounds/${roundId}`;
    expectStatus(await (await as(randomUUID(), 'hr')).post('/mentoring-rounds', { roundId, title: 'E2E round' }), 201, 'open round');
    for (const id of [head, mentor]) expectStatus(await (await as(id)).put(`${round}/mentors/me`, { skills: ['system-design'], topics: ['leadership'], capacity: 1 }), 200, 'offer');
    expectStatus(await (await as(mentee)).put(`${round}/mentees/me`, { goals: ['system-design'] }), 200, 'enrol');
    expectStatus(await (await as(randomUUID(), 'hr')).post(`${round}/proposals`), 201, 'propose');
    expectStatus(await (await as(mentee)).post(`${round}/proposals/${mentee}/accept`), 200, 'mentee accepts');
    const started = expectStatus(await (await as(mentor)).post(`${round}/proposals/${mentee}/accept`), 200, 'mentor accepts');
    expect(started.events.map((e: { type: string }) => e.type)).toEqual(['growth.mentoring.proposal-accepted', 'growth.mentoring.mentorship-started']);

    // An opening in Product: the mentee's manager and HR approve, HR fills it and records the move.
    const openingId = randomUUID();
    const opening = { openingId, kind: 'transfer', title: 'Platform PM', department: 'Product', role: 'Product Manager', level: 'IC3', managerId: productHead, skills: [], startsOn: hireBody().startDate };
    const hrClient = httpClient(growth.url, hr);
    expectStatus(await hrClient.post('/openings', opening), 201, 'post opening');
    expectStatus(await (await as(mentee)).post(`/openings/${openingId}/applications`), 201, 'apply');
    const application = `/openings/${openingId}/applications/${mentee}`;
    expectStatus(await (await as(head, 'manager')).post(`${application}/decision`, { approve: true }), 200, 'manager approves');
    expectStatus(await hrClient.post(`${application}/decision`, { approve: true }), 200, 'hr approves');
    expectStatus(await hrClient.post(`${application}/fill`), 200, 'fill');
    const moved = expectStatus(await hrClient.post(`/employees/${mentee}/position-changes`, { openingId }), 201, 'move');

    // On Kafka: the round's events keyed by the round, the move by the employee, with CloudEvents headers.
    const startedMessage = await tap.waitFor((m) => headersAsStrings(m.headers).ce_type === 'growth.mentoring.mentorship-started', 'mentorship started');
    expect([startedMessage.key, headersAsStrings(startedMessage.headers).ce_subject]).toEqual([roundId, roundId]);
    const moveMessage = await tap.waitFor((m) => headersAsStrings(m.headers).ce_type === 'journey.employee.position-changed', 'position changed');
    expect(moveMessage.key).toBe(mentee);
    await tap.stop();

    // The journey status follows the move: the new manager and department.
    const last = Number(moved.revision);
    const journey = expectStatus(await journeys.get(`/employees/${mentee}/journey?minRevision=${last}`), 200, 'journey');
    expect(journey).toMatchObject({ department: 'Product', role: 'Product Manager', managerId: productHead });
    // Both timelines show the mentorship (the round's stream has its own partition: poll), and the mentee's the move.
    for (const [id, title] of [[mentee, 'Mentorship started with a mentor'], [mentor, 'Started mentoring a colleague']] as const) {
      await vi.waitFor(async () => {
        const timeline = expectStatus(await journeys.get(`/employees/${id}/timeline?limit=200`), 200, 'timeline');
        expect(timeline.items.map((item: { title: string }) => item.title)).toContain(title);
      }, { timeout: 20_000, interval: 200 });
    }
    // Each read model catches up on its own (the batch's documents are written one collection after another).
    await vi.waitFor(async () => {
      const mine = expectStatus(await journeys.get(`/employees/${mentee}/mentorships`), 200, 'mentorships');
      expect(mine.asMentee.map((m: { mentorId: string; status: string }) => [m.mentorId, m.status])).toEqual([[mentor, 'started']]);
    }, { timeout: 20_000, interval: 200 });

    expect(await growth.stop()).toBe(0);
    expect(await services.stopAll()).toEqual({ 'journey-api': 0, projector: 0, relay: 0, onboarding: 0 });
  }, 120_000);
});
