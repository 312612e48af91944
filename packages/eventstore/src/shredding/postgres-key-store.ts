import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SubjectErasedError } from './errors.ts';
import { DATA_KEY_BYTES } from './field-cipher.ts';
import { checkSubjectId, type DataKeyState } from './key-store.ts';
import type { KeyWrapper } from './key-wrapper.ts';
import { type KeyMigrationReport, rewrapPlan, type StoredKey, unwrapStored, type WrappedKeyStore } from './wrapped-keys.ts';
import { checkTableName } from './sqlite-key-store.ts';

export type PostgresKeyStoreOptions = ({ connectionString: string } | { pool: pg.Pool }) & {
  /** Default `keys`. */
  table?: string;
  /** The master key(s) that wrap every data key: the database holds no key in clear. */
  wrapper: KeyWrapper;
};

/** Serialises concurrent `CREATE TABLE IF NOT EXISTS`, which can otherwise fail on the catalog's unique index. */
const SCHEMA_LOCK = 0x656a706b; // "ejpk"

/**
 * The key store on PostgreSQL. A pool passed in is left open on close(); one
 * it created is ended. Opening it wraps keys still in clear and re-wraps keys
 * of a previous master key, under the schema lock, so concurrent starts of
 * several services migrate once.
 */
export async function openPostgresKeyStore(options: PostgresKeyStoreOptions): Promise<WrappedKeyStore> {
  const table = checkTableName(options.table ?? 'keys');
  const owned = !('pool' in options);
  const pool = 'pool' in options ? options.pool : new pg.Pool({ connectionString: options.connectionString });
  // An idle pooled connection that dies (a server restart, a failover, a dropped database) emits
  // 'error' on the pool; unhandled, it would crash the process. The next query reconnects.
  if (owned) pool.on('error', () => undefined);
  const wrapper = options.wrapper;
  let migration: KeyMigrationReport;
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
          master_key_id text,       -- NULL: a key stored in clear before envelope encryption
          CHECK (("key" IS NULL) = (erased_at IS NOT NULL))
        )`);
      await client.query(`ALTER TABLE "${table}" ADD COLUMN IF NOT EXISTS master_key_id text`);
      const { rows } = await client.query<{ subject_id: string; key: Buffer; master_key_id: string | null }>(
        `SELECT subject_id, "key", master_key_id FROM "${table}" WHERE "key" IS NOT NULL AND master_key_id IS DISTINCT FROM $1 FOR UPDATE`,
        [wrapper.currentKeyId],
      );
      const plan = await rewrapPlan(wrapper, rows.map(storedKeyOf));
      for (const { subjectId, wrapped } of plan.updates) {
        await client.query(`UPDATE "${table}" SET "key" = $1, master_key_id = $2 WHERE subject_id = $3`, [wrapped.wrapped, wrapped.masterKeyId, subjectId]);
      }
      migration = plan.report;
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
  // The keys in clear stay in dead row versions until a vacuum reclaims them: ask for one now (best effort).
  if (migration.wrapped > 0) await pool.query(`VACUUM "${table}"`).catch(() => undefined);
  return new PostgresKeyStore(pool, table, owned, wrapper, migration);
}

type Row = { subject_id: string; key: Buffer | null; created_at: Date; erased_at: Date | null; master_key_id: string | null };

const storedKeyOf = (row: Pick<Row, 'subject_id' | 'key' | 'master_key_id'>): StoredKey => ({
  subjectId: row.subject_id,
  key: row.key!,
  masterKeyId: row.master_key_id,
});

class PostgresKeyStore implements WrappedKeyStore {
  readonly #pool: pg.Pool;
  readonly #table: string;
  readonly #ownsPool: boolean;
  readonly #wrapper: KeyWrapper;
  readonly migration: KeyMigrationReport;
  #closed = false;

  constructor(pool: pg.Pool, table: string, ownsPool: boolean, wrapper: KeyWrapper, migration: KeyMigrationReport) {
    this.#pool = pool;
    this.#table = table;
    this.#ownsPool = ownsPool;
    this.#wrapper = wrapper;
    this.migration = migration;
  }

  async getOrCreateKey(subjectId: string): Promise<Buffer> {
    checkSubjectId(subjectId);
    // Two statements on purpose: under READ COMMITTED the SELECT takes a fresh snapshot and sees
    // a row a concurrent first call committed while our INSERT waited; one CTE statement would not.
    const dataKey = randomBytes(DATA_KEY_BYTES);
    const { wrapped, masterKeyId } = await this.#wrapper.wrap(dataKey, subjectId);
    dataKey.fill(0);
    await this.#pool.query(
      `INSERT INTO "${this.#table}" (subject_id, "key", master_key_id) VALUES ($1, $2, $3) ON CONFLICT (subject_id) DO NOTHING`,
      [subjectId, wrapped, masterKeyId],
    );
    const state = await this.findKey(subjectId);
    if (state.state === 'active') return state.key;
    throw new SubjectErasedError(subjectId);
  }

  async findKey(subjectId: string): Promise<DataKeyState> {
    checkSubjectId(subjectId);
    const { rows } = await this.#pool.query<Row>(
      `SELECT subject_id, "key", created_at, erased_at, master_key_id FROM "${this.#table}" WHERE subject_id = $1`,
      [subjectId],
    );
    const row = rows[0];
    if (!row) return { state: 'absent' };
    if (row.erased_at !== null || row.key === null) return { state: 'erased', erasedAt: row.erased_at ?? new Date(0) };
    return { state: 'active', key: await unwrapStored(this.#wrapper, storedKeyOf(row)), createdAt: row.created_at };
  }

  async erase(subjectId: string): Promise<void> {
    checkSubjectId(subjectId);
    // The old row version keeps the key bytes until VACUUM reclaims it (see README).
    await this.#pool.query(
      `INSERT INTO "${this.#table}" (subject_id, "key", erased_at) VALUES ($1, NULL, now())
       ON CONFLICT (subject_id) DO UPDATE SET "key" = NULL, master_key_id = NULL, erased_at = coalesce("${this.#table}".erased_at, excluded.erased_at)`,
      [subjectId],
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsPool) await this.#pool.end();
  }
}
