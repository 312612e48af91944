import { createTestMongoDb, findServer, urlOf } from '@ejp/testkit';
import { type Db, type Document, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchWritesContract } from '../../test/contract/batch-writes.ts';
import { documentsContract } from '../../test/contract/documents.ts';
import { guardsApartContract } from '../../test/contract/guards-apart.ts';
import type { ContractContext } from '../../test/contract/helpers.ts';
import { idempotencyContract } from '../../test/contract/idempotency.ts';
import { readStoreContract } from '../../test/contract/index.ts';
import type { ReadStore } from '../port.ts';
import { type MongoUpsertStrategy, openMongoReadStore } from './read-store.ts';

const mongo = await findServer('mongo');

describe.runIf(mongo.available)('mongo adapter', () => {
  let db: Db;
  let isFerretDb = false;
  beforeAll(async () => {
    ({ db } = await createTestMongoDb(urlOf(mongo), 'readstore'));
    isFerretDb = 'ferretdbVersion' in (await db.admin().command({ buildInfo: 1 }));
  });

  readStoreContract('mongo', () => openMongoReadStore({ db }));

  // 'auto' picks one upsert strategy for the server at hand; the other one must pass the
  // single-document, idempotency and batch parts of the contract too (on FerretDB, the MongoDB one).
  describe('the upsert strategy auto did not pick', () => {
    let store: ReadStore | undefined;
    const ctx: ContractContext = {
      get store() {
        if (!store) throw new Error('store not open');
        return store;
      },
    };
    beforeAll(async () => {
      store = await openMongoReadStore({ db, collectionPrefix: 'other_', upsertStrategy: isFerretDb ? 'conditional-update' : 'id-lookups' });
    });
    afterAll(async () => {
      await store?.drop();
      await store?.close();
    });
    documentsContract(ctx);
    idempotencyContract(ctx);
    batchWritesContract(ctx);
    guardsApartContract(ctx);
  });

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

  it('keeps guards apart in `<collection>.guards`, and honours one a round cut short left in the document', async () => {
    const store = await openMongoReadStore({ db, collectionPrefix: 'apart_' });
    const write = (source: string, revision: number) =>
      ({ collection: 'results', id: 's', source, revision, change: { inc: { n: 1 } }, guard: 'apart' }) as const;
    expect(await store.writeBatch([write('r-1', 0), write('r-2', 4)])).toEqual([true, true]);
    expect(await db.collection('apart_results').findOne({ _id: 's' } as Document)).toEqual({ _id: 's', src: {}, doc: { n: 2 } });
    const guards = await db.collection('apart_results.guards').find({}).sort({ _id: 1 }).toArray();
    expect(guards).toEqual([{ _id: '["s","r-1"]', rev: 0 }, { _id: '["s","r-2"]', rev: 4 }]);
    // A round that applied r-3 in the document and stopped before moving its guard out:
    await db.collection('apart_results').updateOne({ _id: 's' } as Document, { $inc: { 'doc.n': 1 }, $set: { 'src.r-3': 2 } });
    expect(await store.writeBatch([write('r-3', 2), write('r-2', 4), write('r-3', 3)])).toEqual([false, false, true]);
    expect((await store.get('results', 's'))!.doc).toEqual({ n: 4 });
    await store.drop();
    expect((await db.listCollections({}, { nameOnly: true }).toArray()).filter((c) => c.name.startsWith('apart_'))).toEqual([]);
    await store.close();
  });

  it('auto: on FerretDB upsertIfNewer selects by _id alone (all its SQLite backend pushes down); elsewhere by a conditional filter', async () => {
    const client = new MongoClient(urlOf(mongo), { monitorCommands: true });
    const filters: Document[] = [];
    client.on('commandStarted', ({ command }) => {
      if ('find' in command) filters.push(command.filter as Document);
      if ('update' in command) filters.push(...(command.updates as { q: Document }[]).map((u) => u.q));
    });
    const store = await openMongoReadStore({ db: client.db(db.databaseName), collectionPrefix: 'auto_' });
    expect(await store.upsertIfNewer('docs', 'a', 1, { replace: { v: 1 } })).toBe(true);
    expect(await store.upsertIfNewer('docs', 'a', 2, { set: { v: 2 } })).toBe(true);
    expect(await store.upsertIfNewer('docs', 'a', 2, { set: { v: 3 } })).toBe(false);
    if (isFerretDb) {
      expect(filters.length).toBeGreaterThan(0);
      for (const filter of filters) expect(filter).toEqual({ _id: 'a' });
    } else {
      expect(filters).toHaveLength(3);
      for (const filter of filters) expect(filter).toHaveProperty('$or');
    }
    expect(await store.get('docs', 'a')).toEqual({ id: 'a', revision: 2, doc: { v: 2 } });
    await store.drop();
    await client.close();
  });

  it('concurrent putIfAbsent calls go out as one unordered insertMany, each told whether its document went in', async () => {
    const client = new MongoClient(urlOf(mongo), { monitorCommands: true });
    const inserts: number[] = [];
    client.on('commandStarted', ({ command }) => {
      if ('insert' in command) inserts.push((command.documents as unknown[]).length);
    });
    const store = await openMongoReadStore({ db: client.db(db.databaseName), collectionPrefix: 'batch_' });
    expect(await store.putIfAbsent('items', 'old', { v: 'old' })).toBe(true);
    inserts.length = 0;
    const ids = ['a', 'old', 'b', 'a', 'c'];
    const results = await Promise.all(ids.map((id, i) => store.putIfAbsent('items', id, { v: i })));
    expect(results).toEqual([true, false, true, false, true]);
    expect(inserts).toEqual([5]);
    const page = await store.query('items', { limit: 10 });
    expect(page.items.map((item) => [item.id, item.doc.v])).toEqual([['a', 0], ['b', 2], ['c', 4], ['old', 'old']]);
    await store.drop();
    await client.close();
  });

  it('opens from a URL and closes the client it owns', async () => {
    const store = await openMongoReadStore({ url: urlOf(mongo), database: db.databaseName, collectionPrefix: 'url_' });
    await store.ping();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });

  it.each<MongoUpsertStrategy>(['conditional-update', 'id-lookups'])('%s: a writer that loses the insert race to a lower revision retries and wins', async (upsertStrategy) => {
    const stores = await Promise.all([openMongoReadStore({ db, upsertStrategy }), openMongoReadStore({ db, upsertStrategy })]);
    const collection = `race_insert_${upsertStrategy.replace('-', '_')}`;
    // Each round: two writers, as from two processes, both upsert a missing document. The insert
    // of one of them fails with a duplicate key; if that was the higher revision, only its retry
    // (conditional-update) or its read and update (id-lookups) gets it stored.
    for (let round = 0; round < 30; round++) {
      const id = `e${round}`;
      const [low, high] = round % 2 === 0 ? [0, 1] : [1, 0];
      await Promise.all([stores[low]!.upsertIfNewer(collection, id, 1, { replace: { r: 1 } }), stores[high]!.upsertIfNewer(collection, id, 2, { replace: { r: 2 } })]);
      expect(await stores[0]!.get(collection, id)).toEqual({ id, revision: 2, doc: { r: 2 } });
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
