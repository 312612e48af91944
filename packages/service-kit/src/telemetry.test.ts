import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogs, testConfig } from '../test/helpers.ts';
import { createServiceApp } from './create-service-app.ts';
import { startTelemetry } from './telemetry.ts';

// A stand-in OTLP/HTTP collector that records what the SDK exports.
// (This file owns the process-wide OTel globals; vitest runs it in its own worker.)
const received: Array<{ path: string; body: unknown }> = [];
let collector: Server;
let endpoint: string;

beforeAll(async () => {
  collector = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = (request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString();
      received.push({ path: request.url ?? '', body: JSON.parse(text) });
      response.setHeader('content-type', 'application/json');
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

type OtlpSpan = { name: string; traceId: string; kind: number };
function exportedSpans(): OtlpSpan[] {
  return received
    .filter((entry) => entry.path === '/v1/traces')
    .flatMap((entry) => {
      const body = entry.body as { resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
      return body.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
    });
}

describe('startTelemetry', () => {
  it('is a no-op without OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const telemetry = startTelemetry({});
    expect(telemetry.enabled).toBe(false);
    await telemetry.shutdown();
  });

  it('exports HTTP and Fastify spans and metrics over OTLP/HTTP; logs carry the trace id', async () => {
    const telemetry = startTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'telemetry-test' });
    expect(telemetry.enabled).toBe(true);

    const logs = captureLogs();
    const app = await createServiceApp({ name: 'telemetry-test', config: testConfig(), logger: logs.logger });
    app.get('/traced', { config: { public: true }, schema: { operationId: 'traced', response: { 200: z.object({ ok: z.boolean() }) } } }, async (request) => {
      request.log.info('inside traced handler');
      return { ok: true };
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${url}/traced`);
    expect(response.status).toBe(200);
    await app.close();
    await telemetry.shutdown();

    const spans = exportedSpans();
    // The HTTP instrumentation's SERVER span (kind 2) proves node:http got patched
    // although it was imported (ESM) before telemetry started.
    expect(spans).toContainEqual(expect.objectContaining({ name: 'GET /traced', kind: 2 }));
    // @fastify/otel: a span for the request and one for the route handler.
    expect(spans.map((span) => span.name)).toEqual(expect.arrayContaining(['request', expect.stringMatching(/^handler - /)]));
    expect(received.some((entry) => entry.path === '/v1/metrics')).toBe(true);

    const line = logs.lines.find((candidate) => candidate.msg === 'inside traced handler');
    expect(line?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(line?.span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(spans.map((span) => span.traceId)).toContain(line?.trace_id);
  });
});
