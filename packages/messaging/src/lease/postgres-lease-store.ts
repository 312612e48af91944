import pg from 'pg';
import type { Lease, LeaseStore } from './lease-store.ts';

export interface PostgresLeaseStoreOptions {
  /** Connection URL (usually the event store's database), or a pool to share. */
  connectionString?: string;
  pool?: pg.Pool;
  /** Schema of the table (default `eventstore`, next to the event store's checkpoints); created if missing. */
  schema?: string;
  table?: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Leases in a PostgreSQL table. Expiry is computed and compared with the
 * database's clock (clock_timestamp()), never the relays' own clocks, so
 * instances on different machines agree on when a lease expired. Acquire is
 * one conditional INSERT .. ON CONFLICT DO UPDATE: the row lock serializes racers.
 */
export class PostgresLeaseStore implements LeaseStore {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #schema: string;
  readonly #table: string;
  #ready: Promise<void> | undefined;

  constructor(options: PostgresLeaseStoreOptions) {
    const schema = options.schema ?? 'eventstore';
    const table = options.table ?? 'leases';
    for (const name of [schema, table]) {
      if (!IDENTIFIER.test(name)) throw new Error(`lease schema/table ${JSON.stringify(name)} must match [a-z_][a-z0-9_]*`);
    }
    this.#schema = schema;
    this.#table = `"${schema}"."${table}"`;
    this.#ownsPool = !options.pool;
    this.#pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: 2 });
    // An idle pooled connection that dies emits 'error' on the pool; unhandled, it would crash the process.
    if (this.#ownsPool) this.#pool.on('error', () => undefined);
  }

  /** Creates schema and table on first use; a failure is retried by the next call. */
  #init(): Promise<void> {
    this.#ready ??= this.#create().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  async #create(): Promise<void> {
    // CREATE ... IF NOT EXISTS is not atomic: instances starting together race on the catalog.
    // A transaction-scoped advisory lock makes them create the schema and table one at a time.
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('ejp-lease-ddl'))");
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.#schema}"`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.#table} (
         name text PRIMARY KEY, owner text NOT NULL, token bigint NOT NULL, expires_at timestamptz NOT NULL)`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async tryAcquire(name: string, owner: string, ttlMs: number): Promise<Lease | undefined> {
    await this.#init();
    const t = this.#table;
    const { rows } = await this.#pool.query<{ owner: string; token: string }>(
      `INSERT INTO ${t} AS l (name, owner, token, expires_at)
       VALUES ($1, $2, 1, clock_timestamp() + make_interval(secs => $3::float8 / 1000))
       ON CONFLICT (name) DO UPDATE SET
         token = CASE WHEN l.owner = excluded.owner AND l.expires_at > clock_timestamp() THEN l.token ELSE l.token + 1 END,
         owner = excluded.owner,
         expires_at = excluded.expires_at
       WHERE l.owner = excluded.owner OR l.expires_at <= clock_timestamp()
       RETURNING owner, token::text`,
      [name, owner, ttlMs],
    );
    const row = rows[0];
    return row ? { name, owner: row.owner, token: BigInt(row.token) } : undefined;
  }

  async renew(lease: Lease, ttlMs: number): Promise<boolean> {
    await this.#init();
    const result = await this.#pool.query(
      `UPDATE ${this.#table} SET expires_at = clock_timestamp() + make_interval(secs => $4::float8 / 1000)
       WHERE name = $1 AND owner = $2 AND token = $3 AND expires_at > clock_timestamp()`,
      [lease.name, lease.owner, lease.token.toString(), ttlMs],
    );
    return result.rowCount === 1;
  }

  async release(lease: Lease): Promise<void> {
    await this.#init();
    await this.#pool.query(
      `UPDATE ${this.#table} SET expires_at = '-infinity' WHERE name = $1 AND owner = $2 AND token = $3`,
      [lease.name, lease.owner, lease.token.toString()],
    );
  }

  async holder(name: string): Promise<Lease | undefined> {
    await this.#init();
    const { rows } = await this.#pool.query<{ owner: string; token: string }>(
      `SELECT owner, token::text FROM ${this.#table} WHERE name = $1 AND expires_at > clock_timestamp()`,
      [name],
    );
    const row = rows[0];
    return row ? { name, owner: row.owner, token: BigInt(row.token) } : undefined;
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.#pool.end();
  }
}
