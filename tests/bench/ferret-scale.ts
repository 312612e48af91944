import { openMongoReadStore, openSqliteReadStore, type ReadStore } from '@ejp/readstore';
import { createProjector } from '@ejp/projector';
import { type Db, MongoClient } from 'mongodb';
import { freshMongoDatabase } from './infra.ts';
import { journeyApiOn, type ScaleTarget, timelineQueriesInTurns } from './scale-query.ts';
import { seed, type ScaleStep } from './timeline-scale.ts';

// The same timeline-query question on the MongoDB-wire server, at sizes it can
// take: FerretDB v1 (SQLite backend) inserts a few thousand documents a second,
// and, as measured here, scans the whole collection for every timeline query.
// Documents are produced by the projection into an in-memory SQLite store,
// then bulk-inserted through the raw driver in the Mongo adapter's layout
// ({ _id, rev?, src?, doc } in `rm_<collection>`), after the projection declared
// its indexes on the Mongo store: identical documents and indexes to what the
// projector writes, minus one round trip per document. One database per size.

export interface FerretScaleResult {
  steps: ScaleStep[];
  /** The server's explain of one timeline-shaped find: does it use the index? */
  explain: { filterPushdown?: boolean; sortPushdown?: boolean; plan?: unknown };
}

export async function ferretTimelineScale(url: string, sizes: readonly number[], queries: number): Promise<FerretScaleResult> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const targets: (ScaleTarget & { seedSeconds: number; db: Db })[] = [];
  try {
    for (const size of sizes) {
      const db = client.db(freshMongoDatabase(url, 'bench_scale'));
      const mongoStore = await openMongoReadStore({ db });
      await createProjector(mongoStore).init();
      const seedStart = performance.now();
      const employees = await bulkSeed(db, size);
      targets.push({ app: await journeyApiOn(mongoStore), employees, db, seedSeconds: (performance.now() - seedStart) / 1000 });
    }
    const samples = await timelineQueriesInTurns(targets, queries, 1);
    const last = targets.at(-1)!;
    const explain = (await last.db.collection('rm_timeline').find({ 'doc.employeeId': last.employees[0] }).sort({ 'doc.revision': 1, _id: 1 }).explain()) as FerretScaleResult['explain'] & {
      queryPlanner?: { Plan?: unknown };
    };
    return {
      steps: targets.map((t, i) => ({ employees: t.employees.length, seedSeconds: t.seedSeconds, samples: samples[i]! })),
      explain: { filterPushdown: explain.filterPushdown, sortPushdown: explain.sortPushdown, plan: explain.queryPlanner?.Plan },
    };
  } finally {
    for (const target of targets) await target.app.close();
    await client.close();
  }
}

/** Projects `count` journeys into a scratch in-memory SQLite store, then copies every document over in bulk. */
async function bulkSeed(db: Db, count: number): Promise<string[]> {
  const scratch: ReadStore = openSqliteReadStore({ path: ':memory:' });
  try {
    const employees = await seed(scratch, count);
    for (const collection of ['timeline', 'timeline_index', 'journeys']) {
      let cursor: string | undefined;
      do {
        const page = await scratch.query(collection, { limit: 1000, ...(cursor ? { cursor } : {}) });
        // Journey stream names (`journey-<uuid>`) need no escaping as MongoDB keys, so sourceRevisions is `src` as it is.
        const docs = page.items.map((item) => ({
          _id: item.id,
          ...(item.revision === undefined ? {} : { rev: item.revision }),
          ...(item.sourceRevisions === undefined ? {} : { src: item.sourceRevisions }),
          doc: item.doc,
        }));
        if (docs.length > 0) await db.collection<{ _id: string }>(`rm_${collection}`).insertMany(docs, { ordered: false });
        cursor = page.nextCursor;
      } while (cursor);
    }
    return employees;
  } finally {
    await scratch.close();
  }
}
