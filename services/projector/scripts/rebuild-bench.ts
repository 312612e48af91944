// Measures the rebuild: seeds N onboarding journeys (10 events each, personal
// fields encrypted as the command services store them) into a temporary SQLite
// event store, then rebuilds the read models into SQLite and, when MONGO_URL
// is set, into MongoDB. Run: node services/projector/scripts/rebuild-bench.ts [employees]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogueShreddingPolicy, InMemoryKeyStore, openSqliteEventStore, withCryptoShredding } from '@ejp/eventstore';
import { formatProgress, rebuildProjections } from '@ejp/projection-kit';
import { appendOnboardingJourneys } from '@ejp/projection-kit/testing';
import { openMongoReadStore, openSqliteReadStore, type ReadStore } from '@ejp/readstore';
import { journeyProjections } from '../src/projector.ts';

const employees = Number(process.argv[2] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'ejp-rebuild-bench-'));
const raw = await openSqliteEventStore({ path: join(dir, 'events.db') });
const store = withCryptoShredding(raw, { keys: new InMemoryKeyStore(), ...catalogueShreddingPolicy() });
await appendOnboardingJourneys(store, employees);
console.log(`seeded ${employees} journeys (${employees * 10} events)`);

const targets: [string, () => Promise<ReadStore>][] = [['sqlite', async () => openSqliteReadStore({ path: join(dir, 'read-models.db') })]];
const mongoUrl = process.env.MONGO_URL;
if (mongoUrl) targets.push(['mongodb', () => openMongoReadStore({ url: mongoUrl, database: `bench_${process.pid}` })]);
for (const [name, open] of targets) {
  const readStore = await open();
  const result = await rebuildProjections({
    events: raw,
    readStore,
    projections: journeyProjections(),
    onProgress: (p) => p.done && console.log(`${name}: ${formatProgress(p)}, ${p.documents} documents`),
  });
  if (result.skipped.length > 0) console.log(`${name}: ${result.skipped.length} skipped`);
  await readStore.drop();
  await readStore.close();
}
await raw.close();
rmSync(dir, { recursive: true, force: true });
