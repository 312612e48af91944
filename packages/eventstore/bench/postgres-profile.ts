/**
 * Where an append to our PostgreSQL adapter spends its time, and what the
 * suggested fixes would buy, without touching the adapter:
 *
 *   . .infra/env && node packages/eventstore/bench/postgres-profile.ts
 *
 * 1. Round trips and time per statement of the adapter's appends (pg's
 *    Client.query is wrapped), with 1 and 16 writers: how long the append
 *    lock is waited for and held; and what the server's backends wait on
 *    (pg_stat_activity sampled every 5 ms).
 * 2. The same design as one PL/pgSQL call per append (prototypes.ts).
 * 3. The same, with concurrent appends of the process coalesced into one
 *    call and one commit (one group in flight, or two).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openPostgresEventStore } from '../src/postgres/event-store.ts';
import type { ExpectedRevision } from '../src/port.ts';
import { createDatabase } from './databases.ts';
import { appendManySql, appendOneSql, coalescingAppender } from './prototypes.ts';
import { percentile, type Workload, workloadName } from './workload.ts';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error('DATABASE_URL is not set');
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 3_000);
const session = { synchronous_commit: process.env.BENCH_SYNCHRONOUS_COMMIT ?? 'on' };
const workloads: Workload[] = [
  { batch: 1, writers: 1 },
  { batch: 10, writers: 1 },
  { batch: 1, writers: 16 },
  { batch: 10, writers: 16 },
];

// Statement timings: every query of a pg.Client, except the monitor's, while `recording`.
type Kind = 'begin+lock' | 'lookup' | 'insert' | 'commit' | 'other';
const timings = new Map<Kind, number[]>();
const untimed = new WeakSet<object>();
let recording = false;
const kindOf = (text: string): Kind =>
  text.startsWith('BEGIN; SELECT pg_advisory') ? 'begin+lock'
  : text.includes('WHERE event_id = ANY') ? 'lookup'
  : text.includes('INSERT INTO') ? 'insert'
  : text === 'COMMIT' ? 'commit'
  : 'other';
const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const result = originalQuery.apply(this, args);
  if (recording && !untimed.has(this) && result instanceof Promise) {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '');
    const kind = kindOf(text.trim());
    const start = performance.now();
    void result.then(
      () => timings.set(kind, [...(timings.get(kind) ?? []), performance.now() - start]),
      () => undefined,
    );
  }
  return result;
} as typeof pg.Client.prototype.query;

const db = await createDatabase(serverUrl, 'profile', session);
const monitor = new pg.Client({ connectionString: db.url });
untimed.add(monitor);
monitor.on('error', () => undefined); // DROP DATABASE ... WITH (FORCE) at the end ends it
await monitor.connect();
try {
  console.log(`synchronous_commit=${session.synchronous_commit}, ${durationMs} ms per run\n`);
  await profileAdapter();
  const pool = new pg.Pool({ connectionString: db.url, max: 16 });
  await pool.query(appendOneSql);
  await pool.query(appendManySql);
  console.log('\nPrototypes (same lock, checks, insert and NOTIFY), pool of 16:\n');
  console.log('| workload | one call per append: appends/s | p50 ms | p99 ms | coalesced: appends/s | p50 ms | p99 ms | coalesced, 2 in flight: appends/s | p50 ms | p99 ms |');
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  const coalesced = coalescingAppender(pool);
  const pipelined = coalescingAppender(pool, 2);
  for (const workload of workloads) {
    const one = await drive(workload, async () => {
      let expected = -1n; // -1: the stream must not exist yet
      return async (stream, ids) => {
        const { rows } = await pool.query<{ head: string }>(
          'SELECT profile.append_events($1, $2::bigint, $3::uuid[], $4::text[], $5::json[], $6::json[]) AS head',
          [stream, expected.toString(), ids, ids.map(() => 'Profiled'), ids.map(() => '{"n":1}'), ids.map(() => '{}')],
        );
        expected = BigInt(rows[0]!.head);
      };
    });
    const many = await drive(workload, async () => {
      let expected = -1n;
      return async (stream, ids) => {
        expected = await coalesced(stream, expected, ids);
      };
    });
    const two = await drive(workload, async () => {
      let expected = -1n;
      return async (stream, ids) => {
        expected = await pipelined(stream, expected, ids);
      };
    });
    console.log(
      `| ${workloadName(workload)} | ${rate(one)} | ${p(one, 50)} | ${p(one, 99)} | ${rate(many)} | ${p(many, 50)} | ${p(many, 99)} | ${rate(two)} | ${p(two, 50)} | ${p(two, 99)} |`,
    );
  }
  await pool.end();
} finally {
  await monitor.end().catch(() => undefined);
  await db.drop();
}

async function profileAdapter(): Promise<void> {
  const store = await openPostgresEventStore({ connectionString: db.url, schema: 'profile' });
  console.log('Adapter as is (pool of 10, its default):\n');
  console.log('| workload | appends/s | p50 ms | round trips/append | begin+lock (incl. lock wait) ms | lookup ms | insert ms | commit ms | outside SQL (pool wait, JS) ms |');
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
  const waitLines: string[] = [];
  for (const workload of workloads) {
    timings.clear();
    const waits = new Map<string, number>();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { rows } = await monitor.query<{ w: string }>(
          `SELECT coalesce(wait_event_type || ':' || wait_event, state) AS w FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'`,
        );
        for (const { w } of rows) waits.set(w, (waits.get(w) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    recording = true;
    const latencies = await drive(workload, async (stream) => {
      let expected: ExpectedRevision = 'no-stream';
      return async (_, ids) => {
        const events = ids.map((id) => ({ id, type: 'Profiled', data: { n: 1 } }));
        expected = (await store.appendToStream(stream, events, { expectedRevision: expected })).nextExpectedRevision;
      };
    });
    recording = false;
    sampling = false;
    await sampler;
    const mean = (kind: Kind) => (timings.get(kind) ?? []).reduce((a, b) => a + b, 0) / latencies.length;
    const kinds: Kind[] = ['begin+lock', 'lookup', 'insert', 'commit', 'other'];
    const trips = kinds.reduce((n, k) => n + (timings.get(k)?.length ?? 0), 0) / latencies.length;
    const outside = latencies.reduce((a, b) => a + b, 0) / latencies.length - kinds.reduce((n, k) => n + mean(k), 0);
    console.log(
      `| ${workloadName(workload)} | ${rate(latencies)} | ${p(latencies, 50)} | ${trips.toFixed(1)} | ${mean('begin+lock').toFixed(2)} | ${mean('lookup').toFixed(2)} | ${mean('insert').toFixed(2)} | ${mean('commit').toFixed(2)} | ${outside.toFixed(2)} |`,
    );
    const total = [...waits.values()].reduce((a, b) => a + b, 0);
    const top = [...waits.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4);
    waitLines.push(`- ${workloadName(workload)}: ${top.map(([w, n]) => `${w} ${((100 * n) / total).toFixed(0)}%`).join(', ')}`);
  }
  console.log('\nBusy backends, sampled (wait event, else state):\n');
  for (const line of waitLines) console.log(line);
  await store.close();
}

/** Runs `workload` for durationMs, each writer on a fresh stream; returns every append's latency. */
async function drive(
  workload: Workload,
  makeWriter: (stream: string) => Promise<(stream: string, ids: string[]) => Promise<void>>,
): Promise<number[]> {
  const writers = await Promise.all(
    Array.from({ length: workload.writers }, async () => {
      const stream = `profile-${randomUUID()}`;
      return { stream, append: await makeWriter(stream) };
    }),
  );
  const latencies: number[] = [];
  const deadline = performance.now() + durationMs;
  await Promise.all(
    writers.map(async ({ stream, append }) => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await append(stream, Array.from({ length: workload.batch }, () => randomUUID()));
        latencies.push(performance.now() - t);
      }
    }),
  );
  return latencies;
}

function rate(latencies: number[]): string {
  return ((latencies.length / durationMs) * 1000).toFixed(0);
}

function p(latencies: number[], q: number): string {
  return percentile(latencies, q).toFixed(2);
}
