// Command-to-visible latency, standalone and distributed, next to the bare hops
// measured in the same run; and timeline query time against read-model size.
//
//   source .infra/env && npm run bench:e2e -- [--rounds 3] [--rates 5,8] [--seconds 25] [--warmup 5] [--employees 12]
//       [--distributed-poll-ms 25] [--hop-samples 300]
//       [--sizes 1000,100000] [--queries 2000] [--ferret-sizes 1000,2000] [--ferret-queries 5]
//       [--skip-standalone] [--skip-distributed] [--skip-scale] [--skip-ferret] [--no-write]
//
// In rounds: each round measures the bare hops, then each mode at each rate on
// fresh processes; the ratios are taken per round and their median reported
// (rounds.ts), since the bare hops alone move by milliseconds between runs.
// Without DATABASE_URL, KAFKA_BROKERS and MONGO_URL the distributed parts are
// skipped (and say so). Writes docs/benchmarks-e2e.md unless --no-write.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { killLeftovers } from '../e2e/support/service-process.ts';
import { ferretTimelineScale } from './ferret-scale.ts';
import { cleanup } from './infra.ts';
import { describeMachine } from './machine.ts';
import { ferretLines, hopLines, latencyLines, type Report, scaleLines, writeReport } from './report.ts';
import { type Round, roundRatios, roundsLines } from './rounds.ts';
import { bareHopsSection, runDistributedSection, runStandaloneSection } from './sections.ts';
import { sqliteTimelineScale } from './timeline-scale.ts';

const { values: args } = parseArgs({
  allowNegative: true,
  options: {
    // Two rates: on the 2-core reference machine the distributed shape on FerretDB keeps up at 5/s and not at 8/s.
    rates: { type: 'string', default: '5,8' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '25' },
    warmup: { type: 'string', default: '5' },
    employees: { type: 'string', default: '12' },
    // READ_WAIT_POLL_MS of the distributed journey API: how often it reads the statuses waited for
    // (once per journey for all its waiters). Standalone does not poll: its projector wakes the waiters.
    'distributed-poll-ms': { type: 'string', default: '25' },
    'hop-samples': { type: 'string', default: '300' },
    sizes: { type: 'string', default: '1000,100000' },
    queries: { type: 'string', default: '2000' },
    'ferret-sizes': { type: 'string', default: '1000,2000' },
    'ferret-queries': { type: 'string', default: '5' },
    'skip-standalone': { type: 'boolean', default: false },
    'skip-distributed': { type: 'boolean', default: false },
    'skip-scale': { type: 'boolean', default: false },
    'skip-ferret': { type: 'boolean', default: false },
    write: { type: 'boolean', default: true },
  },
});
const list = (value: string) => value.split(',').map(Number);
const rates = list(args.rates);
const load = { seconds: Number(args.seconds), warmupSeconds: Number(args.warmup), employees: Number(args.employees) };
const env = { databaseUrl: process.env.DATABASE_URL, kafkaBrokers: process.env.KAFKA_BROKERS, mongoUrl: process.env.MONGO_URL };
const servers = env.databaseUrl && env.kafkaBrokers && env.mongoUrl ? { databaseUrl: env.databaseUrl, kafkaBrokers: env.kafkaBrokers, mongoUrl: env.mongoUrl } : undefined;
const log = (line: string) => console.log(line);
const report: Report = { date: new Date().toISOString().slice(0, 10), command: `node tests/bench/e2e.bench.ts ${process.argv.slice(2).join(' ')}`.trim(), machine: [], load, notes: [], standalone: [], distributed: [] };

// Ctrl-C or a kill must not leave service processes, databases or topics behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killLeftovers();
    void cleanup().finally(() => process.exit(130));
  });
}

try {
  report.machine = await describeMachine(env);
  for (const [key, value] of report.machine) log(`${key}: ${value}`);
  if (!servers) report.notes.push('DATABASE_URL, KAFKA_BROKERS or MONGO_URL not set: distributed mode and its hops skipped (source .infra/env).');

  const rounds: Round[] = [];
  for (let round = 1; round <= Number(args.rounds); round++) {
    log(`\n# round ${round}: bare hops (one at a time, same servers)`);
    const current: Round = { hops: await bareHopsSection(servers, Number(args['hop-samples'])), standalone: [], distributed: [] };
    for (const line of hopLines(current.hops)) log(line);
    for (const rate of rates) {
      if (args['skip-standalone']) break;
      log(`\n# round ${round}, standalone: one process, SQLite, in-process bus (${rate}/s for ${load.seconds} s after ${load.warmupSeconds} s warm-up)`);
      const result = await runStandaloneSection({ ...load, rate });
      current.standalone.push(result);
      for (const line of latencyLines(result, current.hops, 'standalone')) log(line);
    }
    for (const rate of rates) {
      if (args['skip-distributed'] || !servers) break;
      log(`\n# round ${round}, distributed: four processes, PostgreSQL -> relay -> Kafka -> projector -> FerretDB (${rate}/s for ${load.seconds} s)`);
      const result = await runDistributedSection(servers, { ...load, rate }, Number(args['distributed-poll-ms']));
      current.distributed.push(result);
      for (const line of latencyLines(result, current.hops, 'distributed')) log(line);
    }
    rounds.push(current);
  }
  const first = rounds[0];
  if (first) Object.assign(report, { hops: first.hops, standalone: first.standalone, distributed: first.distributed });
  report.rounds = roundRatios(rounds);
  log('');
  for (const line of roundsLines(report.rounds)) log(line);
  if (!args['skip-scale']) {
    log('\n# timeline query vs read-model size (SQLite, seeded through the port by the projection)');
    report.scale = await sqliteTimelineScale(list(args.sizes), Number(args.queries), log);
    for (const line of scaleLines(report.scale)) log(line);
  }
  if (!args['skip-ferret'] && servers) {
    log('\n# timeline query vs read-model size (FerretDB, bulk-seeded in the adapter layout)');
    report.ferret = await ferretTimelineScale(servers.mongoUrl, list(args['ferret-sizes']), Number(args['ferret-queries']));
    for (const line of ferretLines(report.ferret)) log(line);
  }
  if (args.write) {
    const file = new URL('../../docs/benchmarks-e2e.md', import.meta.url);
    writeFileSync(file, writeReport(report));
    log(`\nwrote ${file.pathname}`);
  }
} finally {
  killLeftovers();
  await cleanup();
}
