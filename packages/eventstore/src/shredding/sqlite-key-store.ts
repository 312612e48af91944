import { randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { SubjectErasedError } from './errors.ts';
import { DATA_KEY_BYTES } from './field-cipher.ts';
import { checkSubjectId, type DataKeyState } from './key-store.ts';
import type { KeyWrapper } from './key-wrapper.ts';
import { type KeyMigrationReport, rewrapPlan, type StoredKey, unwrapStored, type WrappedKeyStore } from './wrapped-keys.ts';

export interface SqliteKeyStoreOptions {
  /** Database file; may be the event store's own file (the table is separate). ':memory:' for tests. */
  path: string;
  /** Default `keys`. */
  table?: string;
  /** How long a write waits for another process's lock (ms, default 5000). */
  busyTimeoutMs?: number;
  /** The master key(s) that wrap every data key: the database holds no key in clear. */
  wrapper: KeyWrapper;
}

/**
 * The embedded key store on node:sqlite. Opening it wraps any key still in
 * clear (written before envelope encryption) and re-wraps keys of a previous
 * master key under the current one, in one transaction.
 */
export async function openSqliteKeyStore(options: SqliteKeyStoreOptions): Promise<WrappedKeyStore> {
  const store = new SqliteKeyStore(options);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

type Row = { subject_id: string; key: Uint8Array | null; created_at: string; erased_at: string | null; master_key_id: string | null };

class SqliteKeyStore implements WrappedKeyStore {
  readonly #db: DatabaseSync;
  readonly #table: string;
  readonly #wrapper: KeyWrapper;
  migration: KeyMigrationReport = { wrapped: 0, rewrapped: 0, unavailable: [] };

  constructor(options: SqliteKeyStoreOptions) {
    this.#table = checkTableName(options.table ?? 'keys');
    this.#wrapper = options.wrapper;
    this.#db = new DatabaseSync(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
    try {
      this.#db.exec('PRAGMA journal_mode = WAL');
      this.#db.exec('PRAGMA synchronous = FULL');
      // Erasing overwrites the freed key bytes with zeros instead of leaving them in the page's free space.
      this.#db.exec('PRAGMA secure_delete = ON');
      this.#db.exec(`
        CREATE TABLE IF NOT EXISTS "${this.#table}" (
          subject_id TEXT PRIMARY KEY,
          "key"      BLOB,          -- wrapped by master_key_id; NULL once erased
          created_at TEXT NOT NULL,
          erased_at  TEXT,
          master_key_id TEXT,       -- NULL: a key stored in clear before envelope encryption
          CHECK (("key" IS NULL) = (erased_at IS NOT NULL))
        ) STRICT`);
      const columns = this.#db.prepare(`SELECT name FROM pragma_table_info('${this.#table}')`).all() as { name: string }[];
      if (!columns.some((column) => column.name === 'master_key_id')) this.#db.exec(`ALTER TABLE "${this.#table}" ADD COLUMN master_key_id TEXT`);
    } catch (error) {
      this.#db.close();
      throw error;
    }
  }

  /**
   * Wraps keys in clear and re-wraps keys of a previous master. The plan is
   * made outside the write transaction (nothing awaits while it holds the
   * lock), and each update applies only to the bytes it planned from, so a
   * key erased or migrated meanwhile by another process is left as it is.
   */
  async migrate(): Promise<void> {
    const rows = this.#db
      .prepare(`SELECT subject_id, "key", master_key_id FROM "${this.#table}" WHERE "key" IS NOT NULL AND master_key_id IS NOT ?`)
      .all(this.#wrapper.currentKeyId) as Row[];
    const planned = rows.map(storedKeyOf);
    const { updates, report } = await rewrapPlan(this.#wrapper, planned);
    this.migration = report;
    if (updates.length === 0) return;
    const before = new Map(planned.map((row) => [row.subjectId, row.key]));
    const update = this.#db.prepare(`UPDATE "${this.#table}" SET "key" = ?, master_key_id = ? WHERE subject_id = ? AND "key" = ?`);
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const { subjectId, wrapped } of updates) update.run(wrapped.wrapped, wrapped.masterKeyId, subjectId, before.get(subjectId)!);
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
    // The keys in clear are now only in freed pages (zeroed by secure_delete) and the WAL: fold and truncate it.
    if (report.wrapped > 0) this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  async getOrCreateKey(subjectId: string): Promise<Buffer> {
    checkSubjectId(subjectId);
    // Insert-if-absent, then read: whoever inserted first wins and everyone reads that key.
    const dataKey = randomBytes(DATA_KEY_BYTES);
    const { wrapped, masterKeyId } = await this.#wrapper.wrap(dataKey, subjectId);
    dataKey.fill(0);
    this.#db
      .prepare(`INSERT INTO "${this.#table}" (subject_id, "key", master_key_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (subject_id) DO NOTHING`)
      .run(subjectId, wrapped, masterKeyId, new Date().toISOString());
    const state = await this.findKey(subjectId);
    if (state.state === 'active') return state.key;
    throw new SubjectErasedError(subjectId);
  }

  async findKey(subjectId: string): Promise<DataKeyState> {
    checkSubjectId(subjectId);
    const row = this.#db
      .prepare(`SELECT subject_id, "key", created_at, erased_at, master_key_id FROM "${this.#table}" WHERE subject_id = ?`)
      .get(subjectId) as Row | undefined;
    if (!row) return { state: 'absent' };
    if (row.erased_at !== null || row.key === null) return { state: 'erased', erasedAt: new Date(row.erased_at ?? 0) };
    return { state: 'active', key: await unwrapStored(this.#wrapper, storedKeyOf(row)), createdAt: new Date(row.created_at) };
  }

  async erase(subjectId: string): Promise<void> {
    checkSubjectId(subjectId);
    const now = new Date().toISOString();
    this.#db
      .prepare(
        `INSERT INTO "${this.#table}" (subject_id, "key", created_at, erased_at) VALUES (?, NULL, ?, ?)
         ON CONFLICT (subject_id) DO UPDATE SET "key" = NULL, master_key_id = NULL, erased_at = coalesce(erased_at, excluded.erased_at)`,
      )
      .run(subjectId, now, now);
    // The WAL still holds the page as it was when the key was written; fold it into the
    // database and truncate it. Best effort: a long-running reader can keep frames alive.
    this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}

const storedKeyOf = (row: Pick<Row, 'subject_id' | 'key' | 'master_key_id'>): StoredKey => ({
  subjectId: row.subject_id,
  key: Buffer.from(row.key!),
  masterKeyId: row.master_key_id,
});

/** The table name is interpolated into SQL, so only plain identifiers are accepted. */
export function checkTableName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`key table ${JSON.stringify(name)} must match [a-z_][a-z0-9_]*`);
  return name;
}
