import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One span as received, flattened: ids in hex, times in nanoseconds, attributes as plain values. */
export interface ReceivedSpan {
  service: string;
  scope: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  startNs: bigint;
  endNs: bigint;
  attributes: Record<string, unknown>;
  links: { traceId: string; spanId: string }[];
  status: number;
}

export interface OtlpReceiver {
  /** Base URL for OTEL_EXPORTER_OTLP_ENDPOINT. */
  endpoint: string;
  spans(): ReceivedSpan[];
  /** Names of the metrics received so far, per service. */
  metricNames(): Map<string, Set<string>>;
  /** Resolves once `found` holds for the spans received (polled), or rejects after `timeoutMs`. */
  waitForSpans<T>(found: (spans: ReceivedSpan[]) => T | undefined, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

type OtlpValue = { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean };
type OtlpAttribute = { key: string; value: OtlpValue };

function plainValue(value: OtlpValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  return value.boolValue;
}

const attributesOf = (list: OtlpAttribute[] | undefined): Record<string, unknown> =>
  Object.fromEntries((list ?? []).map((a) => [a.key, plainValue(a.value)]));

interface TracesBody {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: Array<{ scope?: { name?: string }; spans?: Array<Record<string, unknown>> }>;
  }>;
}
interface MetricsBody {
  resourceMetrics?: Array<{ resource?: { attributes?: OtlpAttribute[] }; scopeMetrics?: Array<{ metrics?: Array<{ name: string }> }> }>;
}

/**
 * A stand-in OTLP/HTTP collector for tests: `/v1/traces` and `/v1/metrics`
 * in the JSON encoding, which `@opentelemetry/exporter-*-otlp-http` sends
 * (protobuf is refused with 415, so a switched exporter fails loudly).
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const metrics = new Map<string, Set<string>>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (!String(request.headers['content-type'] ?? '').includes('json')) {
        response.statusCode = 415;
        response.end();
        return;
      }
      const raw = Buffer.concat(chunks);
      const body = JSON.parse((request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString()) as TracesBody & MetricsBody;
      if (request.url === '/v1/traces') collectSpans(body, spans);
      if (request.url === '/v1/metrics') collectMetrics(body, metrics);
      response.setHeader('content-type', 'application/json');
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    spans: () => [...spans],
    metricNames: () => metrics,
    async waitForSpans(found, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const result = found([...spans]);
        if (result !== undefined) return result;
        if (Date.now() > deadline) throw new Error(`spans not received within ${timeoutMs} ms; got: ${spans.map((s) => `${s.service}:${s.name}`).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function collectSpans(body: TracesBody, into: ReceivedSpan[]): void {
  for (const resource of body.resourceSpans ?? []) {
    const service = String(attributesOf(resource.resource?.attributes)['service.name'] ?? '');
    for (const scope of resource.scopeSpans ?? []) {
      for (const span of scope.spans ?? []) {
        const parent = span.parentSpanId as string | undefined;
        into.push({
          service,
          scope: scope.scope?.name ?? '',
          name: String(span.name),
          kind: Number(span.kind),
          traceId: String(span.traceId),
          spanId: String(span.spanId),
          parentSpanId: parent === undefined || parent === '' ? undefined : parent,
          startNs: BigInt(String(span.startTimeUnixNano)),
          endNs: BigInt(String(span.endTimeUnixNano)),
          attributes: attributesOf(span.attributes as OtlpAttribute[] | undefined),
          links: ((span.links as Array<{ traceId: string; spanId: string }> | undefined) ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId })),
          status: Number((span.status as { code?: number } | undefined)?.code ?? 0),
        });
      }
    }
  }
}

function collectMetrics(body: MetricsBody, into: Map<string, Set<string>>): void {
  for (const resource of body.resourceMetrics ?? []) {
    const service = String(attributesOf(resource.resource?.attributes)['service.name'] ?? '');
    const names = into.get(service) ?? new Set<string>();
    into.set(service, names);
    for (const scope of resource.scopeMetrics ?? []) for (const metric of scope.metrics ?? []) names.add(metric.name);
  }
}

/** True when `ancestor` is `span` or one of its ancestors inside `spans`. */
export function descendsFrom(spans: readonly ReceivedSpan[], span: ReceivedSpan, ancestor: ReceivedSpan): boolean {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  for (let at: ReceivedSpan | undefined = span; at; at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined) {
    if (at.spanId === ancestor.spanId) return true;
  }
  return false;
}
