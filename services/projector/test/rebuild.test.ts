import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { appendMetadata, journeyStream, streamCategories } from '@ejp/contracts';
import {
  type EventStore,
  InMemoryCheckpointStore,
  InMemoryKeyStore,
  catalogueShreddingPolicy,
  openSqliteEventStore,
  withCryptoShredding,
} from '@ejp/eventstore';
import { type JourneyStatus, JourneyStatusReadModel, TimelineReadModel } from '@ejp/contracts/read-models';
import { InProcessBus } from '@ejp/messaging';
import { type RebuildProgress, rebuildProjections } from '@ejp/projection-kit';
import { dumpCollections, type JourneyStep, onboardingJourney, PERSONAL_VALUES, readStoreBackends } from '@ejp/projection-kit/testing';
import { openSqliteReadStore, type ReadStore } from '@ejp/readstore';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProjector, journeyProjections } from '../src/projector.ts';

const JOURNEYS_COLLECTION = JourneyStatusReadModel.collection;
const dumpReadModels = (store: ReadStore) => dumpCollections(store, [TimelineReadModel.collection, JOURNEYS_COLLECTION]);
const rebuildJourneyReadModels = (options: Omit<Parameters<typeof rebuildProjections>[0], 'projections'>) => rebuildProjections({ ...options, projections: journeyProjections() });

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'projector_rebuild')).db : undefined;

const dir = mkdtempSync(join(tmpdir(), 'ejp-rebuild-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Appends through crypto-shredding, as the command services do: the raw store then holds ciphertext. */
async function appendJourney(store: EventStore, employeeId: string, steps: JourneyStep[]): Promise<void> {
  for (const s of steps) {
    const metadata = appendMetadata(s.version, { actor: s.actor, correlationId: s.id, causationId: s.id, occurredAt: new Date(s.occurredAt) });
    await store.appendToStream(journeyStream(employeeId), [{ id: s.id, type: s.type, data: s.data, metadata }]);
  }
}

/** Two journeys and an event of another stream family, in a fresh SQLite event store file. */
async function seededEventStore(path = join(dir, `${randomUUID()}.db`)): Promise<{ raw: EventStore; employees: string[] }> {
  const raw = await openSqliteEventStore({ path });
  const shredding = withCryptoShredding(raw, { keys: new InMemoryKeyStore(), ...catalogueShreddingPolicy() });
  const employees = [randomUUID(), randomUUID()];
  for (const id of employees) await appendJourney(shredding, id, onboardingJourney(id));
  await raw.appendToStream('audit-1', [{ id: randomUUID(), type: 'audit.login', data: {} }]);
  return { raw, employees };
}

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`rebuild on ${backend.name}`, () => {
    let raw: EventStore;
    let employees: string[];
    let store: ReadStore;
    beforeEach(async () => {
      ({ raw, employees } = await seededEventStore());
      store = await backend.open();
    });
    afterEach(async () => {
      await store.drop();
      await store.close();
      await raw.close();
    });

    it('replays the event store into read models identical to what the live bus built, without personal data', async () => {
      const projection = createProjector(store);
      await projection.init();
      // The standalone path: the in-process bus feeds the handler from the raw store (ciphertext, as on Kafka).
      const bus = new InProcessBus({ store: raw, checkpoints: new InMemoryCheckpointStore(), handlers: [projection] });
      bus.start();
      await expect
        .poll(async () => (await store.get<JourneyStatus>(JOURNEYS_COLLECTION, employees[1]!))?.doc.lastAppliedRevision, { timeout: 10_000 })
        .toBe(9);
      await bus.stop();
      const live = await dumpReadModels(store);
      expect(live.timeline).toHaveLength(20);
      const text = JSON.stringify(live);
      for (const value of PERSONAL_VALUES) expect(text).not.toContain(value);
      expect(text).not.toContain('$enc');

      await store.putIfAbsent('timeline', 'stale-entry', { employeeId: employees[0]!, revision: 99 });
      const progress: RebuildProgress[] = [];
      const result = await rebuildJourneyReadModels({ events: raw, readStore: store, pageSize: 3, progressIntervalMs: 0, onProgress: (p) => progress.push(p) });
      expect(await dumpReadModels(store)).toEqual(live);
      expect(result).toMatchObject({ events: 20, done: true, skipped: [] });
      expect(result.position).toBe((await raw.readAll({ filter: { streamPrefixes: streamCategories.publishedPrefixes() } })).at(-1)!.position);
      expect(progress.at(-1)!.done).toBe(true);
      expect(progress.filter((p) => !p.done).map((p) => p.events)).toEqual([3, 6, 9, 12, 15, 18, 20]);
    });

    it('skips and reports an event it cannot apply instead of failing the whole rebuild', async () => {
      const poison = randomUUID();
      const metadata = appendMetadata(1, { actor: { id: 'x', kind: 'system' }, correlationId: 'c', causationId: 'c' });
      await raw.appendToStream(journeyStream(employees[0]!), [
        { id: poison, type: 'journey.onboarding.task-completed', data: { taskId: 'x' }, metadata: { ...metadata, version: 42 } },
      ]);
      const result = await rebuildJourneyReadModels({ events: raw, readStore: store });
      expect(result.events).toBe(21);
      expect(result.skipped).toEqual([expect.objectContaining({ eventId: poison, error: expect.stringMatching(/no version 42/) })]);
      expect((await store.get<JourneyStatus>(JOURNEYS_COLLECTION, employees[1]!))!.doc.lastAppliedRevision).toBe(9);
    });
  });
}

describe('node services/projector/src/rebuild.ts', () => {
  it('rebuilds the SQLite read models from the environment and prints its progress', async () => {
    const eventsPath = join(dir, 'cli-events.db');
    const { raw, employees } = await seededEventStore(eventsPath);
    await raw.close();

    const readModels = join(dir, 'cli', 'read-models.db');
    const script = new URL('../src/rebuild.ts', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, [script], {
      env: { PATH: process.env.PATH, EVENTSTORE_URL: eventsPath, READSTORE_URL: readModels },
    });
    expect(stdout).toMatch(/^rebuild done: 20 events, \d+ events\/s, position \d+, [\d.]+ s$/m);
    const store = openSqliteReadStore({ path: readModels });
    expect((await store.get<JourneyStatus>(JOURNEYS_COLLECTION, employees[0]!))!.doc.stage).toBe('in-role');
    await store.close();
  });

  it('rebuilds only the projections REBUILD_PROJECTIONS lists', async () => {
    const eventsPath = join(dir, 'cli-only-events.db');
    const { raw, employees } = await seededEventStore(eventsPath);
    await raw.close();
    const readModels = join(dir, 'cli-only', 'read-models.db');
    const script = new URL('../src/rebuild.ts', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, [script], {
      env: { PATH: process.env.PATH, EVENTSTORE_URL: eventsPath, READSTORE_URL: readModels, REBUILD_PROJECTIONS: 'journey-status' },
    });
    expect(stdout).toMatch(/into journey-status \(sqlite\)/);
    const store = openSqliteReadStore({ path: readModels });
    expect((await store.get<JourneyStatus>(JOURNEYS_COLLECTION, employees[0]!))!.doc.lastAppliedRevision).toBe(9);
    expect((await store.query(TimelineReadModel.collection)).items).toEqual([]);
    await store.close();
  });

  it('names a bad variable and exits with 1', async () => {
    const script = new URL('../src/rebuild.ts', import.meta.url).pathname;
    const run = promisify(execFile)(process.execPath, [script], { env: { PATH: process.env.PATH, READSTORE_BACKEND: 'mongodb' } });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('READSTORE_URL: is required when READSTORE_BACKEND=mongodb') });
    const unknown = promisify(execFile)(process.execPath, [script], { env: { PATH: process.env.PATH, REBUILD_PROJECTIONS: 'timeline,profiles' } });
    await expect(unknown).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('REBUILD_PROJECTIONS') });
  });
});
