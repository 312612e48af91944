// Projection rebuild throughput against a bare batched write of the same
// documents, in the same run (issue 14: at least 50 % on SQLite and on FerretDB):
//  - seeds N onboarding journeys (10 events each) into a SQLite event store;
//  - rebuilds every journey projection into a SQLite read store, then writes the
//    documents it left there into a fresh SQLite file bare (same journal and
//    synchronous settings, one transaction per rebuild batch's worth of documents);
//  - with MONGO_URL, the same into the MongoDB-wire server against unordered insertMany.
//
//   node tests/bench/rebuild-throughput.bench.ts [--employees 1000] [--page-size 500] [--rounds 2] [--sqlite-only]
//   (add --cpu-prof to node for a profile of the whole run)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteEventStore } from '@ejp/eventstore';
import { rebuildProjections } from '@ejp/projection-kit';
import { appendOnboardingJourneys } from '@ejp/projection-kit/testing';
import { journeyProjections } from '@ejp/projector';
import { openMongoReadStore, openSqliteReadStore, type ReadStore } from '@ejp/readstore';
import { MongoClient } from 'mongodb';
import { cleanup, freshMongoDatabase, onCleanup } from './infra.ts';
import { bareMongoCopy, bareSqliteCopy, documentsOf } from './rebuild/bare-copy.ts';

const { values: args } = parseArgs({
  options: {
    employees: { type: 'string', default: '1000' },
    'page-size': { type: 'string', default: '500' },
    rounds: { type: 'string', default: '2' },
    'sqlite-only': { type: 'boolean', default: false },
  },
});
const employees = Number(args.employees);
/** What the read store's bulkLoad writes a rebuild with (the bare copy gets the same: no sync per commit). */
const BARE_SYNCHRONOUS = 'NORMAL';
const pageSize = Number(args['page-size']);
const dir = mkdtempSync(join(tmpdir(), 'ejp-rebuild-throughput-'));
onCleanup(() => rmSync(dir, { recursive: true, force: true }));

try {
  const events = await openSqliteEventStore({ path: join(dir, 'events.db') });
  onCleanup(() => events.close());
  await appendOnboardingJourneys(events, employees);
  const eventCount = employees * 10;
  console.log(`seeded ${employees} journeys (${eventCount} events); rebuild pages of ${pageSize} events`);

  const rebuild = async (readStore: ReadStore) => {
    const result = await rebuildProjections({ events, readStore, projections: journeyProjections(), pageSize });
    if (result.skipped.length > 0) throw new Error(`${result.skipped.length} events skipped`);
    return result;
  };
  const line = (name: string, round: number, rebuildMs: number, bareMs: number, documents: number, bare: string) =>
    console.log(
      `  ${name} round ${round}: rebuild ${Math.round((eventCount * 1000) / rebuildMs)} events/s (${documents} documents, ${(rebuildMs / 1000).toFixed(2)} s); ` +
        `${bare} ${Math.round((eventCount * 1000) / bareMs)} events/s (${(bareMs / 1000).toFixed(2)} s): ${((100 * bareMs) / rebuildMs).toFixed(1)} %`,
    );

  const sqliteRatios: number[] = [];
  for (let round = 1; round <= Number(args.rounds); round++) {
    const path = join(dir, `read-${round}.db`);
    const readStore = openSqliteReadStore({ path });
    const cpuBefore = process.cpuUsage();
    const result = await rebuild(readStore);
    const cpu = process.cpuUsage(cpuBefore);
    await readStore.close();
    const documents = documentsOf(path);
    const count = [...documents.values()].reduce((n, docs) => n + docs.length, 0);
    const perBatch = Math.max(1, Math.round((count * pageSize) / eventCount));
    const bareMs = bareSqliteCopy(join(dir, `bare-${round}.db`), documents, perBatch, BARE_SYNCHRONOUS);
    sqliteRatios.push(bareMs / result.elapsedMs);
    line('sqlite', round, result.elapsedMs, bareMs, count, `bare batched INSERT (${perBatch} per transaction)`);
    // On a loaded machine wall time moves with the neighbours; the rebuild's own CPU time less so.
    console.log(`    rebuild CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (user ${(cpu.user / 1000).toFixed(0)}, system ${(cpu.system / 1000).toFixed(0)})`);
  }
  console.log(`sqlite: median ${median(sqliteRatios)} % of the bare batched write (target >= 50 %)`);

  const url = process.env.MONGO_URL;
  if (url && !args['sqlite-only']) {
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
    await client.connect();
    onCleanup(() => client.close());
    const ratios: number[] = [];
    const documents = documentsOf(join(dir, 'read-1.db'));
    for (let round = 1; round <= Number(args.rounds); round++) {
      const readStore = await openMongoReadStore({ db: client.db(freshMongoDatabase(url, 'bench_rebuild')) });
      const result = await rebuild(readStore);
      const bareMs = await bareMongoCopy(client.db(freshMongoDatabase(url, 'bench_rebuild_bare')), documents, 1000);
      ratios.push(bareMs / result.elapsedMs);
      line('mongo-wire', round, result.elapsedMs, bareMs, result.documents, 'bare insertMany (1000 per call)');
    }
    console.log(`mongo-wire: median ${median(ratios)} % of bare insertMany (target >= 50 %)`);
  } else console.log('mongo-wire: MONGO_URL not set (or --sqlite-only): skipped');
} finally {
  await cleanup();
}

function median(ratios: number[]): string {
  const sorted = [...ratios].sort((a, b) => a - b);
  return (100 * sorted[Math.floor(sorted.length / 2)]!).toFixed(1);
}
