import { randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { SubjectErasedError } from './errors.ts';
import { DATA_KEY_BYTES } from './field-cipher.ts';
import { checkSubjectId, type DataKeyState, type KeyStore } from './key-store.ts';

export interface SqliteKeyStoreOptions {
  /** Database file; may be the event store's own file (the table is separate). ':memory:' for tests. */
  path: string;
  /** Default `keys`. */
  table?: string;
  /** How long a write waits for another process's lock (ms, default 5000). */
  busyTimeoutMs?: number;
}

/** The embedded key store on node:sqlite. */
export async function openSqliteKeyStore(options: SqliteKeyStoreOptions): Promise<KeyStore> {
  return new SqliteKeyStore(options);
}

class SqliteKeyStore implements KeyStore {
  readonly #db: DatabaseSync;
  readonly #table: string;

  constructor(options: SqliteKeyStoreOptions) {
    this.#table = checkTableName(options.table ?? 'keys');
    this.#db = new DatabaseSync(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
    try {
      this.#db.exec('PRAGMA journal_mode = WAL');
      this.#db.exec('PRAGMA synchronous = FULL');
      // Erasing overwrites the freed key bytes with zeros instead of leaving them in the page's free space.
      this.#db.exec('PRAGMA secure_delete = ON');
      this.#db.exec(`
        CREATE TABLE IF NOT EXISTS "${this.#table}" (
          subject_id TEXT PRIMARY KEY,
          "key"      BLOB,          -- NULL once erased
          created_at TEXT NOT NULL,
          erased_at  TEXT,
          CHECK (("key" IS NULL) = (erased_at IS NOT NULL))
        ) STRICT`);
    } catch (error) {
      this.#db.close();
      throw error;
    }
  }

  async getOrCreateKey(subjectId: string): Promise<Buffer> {
    checkSubjectId(subjectId);
    // Insert-if-absent, then read: whoever inserted first wins and everyone reads that key.
    this.#db
      .prepare(`INSERT INTO "${this.#table}" (subject_id, "key", created_at) VALUES (?, ?, ?) ON CONFLICT (subject_id) DO NOTHING`)
      .run(subjectId, randomBytes(DATA_KEY_BYTES), new Date().toISOString());
    const state = this.#find(subjectId);
    if (state.state === 'active') return state.key;
    throw new SubjectErasedError(subjectId);
  }

  async findKey(subjectId: string): Promise<DataKeyState> {
    return this.#find(checkSubjectId(subjectId));
  }

  #find(subjectId: string): DataKeyState {
    const row = this.#db
      .prepare(`SELECT "key", created_at, erased_at FROM "${this.#table}" WHERE subject_id = ?`)
      .get(subjectId) as { key: Uint8Array | null; created_at: string; erased_at: string | null } | undefined;
    if (!row) return { state: 'absent' };
    if (row.erased_at !== null || row.key === null) return { state: 'erased', erasedAt: new Date(row.erased_at ?? 0) };
    return { state: 'active', key: Buffer.from(row.key), createdAt: new Date(row.created_at) };
  }

  async erase(subjectId: string): Promise<void> {
    checkSubjectId(subjectId);
    const now = new Date().toISOString();
    this.#db
      .prepare(
        `INSERT INTO "${this.#table}" (subject_id, "key", created_at, erased_at) VALUES (?, NULL, ?, ?)
         ON CONFLICT (subject_id) DO UPDATE SET "key" = NULL, erased_at = coalesce(erased_at, excluded.erased_at)`,
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

/** The table name is interpolated into SQL, so only plain identifiers are accepted. */
export function checkTableName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`key table ${JSON.stringify(name)} must match [a-z_][a-z0-9_]*`);
  return name;
}
