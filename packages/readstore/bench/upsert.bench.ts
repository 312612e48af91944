// upsertIfNewer and putIfAbsent on the MongoDB adapter against the bare driver, on
// the server at MONGO_URL (FerretDB v1 locally), in one run.
//
//   . .infra/env && node packages/readstore/bench/upsert.bench.ts [--n 500] [--puts 5000]
//
// Each row starts from an empty collection and grows it to --n documents, so the
// "last 10%" column shows whether a statement's cost grows with the collection (on
// FerretDB v1 every filter but a bare { _id } is evaluated over the whole collection).
// Rows:
//   driver insertOne / updateOne {_id}   the floor: one statement per document, _id filter only
//   conditional-update                   the MongoDB strategy: updateOne({ _id, $or: [rev < r, no rev] }, upsert)
//   id-lookups                           the FerretDB strategy ('auto' picks it there): insert first; on a
//                                        duplicate, find the revision and update by _id
// and --puts timeline-style puts, 500 in flight (a projector page): bare concurrent
// insertOne calls against the adapter's putIfAbsent, which batches them.
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import type { ReadStore } from '../src/index.ts';
import { type MongoUpsertStrategy, openMongoReadStore } from '../src/mongo/read-store.ts';

const { values: args } = parseArgs({ options: { n: { type: 'string', default: '500' }, puts: { type: 'string', default: '5000' } } });
const N = Number(args.n);
const PUTS = Number(args.puts);
const url = process.env.MONGO_URL;
if (!url) throw new Error('MONGO_URL is not set: run infra/local/up and source .infra/env');

const database = `bench_upsert_${process.pid}`;
const client = new MongoClient(url);
await client.connect();
const db = client.db(database);
const info = await db.command({ buildInfo: 1 });
const server = 'ferretdbVersion' in info ? `FerretDB ${String(info.ferretdbVersion)}` : `MongoDB ${String(info.version)}`;

/** A journey-status-sized body (~600 bytes of JSON). */
const body = (employee: number, revision: number) => ({
  employeeId: `e${employee}`,
  stage: revision === 0 ? 'pre_boarding' : 'onboarding',
  lastAppliedRevision: revision,
  tasks: Array.from({ length: 8 }, (_, i) => ({ id: `task-${i}`, title: `Onboarding task number ${i}`, done: i < revision })),
});

interface Row {
  what: string;
  ops: number;
  ms: number;
  lastTenthMsPerOp: number;
}
const rows: Row[] = [];

/** Runs op(0..n-1) one after another; reports the mean and the mean over the last 10%. */
async function sequential(what: string, n: number, op: (i: number) => Promise<unknown>): Promise<void> {
  const tail = Math.max(1, Math.floor(n / 10));
  const started = performance.now();
  let tailStarted = started;
  for (let i = 0; i < n; i++) {
    if (i === n - tail) tailStarted = performance.now();
    await op(i);
  }
  const ended = performance.now();
  rows.push({ what, ops: n, ms: ended - started, lastTenthMsPerOp: (ended - tailStarted) / tail });
  print(rows.at(-1)!);
}

/** Runs op(0..n-1) in waves of `width` concurrent calls. */
async function waves(what: string, n: number, width: number, op: (i: number) => Promise<unknown>): Promise<void> {
  const started = performance.now();
  let lastWave = 0;
  for (let i = 0; i < n; i += width) {
    const waveStarted = performance.now();
    await Promise.all(Array.from({ length: Math.min(width, n - i) }, (_, j) => op(i + j)));
    lastWave = performance.now() - waveStarted;
  }
  rows.push({ what, ops: n, ms: performance.now() - started, lastTenthMsPerOp: lastWave / Math.min(width, n) });
  print(rows.at(-1)!);
}

function print(row: Row): void {
  const perOp = row.ms / row.ops;
  console.log(
    `${row.what.padEnd(50)} ${String(row.ops).padStart(6)} ops ${(row.ms / 1000).toFixed(1).padStart(7)} s ${String(Math.round((row.ops * 1000) / row.ms)).padStart(7)} ops/s ${perOp.toFixed(2).padStart(8)} ms/op  last 10%: ${row.lastTenthMsPerOp.toFixed(2).padStart(8)} ms/op`,
  );
}

console.log(`${server}, ${N} documents per row, ${PUTS} puts\n`);

// ── The floor: the bare driver, _id-only statements ──────────────────────────
const bare = db.collection<{ _id: string; rev: number; doc: object }>('bare');
// Creating a collection (a table and its _id index in FerretDB) is not what is measured.
await bare.insertOne({ _id: 'warm-up', rev: 0, doc: {} });
await bare.deleteOne({ _id: 'warm-up' });
await sequential('driver insertOne (new docs)', N, (i) => bare.insertOne({ _id: `e${i}`, rev: 0, doc: body(i, 0) }));
await sequential('driver updateOne {_id} $set (updates)', N, (i) => bare.updateOne({ _id: `e${i}` }, { $set: { rev: 1, doc: body(i, 1) } }));

// ── The adapter, per strategy ────────────────────────────────────────────────
async function upserts(label: string, upsertStrategy: MongoUpsertStrategy): Promise<void> {
  const store: ReadStore = await openMongoReadStore({ db, collectionPrefix: `s${rows.length}_`, upsertStrategy });
  await store.putIfAbsent('journeys', 'warm-up', {});
  await store.delete('journeys', 'warm-up');
  await sequential(`${label}: upsertIfNewer new docs`, N, (i) => store.upsertIfNewer('journeys', `e${i}`, 0, { replace: body(i, 0) }));
  await sequential(`${label}: upsertIfNewer updates`, N, (i) => store.upsertIfNewer('journeys', `e${i}`, 1, { replace: body(i, 1) }));
  await sequential(`${label}: upsertIfNewer stale (skipped)`, N, (i) => store.upsertIfNewer('journeys', `e${i}`, 1, { replace: body(i, 1) }));
  await store.close();
}
await upserts('conditional-update', 'conditional-update');
await upserts('id-lookups', 'id-lookups');

// ── Timeline puts, as a projector page issues them ───────────────────────────
const timeline = db.collection<{ _id: string; doc: object }>('bare_timeline');
await timeline.insertOne({ _id: 'warm-up', doc: {} });
await timeline.deleteOne({ _id: 'warm-up' });
await waves('driver insertOne, 500 concurrent', PUTS, 500, (i) => timeline.insertOne({ _id: `ev${i}`, doc: { employeeId: `e${i % 50}`, revision: i } }));
const store = await openMongoReadStore({ db, collectionPrefix: 'puts_' });
await store.putIfAbsent('timeline', 'warm-up', {});
await store.delete('timeline', 'warm-up');
await waves('putIfAbsent, 500 concurrent (batched)', PUTS, 500, (i) => store.putIfAbsent('timeline', `ev${i}`, { employeeId: `e${i % 50}`, revision: i }));
await store.close();

await db.dropDatabase();
await client.close();
