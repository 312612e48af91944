import { createServer } from 'node:net';
import { descendsFrom, type ReceivedSpan } from '@ejp/testkit';
import { expect } from 'vitest';

/** The spans of one command's trace, from the HTTP request to the projection's apply. */
export interface CommandTrace {
  all: ReceivedSpan[];
  http: ReceivedSpan;
  command: ReceivedSpan;
  append: ReceivedSpan;
  /** Kafka only: the relay's send. */
  send: ReceivedSpan | undefined;
  process: ReceivedSpan;
  apply: ReceivedSpan[];
}

const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;

/**
 * The trace of the `POST /employees` request for `employeeId`, once every
 * link of the chain arrived (undefined before: the caller polls).
 */
export function hireTrace(spans: readonly ReceivedSpan[], employeeId: string, viaKafka: boolean): CommandTrace | undefined {
  const append = spans.find((s) => s.name === 'appendToStream journey' && s.attributes['ejp.stream'] === `journey-${employeeId}`);
  if (!append) return undefined;
  const all = spans.filter((s) => s.traceId === append.traceId);
  const http = all.find((s) => s.kind === SERVER && s.name === 'POST /employees');
  const command = all.find((s) => s.name.startsWith('command '));
  const send = all.find((s) => s.kind === PRODUCER && s.name.startsWith('send '));
  // Several consumers process the event (the projector, the survey calendar...): the projector's has the applies.
  const applyOf = (p: ReceivedSpan) => all.filter((s) => s.name.startsWith('apply ') && descendsFrom(all, s, p));
  const process = all.find((s) => s.kind === CONSUMER && s.name.startsWith('process ') && applyOf(s).length > 0);
  const apply = process ? applyOf(process) : [];
  if (!http || !command || !process || apply.length === 0 || (viaKafka && !send)) return undefined;
  return { all, http, command, append, send, process, apply };
}

/** Parent chains and start times say the same order: request, command, append, [send,] process, apply. */
export function expectCausalOrder(t: CommandTrace): void {
  // The projections of a batch apply side by side: each after the process span began, in no order among them.
  const chain = [t.http, t.command, t.append, ...(t.send ? [t.send] : []), t.process];
  for (const span of [...chain.slice(1), ...t.apply]) {
    const before = chain[Math.min(chain.indexOf(span) === -1 ? chain.length : chain.indexOf(span), chain.length) - 1]!;
    expect(span.startNs >= before.startNs, `${span.name} starts after ${before.name}`).toBe(true);
  }
  for (const apply of t.apply) expect(descendsFrom(t.all, apply, t.process)).toBe(true);
  expect(descendsFrom(t.all, t.command, t.http)).toBe(true);
  expect(descendsFrom(t.all, t.append, t.command)).toBe(true);
  // The consumer's process span continues the event's creation context (its CloudEvents traceparent) and links to it.
  const creation = t.process.parentSpanId;
  const creator = t.all.find((s) => s.spanId === creation);
  expect(creator, 'the process span is the child of a span of the request').toBeDefined();
  expect(descendsFrom(t.all, creator!, t.http)).toBe(true);
  expect(t.process.links).toContainEqual({ traceId: t.http.traceId, spanId: creation });
  if (t.send) expect(t.send.parentSpanId).toBe(creation);
  expect(t.append.attributes).toMatchObject({ 'db.operation.name': 'appendToStream', 'ejp.expected_revision': 'no-stream', 'ejp.resulting_revision': '1' });
  expect(t.command.attributes).toMatchObject({ 'ejp.stream': t.append.attributes['ejp.stream'], 'ejp.command.resulting_revision': '1', 'ejp.command.conflict_retries': 0 });
}

/** A port nobody listens on right now (for METRICS_PORT). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The Prometheus text at `url`, polled until `ready` holds for it. */
export async function scrapeUntil(url: string, ready: (text: string) => boolean, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  for (;;) {
    text = await fetch(url).then((r) => r.text(), () => '');
    if (ready(text)) return text;
    if (Date.now() > deadline) throw new Error(`${url} did not show what was expected within ${timeoutMs} ms:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The value of the sample `name{...labels}` in Prometheus text (labels matched as given), undefined when absent. */
export function sampleOf(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

/** OTel exports quickly in tests (defaults: spans every 5 s, metrics every 60 s). */
export const fastTelemetryEnv = (endpoint: string): Record<string, string> => ({
  OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
  OTEL_BSP_SCHEDULE_DELAY: '100',
  OTEL_METRIC_EXPORT_INTERVAL: '500',
});
