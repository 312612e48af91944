/**
 * Append throughput and latency of the event stores, and of Emmett's
 * PostgreSQL event store as the peer, on the same server and workload.
 *
 *   . .infra/env && node packages/eventstore/bench/eventstore.bench.ts
 *
 * Workloads: 1 and 10 events per append × 1 and 16 concurrent writers, each
 * writer on its own stream with the exact expected revision. Per workload
 * and store: a warm-up phase, then a fixed-duration measured phase, repeated
 * for BENCH_ROUNDS rounds with the store order reversed every other round
 * (so that drift of the machine does not favour one store). Reported: the
 * median over rounds (robust to a round disturbed by other work on the
 * machine), the min–max of the rounds, and the ours/Emmett ratio as the
 * median of per-round ratios (the two ran back to back, under the same
 * background load).
 *
 * Environment (all optional):
 *   DATABASE_URL              PostgreSQL server; without it only SQLite runs
 *   BENCH_TARGETS             sqlite,postgres,emmett (default: all available);
 *                             add `prototype` for the suggested PostgreSQL fix
 *   BENCH_DURATION_MS         measured time per phase (default 5000)
 *   BENCH_WARMUP_MS           warm-up per phase (default 1000)
 *   BENCH_ROUNDS              default 3
 *   BENCH_SYNCHRONOUS_COMMIT  session synchronous_commit of both PostgreSQL
 *                             stores (default on: an acknowledged append is
 *                             on disk, as SQLite's synchronous=FULL; "server"
 *                             keeps the server's setting)
 *   BENCH_JSON                also write the results to this file
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpoint, createDatabase, sessionSetting } from './databases.ts';
import { describeMachine } from './machine.ts';
import { emmettTarget, postgresTarget, prototypeTarget, sqliteTarget, type Target } from './targets.ts';
import { median, runPhase, type Summary, summarize, type Workload, workloadName } from './workload.ts';

const env = process.env;
const durationMs = Number(env.BENCH_DURATION_MS ?? 5_000);
const warmupMs = Number(env.BENCH_WARMUP_MS ?? 1_000);
const rounds = Number(env.BENCH_ROUNDS ?? 3);
const databaseUrl = env.DATABASE_URL?.trim() || undefined;
const synchronousCommit = env.BENCH_SYNCHRONOUS_COMMIT ?? 'on';
const wanted = new Set((env.BENCH_TARGETS ?? 'sqlite,postgres,emmett').split(',').map((t) => t.trim()));
if (!databaseUrl && (wanted.has('postgres') || wanted.has('emmett') || wanted.has('prototype'))) {
  console.warn('DATABASE_URL is not set: PostgreSQL and Emmett are skipped (. .infra/env after infra/local/up postgres)');
  for (const target of ['postgres', 'emmett', 'prototype']) wanted.delete(target);
}

const workloads: Workload[] = [
  { batch: 1, writers: 1 },
  { batch: 10, writers: 1 },
  { batch: 1, writers: 16 },
  { batch: 10, writers: 16 },
];

const cleanups: (() => Promise<void>)[] = [];
const targets: Target[] = [];
const session: Record<string, string> = synchronousCommit === 'server' ? {} : { synchronous_commit: synchronousCommit };
let sessionSynchronousCommit = 'n/a';

try {
  if (wanted.has('sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'ejp-bench-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    targets.push(await sqliteTarget(join(dir, 'events.db')));
  }
  if (wanted.has('postgres')) {
    const db = await createDatabase(databaseUrl!, 'ours', session);
    cleanups.push(db.drop);
    sessionSynchronousCommit = await sessionSetting(db.url, 'synchronous_commit');
    targets.push(await postgresTarget(db.url));
  }
  if (wanted.has('emmett')) {
    const db = await createDatabase(databaseUrl!, 'emmett', session);
    cleanups.push(db.drop);
    targets.push(await emmettTarget(db.url));
  }
  if (wanted.has('prototype')) {
    const db = await createDatabase(databaseUrl!, 'prototype', session);
    cleanups.push(db.drop);
    targets.push(await prototypeTarget(db.url));
  }

  const machine = await describeMachine(databaseUrl);
  if (databaseUrl) machine['postgres session synchronous_commit (both stores)'] = sessionSynchronousCommit;
  console.log(`# Event store append benchmark\n`);
  for (const [key, value] of Object.entries(machine)) console.log(`- ${key}: ${value}`);
  console.log(`- method: ${rounds} round(s) × (${warmupMs} ms warm-up + ${durationMs} ms measured) per store and workload\n`);

  const perRound = new Map<string, Summary[]>();
  const loads: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const workload of workloads) {
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order) {
        await runPhase(target, workload, warmupMs);
        if (databaseUrl && target.name !== 'sqlite') await checkpoint(databaseUrl);
        loads.push(loadavg()[0]!);
        const s = summarize(await runPhase(target, workload, durationMs), workload);
        const key = `${target.name}|${workloadName(workload)}`;
        perRound.set(key, [...(perRound.get(key) ?? []), s]);
        console.error(
          `round ${round + 1} ${target.name.padEnd(8)} ${workloadName(workload).padEnd(22)} ${s.appendsPerSecond.toFixed(0)} appends/s p50 ${s.p50.toFixed(2)} ms p99 ${s.p99.toFixed(2)} ms (load ${loadavg()[0]!.toFixed(1)})`,
        );
      }
    }
  }
  console.log(`- background load during the run (1-min load average at each phase): mean ${(loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(1)}, max ${Math.max(...loads).toFixed(1)}\n`);

  const results = targets.flatMap((target) =>
    workloads.map((workload) => {
      const samples = perRound.get(`${target.name}|${workloadName(workload)}`) ?? [];
      const rates = samples.map((r) => r.appendsPerSecond);
      return {
        store: target.name,
        workload: workloadName(workload),
        appendsPerSecond: median(rates),
        eventsPerSecond: median(rates) * workload.batch,
        p50: median(samples.map((r) => r.p50)),
        p99: median(samples.map((r) => r.p99)),
        appends: samples.reduce((n, r) => n + r.appends, 0),
        min: Math.min(...rates),
        max: Math.max(...rates),
        perRound: rates,
      };
    }),
  );
  printResults(results);
  if (env.BENCH_JSON) writeFileSync(env.BENCH_JSON, JSON.stringify({ machine, durationMs, warmupMs, rounds, results }, null, 2));
} finally {
  for (const target of targets) await target.close().catch((error: unknown) => console.error(`closing ${target.name}:`, error));
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error('cleanup:', error));
}

type Result = { store: string; workload: string; min: number; max: number; perRound: number[] } & Summary;

function printResults(results: Result[]): void {
  const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  console.log('| store | workload | appends/s (median) | rounds min–max | events/s | p50 ms | p99 ms | appends measured |');
  console.log('|---|---|--:|--:|--:|--:|--:|--:|');
  for (const r of results) {
    console.log(
      `| ${r.store} | ${r.workload} | ${fmt(r.appendsPerSecond)} | ${fmt(r.min)}–${fmt(r.max)} | ${fmt(r.eventsPerSecond)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${fmt(r.appends)} |`,
    );
  }
  const peer = results.filter((r) => r.store === 'emmett');
  for (const store of ['postgres', 'prototype']) {
    const ours = results.filter((r) => r.store === store);
    if (ours.length > 0 && peer.length > 0) printRatios(store, ours, peer);
  }
}

function printRatios(store: string, ours: Result[], peer: Result[]): void {
  const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  console.log(`\n| workload | ${store} appends/s | Emmett appends/s | ${store}/Emmett (median of rounds) | rounds min–max | target ≥ 1.5x | p50 ms ${store} / Emmett |`);
  console.log('|---|--:|--:|--:|--:|:-:|--:|');
  for (const r of ours) {
    const e = peer.find((x) => x.workload === r.workload)!;
    // Per-round ratios: both stores ran back to back in each round, under the same background load.
    const ratios = r.perRound.map((rate, i) => rate / e.perRound[i]!);
    const ratio = median(ratios);
    console.log(
      `| ${r.workload} | ${fmt(r.appendsPerSecond)} | ${fmt(e.appendsPerSecond)} | ${ratio.toFixed(2)}x | ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} | ${ratio >= 1.5 ? 'met' : 'missed'} | ${fmt(r.p50, 2)} / ${fmt(e.p50, 2)} |`,
    );
  }
}
