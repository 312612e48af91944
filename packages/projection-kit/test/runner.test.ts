import { journeyStream } from '@ejp/contracts';
import type { JourneyEnvelope } from '@ejp/messaging';
import type { DocumentWrite, ReadStore } from '@ejp/readstore';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProjectionRunner, type ProjectionRunner } from '../src/runner.ts';
import { StaleProjectionsError } from '../src/versions.ts';
import { dumpCollections, interleave, readStoreBackends } from './support/index.ts';
import {
  catalogue,
  categories,
  envelopes,
  GiverActivity,
  giverActivity,
  KudosReceived,
  kudos,
  kudosReceived,
  KudosWall,
  kudosWall,
  TeamRenamed,
} from './kudos.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'projection_kit')).db : undefined;

const ada = journeyStream('ada');
const bob = journeyStream('bob');
const collections = [KudosReceived.collection, KudosWall.collection, 'kudos_wall_givers', GiverActivity.collection];

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`projection runner on ${backend.name}`, () => {
    let store: ReadStore;
    let runner: ProjectionRunner;
    const runnerOn = (readStore: ReadStore, projections = [kudosReceived, kudosWall, giverActivity()]) =>
      createProjectionRunner({ name: 'kudos', readStore, projections, catalogue, categories });
    beforeEach(async () => {
      store = await backend.open();
      runner = runnerOn(store);
      await runner.init();
    });
    afterEach(async () => {
      await store.drop();
      await store.close();
    });

    const received = async (id: string) => (await store.get(KudosReceived.collection, id))?.doc;
    const wallOf = async (recipient: string) =>
      (await store.query(KudosWall.collection, { where: { recipient }, orderBy: [{ field: 'nth' }] })).items.map((i) => i.doc);

    it('fans one event out to a document per recipient, and counts kudos from many givers', async () => {
      const fromAda = envelopes(ada, [kudos(['cy', 'di']), kudos(['cy'])]);
      const fromBob = envelopes(bob, [kudos(['cy', 'ed'])]);
      await runner.handle(interleave(fromAda, fromBob));
      expect(await received('cy')).toEqual({ count: 3, lastFrom: expect.stringMatching(/^(ada|bob)$/) });
      expect(await received('di')).toEqual({ count: 1, lastFrom: 'ada' });
      expect(await received('ed')).toEqual({ count: 1, lastFrom: 'bob' });
      const cy = await store.get(KudosReceived.collection, 'cy');
      expect(cy!.sourceRevisions).toEqual({ [ada]: 1, [bob]: 0 });
      // The wall numbers each giver's kudos from the stream state, and keeps the personal message out.
      expect((await wallOf('cy')).map((e) => [e.giver, e.nth]).sort()).toEqual([['ada', 1], ['ada', 2], ['bob', 1]]);
      expect((await wallOf('di'))[0]!.withheld).toEqual(['$.message']);
      expect(JSON.stringify(await dumpCollections(store, collections))).not.toContain('Grace');
    });

    it('redelivery in any batching, and replay twice from empty, leave identical documents', async () => {
      const events = interleave(envelopes(ada, [kudos(['cy', 'di']), kudos(['cy']), kudos(['ed'])]), envelopes(bob, [kudos(['cy']), kudos(['di'])]));
      await runner.handle(events);
      const once = await dumpCollections(store, collections);
      await runner.handle(events);
      for (const event of events) await runner.handle([event]);
      for (let i = 0; i < events.length; i += 2) await runner.handle(events.slice(i, i + 3));
      expect(await dumpCollections(store, collections)).toEqual(once);
      await runner.truncate();
      for (const event of events) await runner.handle([event, event]);
      expect(await dumpCollections(store, collections)).toEqual(once);
      expect((await runner.apply(events)).applied).toBe(0);
    });

    it('a batch cut short after the documents but before the stream state: the redelivery writes the same documents', async () => {
      const first = envelopes(ada, [kudos(['cy'])]);
      const second = envelopes(ada, [kudos(['cy']), kudos(['di'])], 1);
      await runner.handle(first);
      // A store that dies after writing the wall, before the wall's stream state (MongoDB: one bulk write per collection).
      const writeWallOnly = async (writes: readonly DocumentWrite[]) => {
        await store.writeBatch(writes.filter((w) => w.collection === KudosWall.collection));
        throw new Error('connection lost');
      };
      const dying = new Proxy(store, {
        get: (target, key) => (key === 'writeBatch' ? writeWallOnly : (Reflect.get(target, key) as (...args: unknown[]) => unknown).bind(target)),
      });
      await expect(runnerOn(dying, [kudosWall]).handle(second)).rejects.toThrow('connection lost');
      await runnerOn(store, [kudosWall]).handle(second);
      expect((await wallOf('cy')).map((e) => e.nth)).toEqual([1, 2]);
      expect((await wallOf('di')).map((e) => e.nth)).toEqual([3]);
      expect((await store.get('kudos_wall_givers', ada))!.doc).toEqual({ given: 3 });
    });

    it('a single-stream projection of every event sees types the catalogue does not know, with no data; the others do not', async () => {
      const events = envelopes(ada, [kudos(['cy']), { type: 'test.future.thing', data: { secret: 'x' } }, kudos(['di'])]);
      await runner.handle(events);
      expect((await store.get(GiverActivity.collection, 'ada'))).toMatchObject({
        sourceRevisions: { [ada]: 2 },
        doc: { giver: 'ada', events: 3, types: ['test.kudos.given', 'test.future.thing', 'test.kudos.given'], lastRevision: 2 },
      });
      expect(await received('cy')).toEqual({ count: 1, lastFrom: 'ada' });
    });

    it('follows only its categories and skips streams of no category; an unknown version fails the batch with nothing written', async () => {
      await runner.handle([...envelopes('team-red', [{ type: TeamRenamed.type, data: { name: 'Red' } }]), ...envelopes('$ejp-internal', [kudos(['cy'])])]);
      expect(await dumpCollections(store, collections)).toEqual(Object.fromEntries(collections.map((c) => [c, []])));
      const [good] = envelopes(ada, [kudos(['cy'])]);
      const tooNew: JourneyEnvelope = { ...good!, eventId: crypto.randomUUID(), revision: '1', version: 7 };
      await expect(runner.handle([good!, tooNew])).rejects.toThrow(/no version 7/);
      expect(await received('cy')).toBeUndefined();
    });

    it('records versions in a new store, and refuses to run a projection over documents of another version', async () => {
      await runner.handle(envelopes(ada, [kudos(['cy'])]));
      await runnerOn(store).init(); // same versions: fine
      const bumped = runnerOn(store, [kudosReceived, kudosWall, giverActivity(2)]);
      const refused = await bumped.init().catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(StaleProjectionsError);
      expect((refused as StaleProjectionsError).projections.map((p) => p.name)).toEqual(['giver-activity']);
      expect((refused as Error).message).toMatch(/giver-activity \(version 2\).*rebuild/);
    });

    it('treats a projection added to a store the others already project into as stale: it never saw the earlier events', async () => {
      const other = await backend.open();
      try {
        await runnerOn(other, [kudosReceived, kudosWall]).init();
        await runnerOn(other, [kudosReceived, kudosWall]).handle(envelopes(ada, [kudos(['cy'])]));
        const refused = await runnerOn(other).init().catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(StaleProjectionsError);
        expect((refused as StaleProjectionsError).projections.map((p) => p.name)).toEqual(['giver-activity']);
      } finally {
        await other.drop();
        await other.close();
      }
    });

    it('treats documents without a recorded version as stale (written before versions were recorded)', async () => {
      const other = await backend.open();
      try {
        await other.putIfAbsent(GiverActivity.collection, 'old', { written: 'before versions' });
        await expect(runnerOn(other).init()).rejects.toThrow(StaleProjectionsError);
      } finally {
        await other.drop();
        await other.close();
      }
    });
  });
}

describe('declarations', () => {
  it('refuses two projections of one name or owning one collection, and bad names and versions', async () => {
    const { openSqliteReadStore } = await import('@ejp/readstore');
    const readStore = openSqliteReadStore({ path: ':memory:' });
    const run = (projections: Parameters<typeof createProjectionRunner>[0]['projections']) =>
      createProjectionRunner({ name: 'x', readStore, projections, catalogue, categories });
    expect(() => run([giverActivity(), giverActivity(2)])).toThrow(/two projections are named giver-activity/);
    expect(() => run([kudosWall, { ...kudosReceived, name: 'copy', collections: kudosWall.collections }])).toThrow(/both own the collection kudos_wall/);
    const { singleStreamProjection } = await import('../src/single-stream.ts');
    const base = { canHandle: 'every-event' as const, category: categories.all()[0]!, readModel: GiverActivity, initial: () => ({ giver: '', events: 0, types: [], lastRevision: 0 }), evolve: (d: never) => d };
    expect(() => singleStreamProjection({ ...base, name: 'Bad Name', version: 1 })).toThrow(/lower-case/);
    expect(() => singleStreamProjection({ ...base, name: 'ok', version: 0 })).toThrow(/version/);
    await readStore.close();
  });
});
