import { type Collection, type Db, MongoClient, type MongoClientOptions } from 'mongodb';
import { checkChange } from '../change.ts';
import { toJsonDocument, toJsonValue } from '../json.ts';
import { checkCollection, checkId, checkRevision } from '../names.ts';
import { IndexDeclarations, metaCollection } from '../index-declarations.ts';
import type { DocumentChange, IndexFields, JsonObject, JsonValue, Page, Query, ReadStore, Revision, StoredDocument } from '../port.ts';
import { planQuery, toPage } from '../query-plan.ts';
import { changeUpdate, indexKeys, isDuplicateKey, olderThan, pageFilter, pageSort, type StoredShape } from './filters.ts';
import { PerKeyQueue } from './per-key-queue.ts';

export type MongoReadStoreOptions = {
  /** Prefix of this store's collections, so the database can be shared; drop() removes exactly these (default 'rm_'). */
  collectionPrefix?: string;
} & (
  | { url: string; database: string; clientOptions?: MongoClientOptions }
  /** A database on a client the caller owns: close() leaves the client open. */
  | { db: Db }
);

/** Opens the MongoDB (or FerretDB) read-model store; with `url` it connects and owns the client. */
export async function openMongoReadStore(options: MongoReadStoreOptions): Promise<ReadStore> {
  const prefix = options.collectionPrefix ?? 'rm_';
  if (!/^[a-z][a-z0-9_]{0,15}$/.test(prefix)) throw new Error(`collectionPrefix ${JSON.stringify(prefix)} must match [a-z][a-z0-9_]*`);
  if ('db' in options) return new MongoReadStore(options.db, prefix, undefined);
  const client = new MongoClient(options.url, { serverSelectionTimeoutMS: 10_000, ...options.clientOptions });
  await client.connect();
  return new MongoReadStore(client.db(options.database), prefix, client);
}

/**
 * After one duplicate-key miss the document exists, so a second attempt decides:
 * it applies if the document is older, or misses again because it is not.
 */
const duplicateKeyAttempts = 2;

class MongoReadStore implements ReadStore {
  readonly #db: Db;
  readonly #prefix: string;
  readonly #ownedClient: MongoClient | undefined;
  readonly #indexes = new IndexDeclarations();
  /** Collections whose declared indexes this store has created (again, after a drop). */
  readonly #prepared = new Set<string>();
  readonly #writesPerDocument = new PerKeyQueue();

  constructor(db: Db, prefix: string, ownedClient: MongoClient | undefined) {
    this.#db = db;
    this.#prefix = prefix;
    this.#ownedClient = ownedClient;
  }

  async get<T = JsonObject>(collection: string, id: string): Promise<StoredDocument<T> | undefined> {
    const found = await this.#collection(checkCollection(collection)).findOne({ _id: checkId(id) });
    return found ? (toStored(found) as StoredDocument<T>) : undefined;
  }

  /**
   * One updateOne: the filter matches only an older document, and upsert inserts a
   * missing one. When the document exists but is not older, the upsert's insert hits
   * the _id and fails with a duplicate key: the write is stale. The same error also
   * arises when another writer inserted the document after our filter ran; then a
   * second attempt sees it and decides properly, hence the retry.
   */
  async upsertIfNewer(collection: string, id: string, revision: Revision, change: DocumentChange): Promise<boolean> {
    checkId(id);
    const rev = checkRevision(revision);
    const update = changeUpdate(rev, checkChange(change));
    const target = await this.#writable(checkCollection(collection));
    return this.#writesPerDocument.run(`${collection}/${id}`, async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await target.updateOne(olderThan(id, rev), update, { upsert: true });
          return result.matchedCount + result.upsertedCount > 0;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          if (attempt >= duplicateKeyAttempts) return false;
        }
      }
    });
  }

  async putIfAbsent(collection: string, id: string, doc: JsonObject): Promise<boolean> {
    checkId(id);
    const body = toJsonDocument(doc);
    const target = await this.#writable(checkCollection(collection));
    try {
      await target.insertOne({ _id: id, doc: body });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async delete(collection: string, id: string): Promise<boolean> {
    const { deletedCount } = await this.#collection(checkCollection(collection)).deleteOne({ _id: checkId(id) });
    return deletedCount > 0;
  }

  async query<T = JsonObject>(collection: string, query?: Query): Promise<Page<T>> {
    const plan = planQuery(query);
    const rows = await this.#collection(checkCollection(collection))
      .find(pageFilter(plan))
      .sort(pageSort(plan))
      .limit(plan.limit + 1)
      .toArray();
    return toPage<T>(plan, rows.map(toStored));
  }

  async declareIndexes(collection: string, indexes: readonly IndexFields[]): Promise<void> {
    this.#indexes.declare(checkCollection(collection), indexes);
    this.#prepared.delete(collection);
    await this.#writable(collection);
  }

  async deleteCollection(collection: string): Promise<void> {
    checkCollection(collection);
    this.#prepared.delete(collection);
    await this.#drop(this.#name(collection));
  }

  async drop(): Promise<void> {
    const collections = await this.#db.listCollections({}, { nameOnly: true }).toArray();
    for (const { name } of collections) if (name.startsWith(this.#prefix)) await this.#drop(name);
    this.#prepared.clear();
  }

  async getMeta(key: string): Promise<JsonValue | undefined> {
    const found = await this.#collection(metaCollection).findOne({ _id: checkId(key, 'meta key') });
    return (found?.doc as { value?: JsonValue } | undefined)?.value;
  }

  async setMeta(key: string, value: JsonValue): Promise<void> {
    checkId(key, 'meta key');
    const doc = { value: toJsonValue(value, 'meta value') };
    try {
      await this.#collection(metaCollection).updateOne({ _id: key }, { $set: { doc } }, { upsert: true });
    } catch (error) {
      // Two first writes raced to insert the key; the second one is now a plain update.
      if (!isDuplicateKey(error)) throw error;
      await this.#collection(metaCollection).updateOne({ _id: key }, { $set: { doc } });
    }
  }

  async ping(): Promise<void> {
    await this.#db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.#ownedClient?.close();
  }

  #name(collection: string): string {
    return `${this.#prefix}${collection}`;
  }

  #collection(collection: string): Collection<StoredShape> {
    return this.#db.collection<StoredShape>(this.#name(collection));
  }

  /** The collection, with its declared indexes created once per store (and again after a drop). */
  async #writable(collection: string): Promise<Collection<StoredShape>> {
    const target = this.#collection(collection);
    if (!this.#prepared.has(collection)) {
      for (const index of this.#indexes.of(collection)) await target.createIndex(indexKeys(index.paths), { name: index.name });
      this.#prepared.add(collection);
    }
    return target;
  }

  async #drop(name: string): Promise<void> {
    try {
      await this.#db.collection(name).drop();
    } catch (error) {
      // NamespaceNotFound: already gone, which is what we wanted (older servers report it as an error).
      if ((error as { code?: unknown }).code !== 26) throw error;
    }
  }
}

function toStored(found: StoredShape): StoredDocument<JsonObject> {
  return { id: found._id, revision: typeof found.rev === 'number' ? found.rev : undefined, doc: (found.doc ?? {}) as JsonObject };
}
