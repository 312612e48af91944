import { createTestMongoDb, findServer, urlOf } from '@ejp/testkit';
import type { Db } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { readStoreContract } from '../contract/index.ts';
import { openMongoReadStore } from './read-store.ts';

const mongo = await findServer('mongo');

describe.runIf(mongo.available)('mongo adapter', () => {
  let db: Db;
  let isFerretDb = false;
  beforeAll(async () => {
    ({ db } = await createTestMongoDb(urlOf(mongo), 'readstore'));
    isFerretDb = 'ferretdbVersion' in (await db.admin().command({ buildInfo: 1 }));
  });

  readStoreContract('mongo', () => openMongoReadStore({ db }));

  it('creates declared indexes with the id as tiebreaker, and again after the collection was dropped', async () => {
    const store = await openMongoReadStore({ db, collectionPrefix: 'ix_' });
    await store.declareIndexes('timeline', [['employee', 'at']]);
    const keysOf = async () => (await db.collection('ix_timeline').listIndexes().toArray()).map((index) => index.key);
    expect(await keysOf()).toContainEqual({ 'doc.employee': 1, 'doc.at': 1, _id: 1 });
    await store.deleteCollection('timeline');
    await store.putIfAbsent('timeline', 'a', { employee: 'e1', at: 't' });
    expect(await keysOf()).toContainEqual({ 'doc.employee': 1, 'doc.at': 1, _id: 1 });
    await store.close();
  });

  it('stores documents as { _id, rev, doc } in prefixed collections, and drop() keeps to its prefix', async () => {
    const store = await openMongoReadStore({ db, collectionPrefix: 'mine_' });
    await store.upsertIfNewer('profiles', 'e1', 3, { replace: { name: 'Ada' } });
    expect(await db.collection('mine_profiles').findOne({})).toEqual({ _id: 'e1', rev: 3, doc: { name: 'Ada' } });
    await db.collection('other_things').insertOne({ _id: 'x' } as never);
    await store.drop();
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names.filter((name) => name.startsWith('mine_'))).toEqual([]);
    expect(names).toContain('other_things');
    await store.close();
  });

  it('opens from a URL and closes the client it owns', async () => {
    const store = await openMongoReadStore({ url: urlOf(mongo), database: db.databaseName, collectionPrefix: 'url_' });
    await store.ping();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });

  it('a writer that loses the insert race to a lower revision retries and wins', async () => {
    const stores = await Promise.all([openMongoReadStore({ db }), openMongoReadStore({ db })]);
    // Each round: two writers, as from two processes, both upsert a missing document. The insert
    // of one of them fails with a duplicate key; if that was the higher revision, only its retry
    // (a plain update now, with no other writer left) gets it stored.
    for (let round = 0; round < 30; round++) {
      const id = `e${round}`;
      const [low, high] = round % 2 === 0 ? [0, 1] : [1, 0];
      await Promise.all([stores[low]!.upsertIfNewer('race_insert', id, 1, { replace: { r: 1 } }), stores[high]!.upsertIfNewer('race_insert', id, 2, { replace: { r: 2 } })]);
      expect(await stores[0]!.get('race_insert', id)).toEqual({ id, revision: 2, doc: { r: 2 } });
    }
    await Promise.all(stores.map((store) => store.close()));
  });

  // Two stores are two processes' worth of writers: no in-process queue can help, so only a
  // server whose updateOne is atomic per document converges. FerretDB v1's is not (README).
  it('two stores racing upsertIfNewer on one id converge (MongoDB only)', async (test) => {
    if (isFerretDb) test.skip('FerretDB v1 updates are not atomic across connections');
    const stores = await Promise.all([openMongoReadStore({ db }), openMongoReadStore({ db })]);
    const revisions = Array.from({ length: 60 }, (_, i) => 59 - i);
    await Promise.all(revisions.map((r) => stores[r % 2]!.upsertIfNewer('race_two', 'e1', r, { replace: { r } })));
    expect(await stores[0]!.get('race_two', 'e1')).toEqual({ id: 'e1', revision: 59, doc: { r: 59 } });
    await Promise.all(stores.map((store) => store.close()));
  });
});
