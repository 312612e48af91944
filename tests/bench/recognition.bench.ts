import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { openShreddingEventStore } from '@ejp/eventstore';
import { openSqliteReadStore } from '@ejp/readstore';
import { type GivePhase, benchGives } from './recognition/gives.ts';
import { benchShoutOut } from './recognition/shout-out.ts';
import { ms } from './stats.ts';

// npm run bench:recognition — the recognition targets of issue 10, each
// against a bare baseline measured in the same run, on the standalone
// stores (SQLite event store behind crypto-shredding, SQLite read store, files
// in a temp dir):
//   (a) gives with 16 concurrent givers: real route vs bare append route (target >= 50 %);
//   (b) a shout-out to a 10,000-member department projected into every
//       timeline vs a bare bulk write of the same documents (target >= 50 %).
// BENCH_GIVES_PER_GIVER, BENCH_ROUNDS and BENCH_MEMBERS scale it down for a quick look.

const GIVERS = 16;
const perGiver = Number(process.env.BENCH_GIVES_PER_GIVER ?? 100);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const members = Number(process.env.BENCH_MEMBERS ?? 10_000);

const dir = await mkdtemp(join(os.tmpdir(), 'ejp-bench-recognition-'));
const closers: Array<() => Promise<void> | void> = [];
try {
  console.log(`# bench:recognition ${new Date().toISOString()}`);
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x ${os.availableParallelism()}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}\n`);

  const { store } = await openShreddingEventStore({ EVENTSTORE_URL: join(dir, 'events.db') }, { add: (_, close) => closers.push(close) });
  const phases = await benchGives(store, { givers: GIVERS, perGiver, rounds });
  const total = (kind: GivePhase['kind']) => phases.filter((p) => p.kind === kind);
  const rate = (list: GivePhase[]) => list.reduce((sum, p) => sum + p.requests, 0) / list.reduce((sum, p) => sum + p.requests / p.perSecond, 0);
  console.log(`## (a) gives, ${GIVERS} concurrent givers, ${perGiver} each per phase, ${rounds} rounds (the givers' streams grow by ${perGiver} per round)\n`);
  console.log('| round | bare gives/s | route gives/s | ratio | bare p99 ms | route p99 ms |');
  console.log('|---|---|---|---|---|---|');
  for (let r = 0; r < rounds; r++) {
    const [bare, route] = [phases[2 * r]!, phases[2 * r + 1]!];
    console.log(`| ${r + 1} | ${bare.perSecond.toFixed(0)} | ${route.perSecond.toFixed(0)} | ${((100 * route.perSecond) / bare.perSecond).toFixed(0)} % | ${ms(bare.latency.p99)} | ${ms(route.latency.p99)} |`);
  }
  const ratioA = rate(total('route')) / rate(total('bare'));
  console.log(`\nall rounds: route ${rate(total('route')).toFixed(0)} gives/s vs bare ${rate(total('bare')).toFixed(0)} gives/s: **${(100 * ratioA).toFixed(0)} %** of bare (target >= 50 %)\n`);

  const readStore = openSqliteReadStore({ path: join(dir, 'read.db') });
  closers.push(() => readStore.close());
  const shout = await benchShoutOut(readStore, { members, rounds });
  console.log(`## (b) a team shout-out to ${members} members (set-up: ${members} hires projected in ${(shout.setupMs / 1000).toFixed(1)} s)\n`);
  console.log('| round | documents | bare bulk write ms | projected ms | ratio |');
  console.log('|---|---|---|---|---|');
  for (const [i, r] of shout.rounds.entries()) console.log(`| ${i + 1} | ${r.documents} | ${ms(r.bareMs)} | ${ms(r.projectedMs)} | ${((100 * r.bareMs) / r.projectedMs).toFixed(0)} % |`);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ratioB = median(shout.rounds.map((r) => r.bareMs)) / median(shout.rounds.map((r) => r.projectedMs));
  console.log(`\nmedian: **${(100 * ratioB).toFixed(0)} %** of the bare bulk write (target >= 50 %)`);
} finally {
  for (const close of closers.reverse()) await close();
  await rm(dir, { recursive: true, force: true });
}
