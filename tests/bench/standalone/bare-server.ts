import { join } from 'node:path';
import { journeyStream, newEvent, OnboardingTaskCompleted } from '@ejp/contracts';
import { TimelineReadModel } from '@ejp/contracts/read-models';
import { openShreddingEventStore } from '@ejp/eventstore';
import { openReadStore } from '@ejp/readstore';
import { createLogger, ResourceStack } from '@ejp/service-kit';
import { READ_MODELS_FILE } from '@ejp/standalone';
import Fastify from 'fastify';

// The floor of bench:standalone, as its own process beside standalone's: bare
// Fastify routes doing only the store work of each route, on the same kind of
// files in the same directory: append the same event through the same
// crypto-shredding SQLite store (a file of its own, floor-events.db, so that
// standalone's bus neither projects nor scans past the floor's appends), and
// read the same timeline page from standalone's own read-models.db through
// the same read-store query. No auth, hooks, schemas, decider.
// Usage: node tests/bench/standalone/bare-server.ts <DATA_DIR>  (prints its URL)

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: bare-server.ts <DATA_DIR>');
const logger = createLogger({ name: 'bench-floor', level: 'silent' });
const resources = new ResourceStack();
const { store } = await openShreddingEventStore(
  { EVENTSTORE_BACKEND: 'sqlite', EVENTSTORE_URL: join(dataDir, 'floor-events.db'), KEYSTORE_MASTER_KEY_FILE: join(dataDir, 'floor-master.key') },
  resources,
  {},
  { createMasterKeyFile: true },
);
const readStore = await openReadStore({ READSTORE_BACKEND: 'sqlite', READSTORE_URL: join(dataDir, READ_MODELS_FILE) }, resources);
const context = { actor: { id: 'bench', kind: 'hr' as const }, correlationId: 'bench', causationId: 'bench' };

const app = Fastify();
app.post<{ Params: { employeeId: string; taskId: string } }>('/employees/:employeeId/onboarding/tasks/:taskId/complete', async (request) => {
  const { employeeId, taskId } = request.params;
  const result = await store.appendToStream(journeyStream(employeeId), [newEvent(OnboardingTaskCompleted, { taskId }, context)]);
  return { revision: Number(result.nextExpectedRevision) };
});
app.get<{ Params: { employeeId: string } }>('/employees/:employeeId/timeline', async (request) => {
  const { employeeId } = request.params;
  const page = await readStore.query(TimelineReadModel.collection, {
    where: { employeeId, withdrawnAt: null },
    orderBy: [{ field: 'revision' }, { field: 'occurredAt' }],
    limit: 50,
  });
  return { employeeId, items: page.items.map((item) => item.doc), nextCursor: page.nextCursor ?? null };
});
const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(JSON.stringify({ msg: 'bare listening', url }));
process.once('SIGTERM', () => {
  void app.close().then(() => resources.closeAll(logger)).then(() => process.exit(0));
});
