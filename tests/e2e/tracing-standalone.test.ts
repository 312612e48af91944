import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken } from '@ejp/service-kit';
import { type OtlpReceiver, startOtlpReceiver } from '@ejp/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentedMetrics, prometheusNameOf } from '../docs/metric-docs.ts';
import { expectStatus, httpClient } from './support/http.ts';
import { hireBody } from './support/journey.ts';
import { killLeftovers, startService } from './support/service-process.ts';
import { expectCausalOrder, fastTelemetryEnv, freePort, hireTrace, sampleOf, scrapeUntil } from './support/trace-chain.ts';

// Standalone (one process, SQLite, the in-process bus) exporting to an
// OTLP/HTTP receiver in this test: the bus continues the command's trace, and
// the Prometheus endpoint serves the documented metrics.
const SECRET = 'e2e-tracing-standalone-secret-32-chars';
const dataDir = mkdtempSync(join(tmpdir(), 'ejp-trace-standalone-'));
let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(async () => {
  await receiver.close();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => killLeftovers());

describe('observability in standalone mode', () => {
  it('one hire is one trace through the in-process bus; the scrape endpoint shows lag, dead letters, commands and SLOs', async () => {
    const metricsPort = await freePort();
    const app = await startService('standalone', {
      AUTH_MODE: 'hs256',
      AUTH_HS256_SECRET: SECRET,
      DATA_DIR: dataDir,
      METRICS_PORT: String(metricsPort),
      ...fastTelemetryEnv(receiver.endpoint),
    });
    const client = httpClient(app.url, await signDevToken({ secret: SECRET, roles: ['hr'] }));
    const employeeId = crypto.randomUUID();
    const hired = expectStatus(await client.post('/employees', hireBody(employeeId)), 201, 'hire');
    expectStatus(await client.get(`/employees/${employeeId}/timeline?minRevision=${hired.revision}`), 200, 'timeline');

    const trace = await receiver.waitForSpans((spans) => hireTrace(spans, employeeId, false));
    expectCausalOrder(trace);
    expect(new Set(trace.all.map((s) => s.service))).toEqual(new Set(['standalone']));
    expect(trace.append.attributes['db.system']).toBe('sqlite');
    expect(trace.process.attributes).toMatchObject({ 'messaging.system': 'in-process', 'messaging.consumer.group.name': 'timeline' });
    // Hook spans are off by default: the request has @fastify/otel's request and handler spans only.
    expect(trace.all.filter((s) => s.name.startsWith('onRequest - '))).toEqual([]);

    const text = await scrapeUntil(`http://127.0.0.1:${metricsPort}/metrics`, (t) => sampleOf(t, prometheusNameOf('ejp.consumer.lag.events'), { consumer: 'timeline' }) === 0);
    expect(sampleOf(text, prometheusNameOf('ejp.consumer.lag.seconds'), { consumer: 'timeline' })).toBe(0);
    expect(sampleOf(text, prometheusNameOf('ejp.messaging.dead_letters'), { topic: 'in-process', consumer: 'timeline' })).toBe(0);
    expect(sampleOf(text, prometheusNameOf('ejp.commands'), { service: 'journey', outcome: 'appended' })).toBeGreaterThanOrEqual(1);
    expect(sampleOf(text, prometheusNameOf('ejp.eventstore.events_appended'), { db_system: 'sqlite', category: 'journey' })).toBeGreaterThanOrEqual(2);
    expect(sampleOf(text, `${prometheusNameOf('ejp.command.duration.seconds')}_count`, { service: 'journey' })).toBeGreaterThanOrEqual(1);
    expect(sampleOf(text, prometheusNameOf('ejp.slo.suggestions.overdue'))).toBe(0);
    expect(sampleOf(text, prometheusNameOf('ejp.slo.service_requests.first_response_breached'))).toBe(0);
    // Whatever the endpoint serves under ejp_ is documented.
    const documented = new Set(documentedMetrics().map((m) => m.prometheus));
    const served = new Set([...text.matchAll(/^# TYPE (ejp_[a-z0-9_]+)/gm)].map((m) => m[1]!));
    expect([...served].filter((name) => !documented.has(name))).toEqual([]);
    expect(await app.stop()).toBe(0);
  }, 60_000);
});
