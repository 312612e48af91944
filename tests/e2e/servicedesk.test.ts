import { randomUUID } from 'node:crypto';
import { signDevToken } from '@ejp/service-kit';
import { followEventStream, uniqueName } from '@ejp/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { startDistributed } from './support/distributed.ts';
import { expectStatus, httpClient } from './support/http.ts';
import { createE2eInfra, infraAvailable, mongoUrl } from './support/infra.ts';
import { killLeftovers, startService } from './support/service-process.ts';
import { tapTopic } from './support/kafka-tap.ts';

// The service desk in the distributed shape: its own process on PostgreSQL
// with its SLA watcher; live progress over SSE from that process; the relay
// carries every request event (the breach too) to Kafka, the projector to the
// journey API's queues.
const SECRET = 'e2e-servicedesk-secret-of-at-least-32-chars';
const infra = infraAvailable ? await createE2eInfra('e2e_desk') : undefined;

afterEach(() => killLeftovers());

async function eventually<T>(what: string, read: () => Promise<T>, holds: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (holds(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.runIf(infraAvailable)('the service desk, distributed, on real servers', () => {
  it('follows a request live over SSE, publishes its events and its breach to Kafka, and shows it in the queues', async () => {
    const { brokers, topic, mongoDatabase, databaseUrl } = infra!;
    const services = await startDistributed({
      databaseUrl, kafkaBrokers: brokers, topic, groupId: uniqueName('e2e_desk_projector'), mongoUrl: mongoUrl(), mongoDatabase, authSecret: SECRET,
      journeyApiEnv: { READ_WAIT_TIMEOUT_MS: '15000', READ_WAIT_POLL_MS: '10' },
    });
    const desk = await startService('servicedesk', {
      AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: databaseUrl, ORG_ID: 'e2e', SLA_CHECK_SECONDS: '1',
    });
    const [requesterId, agentId] = [randomUUID(), randomUUID()];
    const token = (subject: string, roles: string[]) => signDevToken({ secret: SECRET, subject, roles: roles as never });
    const admin = httpClient(desk.url, await token('admin-1', ['admin']));
    const requester = httpClient(desk.url, await token(requesterId, ['employee']));
    const agent = httpClient(desk.url, await token(agentId, ['employee']));

    expectStatus(await admin.put('/servicedesk/teams/it-support', { name: 'IT support', agentIds: [agentId] }), 200, 'team');
    const item = { title: 'Laptop', category: 'it', owningTeamId: 'it-support', approvalChain: 'none', form: { type: 'object', required: ['assetTag'], properties: { assetTag: { type: 'string' } } } };
    expectStatus(await admin.put('/servicedesk/items/laptop', { ...item, sla: { resolutionMinutes: 2_880 } }), 200, 'laptop item');
    // A first answer within one minute: the watcher will see it pass.
    expectStatus(await admin.put('/servicedesk/items/vpn', { ...item, title: 'VPN', sla: { firstResponseMinutes: 1, resolutionMinutes: 600 } }), 200, 'vpn item');

    const [laptop, vpn] = [randomUUID(), randomUUID()];
    const refused = await requester.post('/servicedesk/requests', { requestId: laptop, itemId: 'laptop', title: 'Broken hinge', answers: {} });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'body.answers.assetTag' })]);
    expectStatus(await requester.post('/servicedesk/requests', { requestId: vpn, itemId: 'vpn', title: 'VPN refuses my token', answers: { assetTag: 'LT-7' } }), 201, 'vpn request');
    expectStatus(await requester.post('/servicedesk/requests', { requestId: laptop, itemId: 'laptop', title: 'Broken hinge', answers: { assetTag: 'LT-8' } }), 201, 'laptop request');

    const live = await followEventStream(`${desk.url}/servicedesk/requests/${laptop}/events`, { authorization: `Bearer ${await token(requesterId, ['employee'])}` });
    const expected = ['servicedesk.request.submitted'];
    try {
      expect(live.response.status).toBe(200);
      const steps: [typeof agent, string, object?][] = [
        [agent, 'acknowledgement'],
        [agent, 'work'],
        [agent, 'comments', { commentId: randomUUID(), text: 'Left or right hinge?' }],
        [agent, 'waiting-on-employee'],
        [requester, 'comments', { commentId: randomUUID(), text: 'The left one' }],
        [agent, 'resolution', { resolution: 'Hinge replaced' }],
        [requester, 'satisfaction', { rating: 5, comment: 'Same day!' }],
      ];
      for (const [who, step, body] of steps) {
        const answered = expectStatus(await who.post(`/servicedesk/requests/${laptop}/${step}`, body), 200, step);
        expected.push(...answered.events.map((e: { type: string }) => e.type));
        expect((await live.until(expected.length)).map((f) => f.event), `after ${step}`).toEqual(expected);
      }
      expect(live.frames.map((f) => f.id)).toEqual(expected.map((_, revision) => String(revision)));
    } finally {
      await live.close();
    }

    // Every event reaches Kafka keyed by its request; the breach of the unanswered one too, for the paging bot.
    const tap = await tapTopic(brokers, topic);
    try {
      const header = (m: { headers: Record<string, unknown> }, name: string) => m.headers[name]?.toString();
      const of = (type: string, subject: string) => (m: { headers: Record<string, unknown> }) => header(m, 'ce_type') === type && header(m, 'ce_subject') === subject;
      for (const type of expected) expect((await tap.waitFor(of(type, laptop), type)).key, type).toBe(laptop);
      const breach = await tap.waitFor(of('servicedesk.request.sla-breached', vpn), 'the breach', 90_000);
      expect(breach.key).toBe(vpn);
      expect(header(breach, 'ce_source')).toContain('servicedesk');
      expect(JSON.parse(breach.value.toString())).toMatchObject({ clock: 'first-response', requesterId });
      // Comments travel encrypted under the requester's key.
      expect((await tap.waitFor(of('servicedesk.request.commented', laptop), 'a comment')).value.toString()).not.toContain('hinge');
    } finally {
      await tap.stop();
    }

    const journeys = httpClient(services.journeyApi.url, await token(requesterId, ['employee']));
    const mine = await eventually('my requests', async () => (await journeys.get('/servicedesk/my-requests')).body.items, (items) => items.length === 2 && items.some((r: { status: string }) => r.status === 'resolved'));
    expect(mine.find((r: { requestId: string }) => r.requestId === laptop)).toMatchObject({ status: 'resolved', rating: 5, breached: false });
    const queue = httpClient(services.journeyApi.url, await token(agentId, ['employee']));
    const breached = await eventually('breached queue', async () => (await queue.get('/servicedesk/teams/it-support/queue?risk=breached')).body.items, (items) => items.length === 1);
    expect(breached[0]).toMatchObject({ requestId: vpn, firstResponseBreachedAt: expect.any(String) });
    const sla = expectStatus(await queue.get('/servicedesk/teams/it-support/sla'), 200, 'sla');
    expect(sla.items.laptop).toMatchObject({ requests: 1, backlog: 0, firstResponseAttainment: 1, resolutionAttainment: 1 });
    expect(sla.items.vpn).toMatchObject({ requests: 1, backlog: 1, firstResponseAttainment: null });

    expect(await desk.stop()).toBe(0);
    expect(await services.stopAll()).toEqual({ 'journey-api': 0, projector: 0, relay: 0, onboarding: 0 });
  }, 180_000);
});
