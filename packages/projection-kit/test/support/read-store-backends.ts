import { openMongoReadStore, openSqliteReadStore, type ReadStore } from '@ejp/readstore';
import type { createTestMongoDb } from '@ejp/testkit';

type MongoDb = Awaited<ReturnType<typeof createTestMongoDb>>['db'];

export interface ReadStoreBackend {
  name: string;
  available: boolean;
  /** A fresh, empty store: SQLite in memory, or new collections (own prefix) in the file's Mongo database. */
  open(): Promise<ReadStore>;
}

let opened = 0;

/**
 * The real read stores the projection tests (and their readers' tests) run against. Usage, at the top
 * level of a test file (findServer and createTestMongoDb register hooks):
 *   const mongo = await findServer('mongo');
 *   const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'projector')).db : undefined;
 *   for (const backend of readStoreBackends(mongoDb)) describe.runIf(backend.available)(backend.name, ...)
 */
export function readStoreBackends(mongoDb: MongoDb | undefined): ReadStoreBackend[] {
  return [
    { name: 'sqlite', available: true, open: async () => openSqliteReadStore({ path: ':memory:' }) },
    {
      name: 'mongodb',
      available: mongoDb !== undefined,
      open: () => openMongoReadStore({ db: mongoDb!, collectionPrefix: `t${++opened}_` }),
    },
  ];
}

/** Every document of these collections (id, stored revisions, body), in id order: equal dumps = identical read models. */
export async function dumpCollections(store: ReadStore, collections: readonly string[]): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const collection of collections) {
    const all: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.query(collection, { limit: 1000, ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    dump[collection] = all;
  }
  return dump;
}
