import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SubjectErasedError } from './errors.ts';
import { DATA_KEY_BYTES } from './field-cipher.ts';
import { checkSubjectId, type DataKeyState, type KeyStore } from './key-store.ts';
import { checkTableName } from './sqlite-key-store.ts';

export type PostgresKeyStoreOptions = ({ connectionString: string } | { pool: pg.Pool }) & {
  /** Default `keys`. */
  table?: string;
};

/** Serialises concurrent `CREATE TABLE IF NOT EXISTS`, which can otherwise fail on the catalog's unique index. */
const SCHEMA_LOCK = 0x656a706b; // "ejpk"

/** The key store on PostgreSQL. A pool passed in is left open on close(); one it created is ended. */
export async function openPostgresKeyStore(options: PostgresKeyStoreOptions): Promise<KeyStore> {
  const table = checkTableName(options.table ?? 'keys');
  const owned = !('pool' in options);
  const pool = 'pool' in options ? options.pool : new pg.Pool({ connectionString: options.connectionString });
  // An idle pooled connection that dies (a server restart, a failover, a dropped database) emits
  // 'error' on the pool; unhandled, it would crash the process. The next query reconnects.
  if (owned) pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      await client.query(`
        CREATE TABLE IF NOT EXISTS "${table}" (
          subject_id text PRIMARY KEY,
          "key"      bytea,         -- NULL once erased
          created_at timestamptz NOT NULL DEFAULT now(),
          erased_at  timestamptz,
          CHECK (("key" IS NULL) = (erased_at IS NOT NULL))
        )`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  } catch (error) {
    if (owned) await pool.end();
    throw error;
  }
  return new PostgresKeyStore(pool, table, owned);
}

class PostgresKeyStore implements KeyStore {
  readonly #pool: pg.Pool;
  readonly #table: string;
  readonly #ownsPool: boolean;
  #closed = false;

  constructor(pool: pg.Pool, table: string, ownsPool: boolean) {
    this.#pool = pool;
    this.#table = table;
    this.#ownsPool = ownsPool;
  }

  async getOrCreateKey(subjectId: string): Promise<Buffer> {
    checkSubjectId(subjectId);
    // Two statements on purpose: under READ COMMITTED the SELECT takes a fresh snapshot and sees
    // a row a concurrent first call committed while our INSERT waited; one CTE statement would not.
    await this.#pool.query(`INSERT INTO "${this.#table}" (subject_id, "key") VALUES ($1, $2) ON CONFLICT (subject_id) DO NOTHING`, [
      subjectId,
      randomBytes(DATA_KEY_BYTES),
    ]);
    const state = await this.findKey(subjectId);
    if (state.state === 'active') return state.key;
    throw new SubjectErasedError(subjectId);
  }

  async findKey(subjectId: string): Promise<DataKeyState> {
    checkSubjectId(subjectId);
    const { rows } = await this.#pool.query<{ key: Buffer | null; created_at: Date; erased_at: Date | null }>(
      `SELECT "key", created_at, erased_at FROM "${this.#table}" WHERE subject_id = $1`,
      [subjectId],
    );
    const row = rows[0];
    if (!row) return { state: 'absent' };
    if (row.erased_at !== null || row.key === null) return { state: 'erased', erasedAt: row.erased_at ?? new Date(0) };
    return { state: 'active', key: row.key, createdAt: row.created_at };
  }

  async erase(subjectId: string): Promise<void> {
    checkSubjectId(subjectId);
    // The old row version keeps the key bytes until VACUUM reclaims it (see README).
    await this.#pool.query(
      `INSERT INTO "${this.#table}" (subject_id, "key", erased_at) VALUES ($1, NULL, now())
       ON CONFLICT (subject_id) DO UPDATE SET "key" = NULL, erased_at = coalesce("${this.#table}".erased_at, excluded.erased_at)`,
      [subjectId],
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsPool) await this.#pool.end();
  }
}
