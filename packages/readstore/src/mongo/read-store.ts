import { type Collection, type Db, MongoClient, type MongoClientOptions, type UpdateFilter } from 'mongodb';
import { byCollection, checkIds, checkWrites, roundsOf } from '../batch.ts';
import { bodyForNewDocument, type CheckedChange, checkChange } from '../change.ts';
import { toJsonDocument, toJsonValue } from '../json.ts';
import { checkCollection, checkId, checkRevision } from '../names.ts';
import { IndexDeclarations, metaCollection } from '../index-declarations.ts';
import type { DocumentChange, DocumentWrite, IndexFields, JsonObject, JsonValue, Page, Query, ReadStore, Revision, StoredDocument } from '../port.ts';
import { planQuery, toPage } from '../query-plan.ts';
import { conditionalUpdateRound, findByIds, idLookupsRound } from './batch-write.ts';
import { changeUpdate, indexKeys, isDuplicateKey, olderThan, pageFilter, pageSort, sourceOfKey, type StoredShape } from './filters.ts';
import { type GuardShape, guardsApartRound, guardsCollectionOf } from './guards-apart.ts';
import { InsertBatcher } from './insert-batcher.ts';
import { PerKeyQueue } from './per-key-queue.ts';

/**
 * How upsertIfNewer writes (see README, "How upsertIfNewer writes"):
 * - 'conditional-update': one updateOne whose filter holds the revision check, with
 *   upsert; atomic per document on MongoDB, and one round trip.
 * - 'id-lookups': every statement selects by `_id` alone and the revision is compared
 *   in code: insert first, and on a duplicate key read the revision and update by `_id`.
 *   For FerretDB v1 (SQLite backend), which pushes down only a bare `{ _id }` filter and
 *   evaluates any other filter in Go over the whole collection.
 * - 'auto' (default): 'id-lookups' on FerretDB (buildInfo.ferretdbVersion), else 'conditional-update'.
 */
export type MongoUpsertStrategy = 'auto' | 'conditional-update' | 'id-lookups';

export type MongoReadStoreOptions = {
  /** Prefix of this store's collections, so the database can be shared; drop() removes exactly these (default 'rm_'). */
  collectionPrefix?: string;
  /** How upsertIfNewer writes (default 'auto': by server, see MongoUpsertStrategy). */
  upsertStrategy?: MongoUpsertStrategy;
} & (
  | { url: string; database: string; clientOptions?: MongoClientOptions }
  /** A database on a client the caller owns: close() leaves the client open. */
  | { db: Db }
);

/** Opens the MongoDB (or FerretDB) read-model store; with `url` it connects and owns the client. */
export async function openMongoReadStore(options: MongoReadStoreOptions): Promise<ReadStore> {
  const prefix = options.collectionPrefix ?? 'rm_';
  if (!/^[a-z][a-z0-9_]{0,15}$/.test(prefix)) throw new Error(`collectionPrefix ${JSON.stringify(prefix)} must match [a-z][a-z0-9_]*`);
  const strategy = options.upsertStrategy ?? 'auto';
  if (!['auto', 'conditional-update', 'id-lookups'].includes(strategy)) throw new Error(`unknown upsertStrategy ${JSON.stringify(strategy)}`);
  if ('db' in options) return new MongoReadStore(options.db, prefix, undefined, strategy);
  const client = new MongoClient(options.url, { serverSelectionTimeoutMS: 10_000, ...options.clientOptions });
  await client.connect();
  return new MongoReadStore(client.db(options.database), prefix, client, strategy);
}

/**
 * After one duplicate-key miss the document exists, so a second attempt decides:
 * it applies if the document is older, or misses again because it is not.
 */
const duplicateKeyAttempts = 2;

/**
 * 'id-lookups' starts over only when the document vanished between two of its
 * statements (a concurrent delete); a write that still has not decided after this
 * many rounds fails instead of looping.
 */
const idLookupAttempts = 5;

class MongoReadStore implements ReadStore {
  readonly #db: Db;
  readonly #prefix: string;
  readonly #ownedClient: MongoClient | undefined;
  readonly #indexes = new IndexDeclarations();
  /** Collections whose declared indexes this store has created (again, after a drop). */
  readonly #prepared = new Set<string>();
  readonly #writesPerDocument = new PerKeyQueue();
  /** Inserts (putIfAbsent, and id-lookups upserts), batched per collection into unordered insertMany. */
  readonly #batchers = new Map<string, InsertBatcher<StoredShape>>();
  readonly #strategyOption: MongoUpsertStrategy;
  /** The strategy 'auto' resolved to, asked of the server once (again after a failed ask). */
  #strategy: Promise<Exclude<MongoUpsertStrategy, 'auto'>> | undefined;

  constructor(db: Db, prefix: string, ownedClient: MongoClient | undefined, strategy: MongoUpsertStrategy) {
    this.#db = db;
    this.#prefix = prefix;
    this.#ownedClient = ownedClient;
    this.#strategyOption = strategy;
  }

  async get<T = JsonObject>(collection: string, id: string): Promise<StoredDocument<T> | undefined> {
    const found = await this.#collection(checkCollection(collection)).findOne({ _id: checkId(id) });
    return found ? (toStored(found) as StoredDocument<T>) : undefined;
  }

  async getMany<T = JsonObject>(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument<T>>> {
    const wanted = checkIds(ids);
    const found = new Map<string, StoredDocument<T>>();
    if (wanted.length === 0) return found;
    const target = this.#collection(checkCollection(collection));
    const docs = (await this.#upsertStrategy()) === 'id-lookups' ? await findByIds(target, wanted) : await target.find({ _id: { $in: wanted } }).toArray();
    for (const doc of docs) found.set(doc._id, toStored(doc) as StoredDocument<T>);
    return found;
  }

  async writeBatch(writes: readonly DocumentWrite[]): Promise<boolean[]> {
    const checked = checkWrites(writes);
    const applied = checked.map(() => false);
    if (checked.length === 0) return applied;
    const strategy = await this.#upsertStrategy();
    const writeRound = strategy === 'id-lookups' ? idLookupsRound : conditionalUpdateRound;
    // The same per-document queue as upsertIfNewer: one store never races itself on a document.
    const keys = checked.map((w) => `${w.collection}/${w.id}`);
    await this.#writesPerDocument.runExclusive(keys, async () => {
      for (const [collection, group] of byCollection(checked)) {
        const target = await this.#writable(collection);
        for (const round of roundsOf(group)) {
          const inDocument = round.filter((w) => !w.apart);
          const apart = round.filter((w) => w.apart);
          if (inDocument.length > 0) for (const write of await writeRound(target, inDocument)) applied[write.index] = true;
          if (apart.length > 0) {
            const guards = this.#db.collection<GuardShape>(guardsCollectionOf(this.#name(collection)));
            for (const write of await guardsApartRound(target, guards, apart, writeRound, strategy === 'id-lookups')) applied[write.index] = true;
          }
        }
      }
    });
    return applied;
  }

  async upsertIfNewer(collection: string, id: string, revision: Revision, change: DocumentChange): Promise<boolean> {
    checkId(id);
    const rev = checkRevision(revision);
    const checked = checkChange(change);
    const update = changeUpdate(rev, checked);
    const target = await this.#writable(checkCollection(collection));
    const strategy = await this.#upsertStrategy();
    const insert = this.#inserts(collection, target);
    return this.#writesPerDocument.run(`${collection}/${id}`, () =>
      strategy === 'id-lookups' ? upsertByIdLookups(target, insert, id, rev, checked, update) : upsertByConditionalUpdate(target, id, rev, update),
    );
  }

  async putIfAbsent(collection: string, id: string, doc: JsonObject): Promise<boolean> {
    checkId(id);
    const body = toJsonDocument(doc);
    const target = await this.#writable(checkCollection(collection));
    return this.#inserts(collection, target).insert({ _id: id, doc: body });
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

  bulkLoad<R>(work: () => Promise<R>): Promise<R> {
    return work();
  }

  async deleteCollection(collection: string): Promise<void> {
    checkCollection(collection);
    this.#prepared.delete(collection);
    await this.#drop(this.#name(collection));
    await this.#drop(guardsCollectionOf(this.#name(collection)));
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

  #upsertStrategy(): Promise<Exclude<MongoUpsertStrategy, 'auto'>> {
    if (this.#strategyOption !== 'auto') return Promise.resolve(this.#strategyOption);
    this.#strategy ??= this.#db.command({ buildInfo: 1 }).then(
      (info) => ('ferretdbVersion' in info ? 'id-lookups' : 'conditional-update'),
      (error: unknown) => {
        this.#strategy = undefined;
        throw error;
      },
    );
    return this.#strategy;
  }

  #inserts(collection: string, target: Collection<StoredShape>): InsertBatcher<StoredShape> {
    let batcher = this.#batchers.get(collection);
    if (!batcher) {
      batcher = new InsertBatcher((docs) => target.insertMany(docs, { ordered: false }));
      this.#batchers.set(collection, batcher);
    }
    return batcher;
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

/**
 * One updateOne: the filter matches only an older document, and upsert inserts a
 * missing one. When the document exists but is not older, the upsert's insert hits
 * the _id and fails with a duplicate key: the write is stale. The same error also
 * arises when another writer inserted the document after our filter ran; then a
 * second attempt sees it and decides properly, hence the retry.
 */
async function upsertByConditionalUpdate(target: Collection<StoredShape>, id: string, rev: number, update: UpdateFilter<StoredShape>): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await target.updateOne(olderThan(id, rev), update, { upsert: true });
      return result.matchedCount + result.upsertedCount > 0;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      if (attempt >= duplicateKeyAttempts) return false;
    }
  }
}

/**
 * Statements that select by `_id` alone. Insert first (batched with other inserts
 * into the collection): its cost does not grow with the collection, and a rebuild
 * creates most documents. A duplicate key means the document exists: read its
 * revision, decide here, and update it by `_id` (the update operators apply to the
 * document as stored, so an `inc` counts from its value). Not a compare-and-set, so
 * only the per-document queue orders writers, and only within this store; on
 * FerretDB v1 the conditional update was no better (README).
 */
async function upsertByIdLookups(
  target: Collection<StoredShape>,
  inserts: InsertBatcher<StoredShape>,
  id: string,
  rev: number,
  change: CheckedChange,
  update: UpdateFilter<StoredShape>,
): Promise<boolean> {
  for (let attempt = 1; attempt <= idLookupAttempts; attempt++) {
    if (await inserts.insert({ _id: id, rev, doc: bodyForNewDocument(change) })) return true;
    const found = await target.findOne({ _id: id }, { projection: { rev: 1 } });
    if (!found) continue; // deleted since the insert failed: insert again
    if (typeof found.rev === 'number' && found.rev >= rev) return false;
    const { matchedCount } = await target.updateOne({ _id: id }, update);
    if (matchedCount > 0) return true;
    // deleted since the read: start over
  }
  throw new Error(`upsertIfNewer ${id}: the document kept disappearing between statements (${idLookupAttempts} attempts)`);
}

function toStored(found: StoredShape): StoredDocument<JsonObject> {
  const stored: StoredDocument<JsonObject> = { id: found._id, revision: typeof found.rev === 'number' ? found.rev : undefined, doc: (found.doc ?? {}) as JsonObject };
  // Guards kept apart leave an empty `src` behind once moved out.
  if (found.src && Object.keys(found.src).length > 0) stored.sourceRevisions = Object.fromEntries(Object.entries(found.src).map(([key, revision]) => [sourceOfKey(key), revision]));
  return stored;
}
