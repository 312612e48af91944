import { randomUUID } from 'node:crypto';
import { signDevToken } from '@ejp/service-kit';
import { type OtlpReceiver, startOtlpReceiver, testKafka, uniqueName } from '@ejp/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentedMetrics, prometheusNameOf } from '../docs/metric-docs.ts';
import { startDistributed } from './support/distributed.ts';
import { expectStatus, httpClient } from './support/http.ts';
import { createE2eInfra, infraAvailable, mongoUrl } from './support/infra.ts';
import { hireBody } from './support/journey.ts';
import { killLeftovers } from './support/service-process.ts';
import { expectCausalOrder, fastTelemetryEnv, freePort, hireTrace, sampleOf, scrapeUntil } from './support/trace-chain.ts';

// One hire in the distributed shape (four processes on PostgreSQL, Kafka and a
// MongoDB-wire server), every process exporting to an OTLP/HTTP receiver in
// this test: one trace from the HTTP request to the projection's apply; the
// projector's and the relay's Prometheus endpoints show lag and dead letters.
const SECRET = 'e2e-tracing-secret-of-at-least-32-chars';
const infra = infraAvailable ? await createE2eInfra('e2e_trace') : undefined;
let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver.close());
afterEach(() => killLeftovers());

describe.runIf(infraAvailable)('observability in distributed mode', () => {
  it('one hire is one trace across request, append, publish, consume and apply; lag and dead letters are scraped', async () => {
    const { brokers, topic, mongoDatabase, databaseUrl } = infra!;
    const [projectorMetrics, relayMetrics] = [await freePort(), await freePort()];
    const services = await startDistributed({
      databaseUrl,
      kafkaBrokers: brokers,
      topic,
      groupId: uniqueName('e2e_trace_projector'),
      mongoUrl: mongoUrl(),
      mongoDatabase,
      authSecret: SECRET,
      journeyApiEnv: { READ_WAIT_TIMEOUT_MS: '10000', READ_WAIT_POLL_MS: '10' },
      env: fastTelemetryEnv(receiver.endpoint),
      projectorEnv: { METRICS_PORT: String(projectorMetrics) },
      relayEnv: { METRICS_PORT: String(relayMetrics) },
    });
    const hr = await signDevToken({ secret: SECRET, subject: randomUUID(), roles: ['hr'] });
    const employeeId = randomUUID();
    const hired = expectStatus(await httpClient(services.onboarding.url, hr).post('/employees', hireBody(employeeId)), 201, 'hire');
    expectStatus(await httpClient(services.journeyApi.url, hr).get(`/employees/${employeeId}/timeline?minRevision=${hired.revision}`), 200, 'timeline');

    const trace = await receiver.waitForSpans((spans) => hireTrace(spans, employeeId, true));
    expectCausalOrder(trace);
    expect(new Set([trace.http, trace.append, trace.send!, trace.process, ...trace.apply].map((s) => s.service))).toEqual(new Set(['onboarding', 'relay', 'projector']));
    expect(trace.append.attributes['db.system']).toBe('postgresql');
    expect(trace.send!.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.kafka.message.key': employeeId });
    expect(trace.send!.attributes['messaging.message.id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(trace.send!.attributes['messaging.destination.partition.id'])).toBeGreaterThanOrEqual(0);
    expect(trace.process.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.operation.type': 'process' });
    expect(trace.apply.map((s) => s.attributes['ejp.projection'])).toEqual(expect.arrayContaining(['timeline', 'journey-status']));
    // The read that waited for the projection has its own trace with the wait in it.
    const wait = await receiver.waitForSpans((spans) => spans.find((s) => s.name === 'minRevision wait' && s.service === 'journey-api'));
    expect(wait.attributes['ejp.min_revision']).toBe(Number(hired.revision));

    // A message that is no journey event: the projector dead-letters it, and says so.
    const producer = testKafka(brokers).producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: employeeId, value: 'not a cloud event' }] });
    await producer.disconnect();
    const documented = new Set(documentedMetrics().map((m) => m.prometheus));
    const deadLetters = prometheusNameOf('ejp.messaging.dead_letters');
    const scraped = await scrapeUntil(`http://127.0.0.1:${projectorMetrics}/metrics`, (text) => sampleOf(text, deadLetters, { topic: `${topic}.dlq` }) === 1);
    for (const name of ['ejp.consumer.lag.events', 'ejp.consumer.lag.seconds', 'ejp.messaging.consumer.lag', 'ejp.messaging.dead_letters']) {
      expect(documented).toContain(prometheusNameOf(name));
    }
    expect(sampleOf(scraped, prometheusNameOf('ejp.consumer.lag.events'), { consumer: 'timeline' })).toBe(0);
    expect(sampleOf(scraped, prometheusNameOf('ejp.consumer.lag.seconds'), { consumer: 'timeline' })).toBe(0);
    const relayText = await scrapeUntil(`http://127.0.0.1:${relayMetrics}/metrics`, (text) => sampleOf(text, prometheusNameOf('ejp.relay.lag.events')) === 0);
    expect(sampleOf(relayText, prometheusNameOf('ejp.relay.lag.seconds'), { relay: `relay:${topic}` })).toBe(0);
    expect(sampleOf(relayText, prometheusNameOf('ejp.relay.published'), { topic })).toBeGreaterThanOrEqual(2);
    await services.stopAll();
  }, 90_000);
});
