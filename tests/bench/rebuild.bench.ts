import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readStoreAccessDirectory } from '@ejp/access';
import { openSqliteEventStore } from '@ejp/eventstore';
import { registerJourneyApiRoutes } from '@ejp/journey-api';
import { createProjectionRunner, progressPrinter, rebuildProjections } from '@ejp/projection-kit';
import { journeyProjections } from '@ejp/projector';
import { type DocumentWrite, openSqliteReadStore, type ReadStore } from '@ejp/readstore';
import { baseConfigSchema, createServiceApp, loadConfig, signDevToken } from '@ejp/service-kit';
import { companyAppends, companyEnvelopes, EVENTS_PER_EMPLOYEE } from './rebuild/company.ts';
import { ms } from './stats.ts';

// npm run bench:rebuild [-- --events 1000000 --small 1000 --large 100000 --part both|rebuild|query]
//   (a) every projector projection rebuilt from N events of a synthetic
//       company (SQLite event store, SQLite read store, files in a temp dir)
//       vs a bare batched write of the documents the rebuild ended with
//       (writeBatch, 5000 a call) into a fresh store: target >= 50 %.
//   (b) the experience analytics (onboarding, recognition, suggestions,
//       attrition as of a day, over HTTP) at --large employees vs --small:
//       target p50 at most 1.5x.

const { values: args } = parseArgs({ options: { events: { type: 'string', default: '1000000' }, small: { type: 'string', default: '1000' }, large: { type: 'string', default: '100000' }, queries: { type: 'string', default: '50' }, part: { type: 'string', default: 'both' } } });
const EVENTS = Number(args.events);
const [SMALL, LARGE, QUERIES] = [Number(args.small), Number(args.large), Number(args.queries)];
const WRITES_PER_CALL = 5000;
const SECRET = 'rebuild-bench-secret-of-32-characters-or-more';

const dir = await mkdtemp(join(os.tmpdir(), 'ejp-bench-rebuild-'));
try {
  console.log(`# bench:rebuild ${new Date().toISOString()}`);
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x ${os.availableParallelism()}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}\n`);
  if (args.part !== 'query') await rebuildSection();
  if (args.part !== 'rebuild') await querySection();
} finally {
  await rm(dir, { recursive: true, force: true });
}

async function rebuildSection(): Promise<void> {
  const events = await openSqliteEventStore({ path: join(dir, 'events.db') });
  let written = 0;
  const employees = Math.ceil(EVENTS / EVENTS_PER_EMPLOYEE);
  const seedStart = performance.now();
  for (const append of companyAppends(employees)) {
    if (written >= EVENTS) break;
    await events.appendToStream(append.stream, append.events);
    written += append.events.length;
  }
  console.log(`## (a) rebuild of every projection from ${written} events (${employees} employees; seeding took ${((performance.now() - seedStart) / 1000).toFixed(0)} s)\n`);

  const readStore = openSqliteReadStore({ path: join(dir, 'rebuilt.db') });
  const projections = journeyProjections();
  const started = performance.now();
  const result = await rebuildProjections({ events, readStore, projections, onProgress: progressPrinter(process.stderr) });
  const rebuildMs = performance.now() - started;
  if (result.skipped.length > 0) throw new Error(`the rebuild skipped ${result.skipped.length} events: ${JSON.stringify(result.skipped[0])}`);

  // The documents the rebuild ended with, every collection of every projection, as one bare batched write sends them.
  const writes: DocumentWrite[] = [];
  for (const collection of new Set(projections.flatMap((p) => p.collections.map((c) => c.collection)))) {
    let cursor: string | undefined;
    do {
      const page = await readStore.query(collection, { limit: 1000, ...(cursor ? { cursor } : {}) });
      for (const item of page.items) writes.push({ collection, id: item.id, source: 'bare', revision: 1, change: { replace: item.doc } });
      cursor = page.nextCursor;
    } while (cursor);
  }
  const bareStore = openSqliteReadStore({ path: join(dir, 'bare.db') });
  const bareStart = performance.now();
  for (let i = 0; i < writes.length; i += WRITES_PER_CALL) await bareStore.writeBatch(writes.slice(i, i + WRITES_PER_CALL));
  const bareMs = performance.now() - bareStart;
  console.log('| | events | documents | ms | events/s |');
  console.log('|---|---|---|---|---|');
  console.log(`| rebuild (${projections.length} projections) | ${result.events} | ${writes.length} | ${ms(rebuildMs)} | ${((1000 * result.events) / rebuildMs).toFixed(0)} |`);
  console.log(`| bare batched write | | ${writes.length} | ${ms(bareMs)} | |`);
  console.log(`\nrebuild: **${((100 * bareMs) / rebuildMs).toFixed(0)} %** of the bare write of the same documents (target >= 50 %)\n`);
  await bareStore.close();
  await readStore.close();
  await events.close();
}

/** The analytics read models of a company of `employees`, projected live (the membership and the experience projections). */
async function companyStore(employees: number): Promise<{ store: ReadStore; events: number; ms: number }> {
  const store = openSqliteReadStore({ path: join(dir, `analytics-${employees}.db`) });
  const runner = createProjectionRunner({ name: 'bench', readStore: store, projections: journeyProjections().filter((p) => ['department-membership', 'employee-experience'].includes(p.name)) });
  await runner.init();
  const started = performance.now();
  let batch = [];
  let count = 0;
  for (const envelopes of companyEnvelopes(employees)) {
    batch.push(...envelopes);
    if (batch.length >= 500) {
      await runner.apply(batch);
      count += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) await runner.apply(batch);
  return { store, events: count + batch.length, ms: performance.now() - started };
}

async function querySection(): Promise<void> {
  const urls = ['/analytics/onboarding', '/analytics/recognition', '/analytics/suggestions', '/analytics/attrition-rates'].map((path) => `${path}?asOf=2025-06-30`);
  const p50s: number[] = [];
  console.log(`## (b) experience analytics as of a day at ${LARGE} employees vs ${SMALL} (p50 of ${QUERIES} rounds of ${urls.length} queries over HTTP)\n`);
  console.log('| employees | events projected | set-up s | metric cells | p50 ms (4 queries) | p99 ms |');
  console.log('|---|---|---|---|---|---|');
  for (const employees of [SMALL, LARGE]) {
    const { store, events, ms: setupMs } = await companyStore(employees);
    const app = await createServiceApp({
      name: 'rebuild-bench',
      config: loadConfig(baseConfigSchema, { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, LOG_LEVEL: 'silent' }),
      accessDirectory: readStoreAccessDirectory(store),
    });
    registerJourneyApiRoutes(app, { readStore: store, readWaitTimeoutMs: 1000 });
    await app.ready();
    const headers = { authorization: `Bearer ${await signDevToken({ secret: SECRET, subject: 'hr-1', roles: ['hr'] })}` };
    const round = async () => {
      for (const url of urls) {
        const res = await app.inject({ method: 'GET', url, headers });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      }
    };
    for (let i = 0; i < 5; i++) await round();
    const latencies: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const t = performance.now();
      await round();
      latencies.push(performance.now() - t);
    }
    latencies.sort((a, b) => a - b);
    const cells = (await allCount(store, 'experience_metrics')).toLocaleString('en');
    const p50 = latencies[Math.floor(latencies.length / 2)]!;
    p50s.push(p50);
    console.log(`| ${employees} | ${events} | ${(setupMs / 1000).toFixed(0)} | ${cells} | ${ms(p50)} | ${ms(latencies[Math.floor(latencies.length * 0.99)]!)} |`);
    await app.close();
    await store.close();
  }
  console.log(`\n${LARGE} vs ${SMALL} employees: **${(p50s[1]! / p50s[0]!).toFixed(2)}x** (target <= 1.5x)`);
}

async function allCount(store: ReadStore, collection: string): Promise<number> {
  let n = 0;
  let cursor: string | undefined;
  do {
    const page = await store.query(collection, { limit: 1000, ...(cursor ? { cursor } : {}) });
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}
