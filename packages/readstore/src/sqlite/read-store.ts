import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { checkIds, checkWrites, isNewer, type CheckedWrite } from '../batch.ts';
import { bodyForNewDocument, checkChange } from '../change.ts';
import { toJsonDocument, toJsonValue } from '../json.ts';
import { checkCollection, checkId, checkRevision } from '../names.ts';
import type { DocumentChange, DocumentWrite, IndexFields, JsonObject, JsonValue, Page, Query, ReadStore, Revision, StoredDocument } from '../port.ts';
import { planQuery, toPage } from '../query-plan.ts';
import { IndexDeclarations, metaCollection } from '../index-declarations.ts';
import {
  addSourceColumnSql,
  COLUMNS,
  createGuardsTableSql,
  createIndexSql,
  createTableSql,
  guardsTableOf,
  number,
  quote,
  selectPageSql,
  updateFromSourceSql,
  upsertIfNewerSql,
} from './sql.ts';

export interface SqliteReadStoreOptions {
  /** File path, or ':memory:' for a private in-memory database (tests). */
  path: string;
  /** Prefix of this store's tables, so the file can be shared; drop() removes exactly these (default 'rm_'). */
  tablePrefix?: string;
  /** How long a write waits for another process's lock (ms, default 5000). */
  busyTimeoutMs?: number;
}

interface Row {
  id: string;
  rev: number | null;
  doc: string;
  src: string | null;
}

/**
 * The embedded read-model store: one table per collection, the JSON document in a
 * TEXT column, declared index fields as expression indexes on json_extract.
 * - WAL: the journey API reads while the projector writes, also from another process.
 * - synchronous=FULL: the projector moves its checkpoint on once a write returns, so a
 *   returned write must survive power loss (NORMAL may drop the last WAL commits).
 *   A rebuild, which is started again when interrupted, writes with OFF (bulkLoad).
 */
export function openSqliteReadStore(options: SqliteReadStoreOptions): ReadStore {
  const prefix = options.tablePrefix ?? 'rm_';
  if (!/^[a-z][a-z0-9_]{0,15}$/.test(prefix)) throw new Error(`tablePrefix ${JSON.stringify(prefix)} must match [a-z][a-z0-9_]*`);
  const db = new DatabaseSync(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteReadStore(db, prefix);
}

class SqliteReadStore implements ReadStore {
  readonly #db: DatabaseSync;
  readonly #prefix: string;
  readonly #indexes = new IndexDeclarations();
  /** Tables this store has created or seen, so CREATE ... IF NOT EXISTS runs once per collection. */
  readonly #ready = new Set<string>();
  readonly #statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync, prefix: string) {
    this.#db = db;
    this.#prefix = prefix;
  }

  async get<T = JsonObject>(collection: string, id: string): Promise<StoredDocument<T> | undefined> {
    checkId(id);
    const row = this.#inTable(checkCollection(collection), (table) =>
      this.#statement(`SELECT ${COLUMNS} FROM ${quote(table)} WHERE id = ?`).get(id),
    ) as Row | undefined;
    return row ? (toStored(row) as StoredDocument<T>) : undefined;
  }

  async getMany<T = JsonObject>(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument<T>>> {
    const wanted = checkIds(ids);
    const found = new Map<string, StoredDocument<T>>();
    if (wanted.length === 0) return found;
    // One statement text for any number of ids: they travel as one JSON array.
    const rows = this.#inTable(checkCollection(collection), (table) =>
      this.#statement(`SELECT ${COLUMNS} FROM ${quote(table)} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(wanted)),
    ) as unknown as Row[];
    for (const row of rows) found.set(row.id, toStored(row) as StoredDocument<T>);
    return found;
  }

  /**
   * One IMMEDIATE transaction: it takes the write lock first, so the revision
   * read and the write of each document cannot interleave with another
   * process's, and the batch costs one commit (one fsync) instead of one per
   * document. Nothing awaits inside it, so no other call of this store runs
   * between BEGIN and COMMIT either.
   */
  async writeBatch(writes: readonly DocumentWrite[]): Promise<boolean[]> {
    const checked = checkWrites(writes);
    if (checked.length === 0) return [];
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const applied = checked.map((write) => this.#inTable(write.collection, (table) => this.#applyWrite(table, write)));
      this.#db.exec('COMMIT');
      return applied;
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  async upsertIfNewer(collection: string, id: string, revision: Revision, change: DocumentChange): Promise<boolean> {
    checkId(id);
    const rev = checkRevision(revision);
    const checked = checkChange(change);
    const newBody = JSON.stringify(bodyForNewDocument(checked));
    const { changes } = this.#inTable(checkCollection(collection), (table) => {
      const sql = upsertIfNewerSql(table, id, rev, checked, newBody);
      return this.#statement(sql.text).run(...sql.params);
    });
    return Number(changes) > 0;
  }

  async putIfAbsent(collection: string, id: string, doc: JsonObject): Promise<boolean> {
    checkId(id);
    const body = JSON.stringify(toJsonDocument(doc));
    const { changes } = this.#inTable(checkCollection(collection), (table) =>
      this.#statement(`INSERT INTO ${quote(table)} (id, rev, doc) VALUES (?, NULL, ?) ON CONFLICT (id) DO NOTHING`).run(id, body),
    );
    return Number(changes) > 0;
  }

  async delete(collection: string, id: string): Promise<boolean> {
    checkId(id);
    const { changes } = this.#inTable(checkCollection(collection), (table) =>
      this.#statement(`DELETE FROM ${quote(table)} WHERE id = ?`).run(id),
    );
    return Number(changes) > 0;
  }

  async query<T = JsonObject>(collection: string, query?: Query): Promise<Page<T>> {
    const plan = planQuery(query);
    const rows = this.#inTable(checkCollection(collection), (table) => {
      const sql = selectPageSql(table, plan);
      return this.#statement(sql.text).all(...sql.params);
    }) as unknown as Row[];
    return toPage<T>(plan, rows.map(toStored));
  }

  async declareIndexes(collection: string, indexes: readonly IndexFields[]): Promise<void> {
    const added = this.#indexes.declare(checkCollection(collection), indexes);
    if (this.#ready.has(collection)) for (const index of added) this.#createIndex(collection, index.name, index.paths);
    else this.#ensureTable(collection);
  }

  async bulkLoad<R>(work: () => Promise<R>): Promise<R> {
    // NORMAL in WAL mode: commits are not synced, and a power loss may drop the last ones, but
    // never leaves the file corrupt (OFF could; it measured no faster here).
    this.#db.exec('PRAGMA synchronous = NORMAL');
    try {
      return await work();
    } finally {
      this.#db.exec('PRAGMA synchronous = FULL');
      // Syncs the WAL, copies it into the database file, syncs that and empties the WAL. Should
      // readers hold it up past the busy timeout, the frames reach the disk with the next commit,
      // which syncs the whole WAL (a rebuild's next commit records its versions).
      this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    }
  }

  async deleteCollection(collection: string): Promise<void> {
    checkCollection(collection);
    this.#db.exec(`DROP TABLE IF EXISTS ${quote(this.#table(collection))}`);
    this.#db.exec(`DROP TABLE IF EXISTS ${quote(guardsTableOf(this.#table(collection)))}`);
    this.#forget(collection);
  }

  async drop(): Promise<void> {
    const tables = this.#db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, ?) = ?`)
      .all(this.#prefix.length, this.#prefix) as { name: string }[];
    for (const { name } of tables) this.#db.exec(`DROP TABLE IF EXISTS ${quote(name)}`);
    this.#ready.clear();
    this.#statements.clear();
  }

  async getMeta(key: string): Promise<JsonValue | undefined> {
    checkId(key, 'meta key');
    const row = this.#inTable(metaCollection, (table) =>
      this.#statement(`SELECT doc FROM ${quote(table)} WHERE id = ?`).get(key),
    ) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as { value: JsonValue }).value : undefined;
  }

  async setMeta(key: string, value: JsonValue): Promise<void> {
    checkId(key, 'meta key');
    const doc = JSON.stringify({ value: toJsonValue(value, 'meta value') });
    this.#inTable(metaCollection, (table) =>
      this.#statement(`INSERT INTO ${quote(table)} (id, rev, doc) VALUES (?, NULL, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`).run(
        key,
        doc,
      ),
    );
  }

  async ping(): Promise<void> {
    this.#db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }

  #applyWrite(table: string, write: CheckedWrite): boolean {
    if (write.apart) return this.#applyGuardedApart(table, write);
    // Most documents of a batch are new (timeline entries; all of a rebuild's): one statement then.
    const inserted = this.#statement(`INSERT INTO ${quote(table)} (id, rev, doc, src) VALUES (?, NULL, ?, ?) ON CONFLICT (id) DO NOTHING`).run(
      write.id,
      JSON.stringify(bodyForNewDocument(write.change)),
      JSON.stringify({ [write.source]: write.revision }),
    );
    if (Number(inserted.changes) > 0) return true;
    // It exists (and stays: the transaction holds the write lock): decide on its guard, then patch or replace it.
    const row = this.#statement(`SELECT src FROM ${quote(table)} WHERE id = ?`).get(write.id) as { src: string | null };
    const sources = sourcesOf(row.src);
    if (!isNewer(sources[write.source], write.revision)) return false;
    sources[write.source] = write.revision;
    const sql = updateFromSourceSql(table, write.id, write.change, JSON.stringify(sources));
    this.#statement(sql.text).run(...sql.params);
    return true;
  }

  /** The guard in the collection's guards table, in the batch's transaction: checked, then written with the change. */
  #applyGuardedApart(table: string, write: CheckedWrite): boolean {
    const guards = quote(guardsTableOf(table));
    const guard = this.#statement(`SELECT rev FROM ${guards} WHERE id = ? AND source = ?`).get(write.id, write.source) as { rev: number } | undefined;
    if (!isNewer(guard?.rev, write.revision)) return false;
    this.#statement(`INSERT INTO ${guards} (id, source, rev) VALUES (?, ?, ?) ON CONFLICT (id, source) DO UPDATE SET rev = excluded.rev`).run(
      write.id,
      write.source,
      number(write.revision),
    );
    const sql = updateFromSourceSql(table, write.id, write.change, undefined);
    const { changes } = this.#statement(sql.text).run(...sql.params);
    if (Number(changes) === 0) {
      this.#statement(`INSERT INTO ${quote(table)} (id, rev, doc, src) VALUES (?, NULL, ?, NULL)`).run(write.id, JSON.stringify(bodyForNewDocument(write.change)));
    }
    return true;
  }

  #table(collection: string): string {
    return `${this.#prefix}${collection}`;
  }

  /**
   * Runs `work` on the collection's table, creating it (and its declared indexes)
   * first. If another connection dropped the table meanwhile (a rebuild), it is
   * created again and `work` retried once.
   */
  #inTable<R>(collection: string, work: (table: string) => R): R {
    this.#ensureTable(collection);
    try {
      return work(this.#table(collection));
    } catch (error) {
      if (!(error instanceof Error && /no such table/.test(error.message))) throw error;
      this.#forget(collection);
      this.#ensureTable(collection);
      return work(this.#table(collection));
    }
  }

  #ensureTable(collection: string): void {
    if (this.#ready.has(collection)) return;
    const table = this.#table(collection);
    this.#db.exec(createTableSql(table));
    this.#db.exec(createGuardsTableSql(table));
    const columns = this.#db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
    if (!columns.some((column) => column.name === 'src')) {
      try {
        this.#db.exec(addSourceColumnSql(table));
      } catch (error) {
        // Another process added it between our check and our ALTER.
        if (!(error instanceof Error && /duplicate column/.test(error.message))) throw error;
      }
    }
    for (const index of this.#indexes.of(collection)) this.#createIndex(collection, index.name, index.paths);
    this.#ready.add(collection);
  }

  #createIndex(collection: string, name: string, paths: readonly string[]): void {
    this.#db.exec(createIndexSql(this.#table(collection), `${this.#table(collection)}__${name}`, paths));
  }

  #forget(collection: string): void {
    this.#ready.delete(collection);
    // Statements compiled against a dropped table must not be reused.
    this.#statements.clear();
  }

  #statement(text: string): StatementSync {
    let statement = this.#statements.get(text);
    if (!statement) {
      if (this.#statements.size >= 500) this.#statements.clear(); // queries vary by shape; keep the cache bounded
      statement = this.#db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }
}

/** Without a prototype, so no source name (not even `__proto__`) is anything but a key. */
function sourcesOf(src: string | null): Record<string, number> {
  return Object.assign(Object.create(null) as Record<string, number>, src === null ? {} : (JSON.parse(src) as Record<string, number>));
}

function toStored(row: Row): StoredDocument<JsonObject> {
  const stored: StoredDocument<JsonObject> = { id: row.id, revision: row.rev ?? undefined, doc: JSON.parse(row.doc) as JsonObject };
  if (row.src !== null) stored.sourceRevisions = sourcesOf(row.src);
  return stored;
}
