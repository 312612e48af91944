import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendMetadata, envelopeOf, journeyStream } from '@ejp/contracts';
import { type EventStore, openSqliteEventStore } from '@ejp/eventstore';
import type { ReadStore } from '@ejp/readstore';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProgress, progressPrinter, type RebuildProgress, rebuildProjections } from '../src/rebuild.ts';
import { createProjectionRunner } from '../src/runner.ts';
import { StaleProjectionsError } from '../src/versions.ts';
import { dumpCollections, readStoreBackends } from './support/index.ts';
import { catalogue, categories, GiverActivity, giverActivity, KudosReceived, kudos, kudosReceived, KudosWall, kudosWall, TeamRenamed } from './kudos.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'projection_kit_rebuild')).db : undefined;
const dir = mkdtempSync(join(tmpdir(), 'ejp-kit-rebuild-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const metadata = () => appendMetadata(1, { actor: { id: 'x', kind: 'employee' }, correlationId: 'c', causationId: 'c', occurredAt: new Date('2025-01-01T00:00:00Z') });
const projections = () => [kudosReceived, kudosWall, giverActivity()];
const collections = [KudosReceived.collection, KudosWall.collection, 'kudos_wall_givers', GiverActivity.collection];

/** 3 journey streams of kudos, a team stream, and a stream of no published category (7 events of published streams). */
async function seeded(): Promise<EventStore> {
  const events = await openSqliteEventStore({ path: join(dir, `${randomUUID()}.db`) });
  const append = (stream: string, list: { type: string; data: Record<string, unknown> }[]) =>
    events.appendToStream(stream, list.map((e) => ({ id: randomUUID(), type: e.type, data: e.data as never, metadata: metadata() })));
  await append(journeyStream('ada'), [kudos(['cy', 'di']), kudos(['cy'])]);
  await append(journeyStream('bob'), [kudos(['cy'])]);
  await append('team-red', [{ type: TeamRenamed.type, data: { name: 'Red' } }]);
  await append(journeyStream('ada'), [kudos(['ed'])]);
  await append(journeyStream('cy'), [kudos(['ada']), kudos(['bob'])]);
  await append('audit-1', [{ type: 'audit.login', data: {} }]);
  return events;
}

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`rebuild on ${backend.name}`, () => {
    let events: EventStore;
    let store: ReadStore;
    beforeEach(async () => {
      events = await seeded();
      store = await backend.open();
    });
    afterEach(async () => {
      await store.drop();
      await store.close();
      await events.close();
    });

    /** What the live path builds: every published event through the runner, in one go. */
    async function live(): Promise<Record<string, unknown[]>> {
      const runner = createProjectionRunner({ name: 'live', readStore: store, projections: projections(), catalogue, categories });
      await runner.init();
      await runner.handle((await events.readAll({ filter: { streamPrefixes: categories.publishedPrefixes() } })).map(envelopeOf));
      return dumpCollections(store, collections);
    }

    it('rebuilds exactly the projections it is given, through the same runner, reporting progress', async () => {
      const built = await live();
      expect(built[KudosReceived.collection]).toHaveLength(5);
      await store.putIfAbsent(KudosReceived.collection, 'stale', { count: 99, lastFrom: 'nobody' });
      await store.putIfAbsent(KudosWall.collection, 'untouched', { recipient: 'x', giver: 'y', nth: 1, withheld: [] });

      const progress: RebuildProgress[] = [];
      const result = await rebuildProjections({
        events,
        readStore: store,
        projections: [kudosReceived, giverActivity()],
        catalogue,
        categories,
        pageSize: 2,
        progressIntervalMs: 0,
        onProgress: (p) => progress.push(p),
      });
      const after = await dumpCollections(store, collections);
      expect(after[KudosReceived.collection]).toEqual(built[KudosReceived.collection]);
      expect(after[GiverActivity.collection]).toEqual(built[GiverActivity.collection]);
      expect(after[KudosWall.collection]).toHaveLength(built[KudosWall.collection]!.length + 1); // not rebuilt: the stray entry stays
      expect(result).toMatchObject({ events: 7, done: true, skipped: [] });
      // 7 recipients of the 6 kudos, and one activity write per journey stream per page of 2 events (ada, bob, ada+cy, cy).
      expect(result.documents).toBe(7 + 5);
      expect(progress.filter((p) => !p.done).map((p) => p.events)).toEqual([2, 4, 6, 7]);
      expect(progress.at(-1)).toMatchObject({ done: true, events: 7 });
    });

    it('records the versions it built, so a bumped projection runs again after its rebuild', async () => {
      await live();
      const bumped = [kudosReceived, kudosWall, giverActivity(2)];
      await expect(createProjectionRunner({ name: 'live', readStore: store, projections: bumped, catalogue, categories }).init()).rejects.toThrow(StaleProjectionsError);
      await rebuildProjections({ events, readStore: store, projections: [giverActivity(2)], catalogue, categories });
      await createProjectionRunner({ name: 'live', readStore: store, projections: bumped, catalogue, categories }).init();
    });

    it('skips and reports an event it cannot apply instead of failing the whole rebuild', async () => {
      const poison = randomUUID();
      await events.appendToStream(journeyStream('bob'), [{ id: poison, type: kudos([]).type, data: { recipients: ['x'], message: 'm' }, metadata: { ...metadata(), version: 42 } }]);
      const result = await rebuildProjections({ events, readStore: store, projections: projections(), catalogue, categories });
      expect(result.events).toBe(8);
      expect(result.skipped).toEqual([expect.objectContaining({ eventId: poison, error: expect.stringMatching(/no version 42/) })]);
      expect((await store.get(KudosReceived.collection, 'cy'))!.doc).toEqual({ count: 3, lastFrom: expect.any(String) });
    });
  });
}

describe('progress', () => {
  const p = (done: boolean): RebuildProgress => ({ events: 1200, documents: 2400, position: 1234n, elapsedMs: 2500, eventsPerSecond: 480, done });

  it('formats one line', () => {
    expect(formatProgress(p(false))).toBe('rebuild: 1200 events, 480 events/s, position 1234, 2.5 s');
    expect(formatProgress({ ...p(true), position: undefined })).toBe('rebuild done: 1200 events, 480 events/s, no events, 2.5 s');
  });

  it('redraws the line in place on a terminal, and prints lines elsewhere', () => {
    const written: string[] = [];
    progressPrinter({ isTTY: true, write: (t) => written.push(t) })(p(false));
    progressPrinter({ isTTY: true, write: (t) => written.push(t) })(p(true));
    progressPrinter({ write: (t) => written.push(t) })(p(false));
    expect(written).toEqual([
      '\r\u001b[2Krebuild: 1200 events, 480 events/s, position 1234, 2.5 s',
      '\r\u001b[2Krebuild done: 1200 events, 480 events/s, position 1234, 2.5 s\n',
      'rebuild: 1200 events, 480 events/s, position 1234, 2.5 s\n',
    ]);
  });
});
