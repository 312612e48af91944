import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Lease, LeaseStore } from './lease-store.ts';

export interface SqliteLeaseStoreOptions {
  /** The SQLite file (usually the event store's own file), or ':memory:' for tests. */
  path: string;
  table?: string;
  /** Clock in ms; injectable for tests. All contenders share one machine, hence one clock. */
  now?: () => number;
}

/**
 * Leases in a SQLite table, on their own connection (WAL lets it share the
 * event store's file). Acquire is a single conditional UPSERT, atomic under
 * SQLite's write lock, so two processes racing for a free lease cannot both win.
 */
export class SqliteLeaseStore implements LeaseStore {
  readonly #db: DatabaseSync;
  readonly #now: () => number;
  readonly #acquire: StatementSync;
  readonly #renew: StatementSync;
  readonly #release: StatementSync;
  readonly #holder: StatementSync;

  constructor(options: SqliteLeaseStoreOptions) {
    const table = options.table ?? 'leases';
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`lease table ${JSON.stringify(table)} must match [a-z_][a-z0-9_]*`);
    this.#now = options.now ?? Date.now;
    this.#db = new DatabaseSync(options.path, { timeout: 5000, readBigInts: true });
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec(`CREATE TABLE IF NOT EXISTS "${table}" (
      name TEXT PRIMARY KEY, owner TEXT NOT NULL, token INTEGER NOT NULL, expires_at INTEGER NOT NULL) STRICT`);
    // Insert when free; take over when expired (token + 1); extend when already ours (same token).
    this.#acquire = this.#db.prepare(`
      INSERT INTO "${table}" (name, owner, token, expires_at) VALUES (:name, :owner, 1, :expires)
      ON CONFLICT (name) DO UPDATE SET
        token = CASE WHEN owner = excluded.owner AND expires_at > :now THEN token ELSE token + 1 END,
        owner = excluded.owner,
        expires_at = excluded.expires_at
      WHERE owner = excluded.owner OR expires_at <= :now
      RETURNING owner, token`);
    this.#renew = this.#db.prepare(
      `UPDATE "${table}" SET expires_at = :expires WHERE name = :name AND owner = :owner AND token = :token AND expires_at > :now`,
    );
    this.#release = this.#db.prepare(`UPDATE "${table}" SET expires_at = 0 WHERE name = :name AND owner = :owner AND token = :token`);
    this.#holder = this.#db.prepare(`SELECT owner, token FROM "${table}" WHERE name = :name AND expires_at > :now`);
  }

  async tryAcquire(name: string, owner: string, ttlMs: number): Promise<Lease | undefined> {
    const now = this.#now();
    const row = this.#acquire.get({ name, owner, now, expires: now + ttlMs });
    return row ? { name, owner: row.owner as string, token: row.token as bigint } : undefined;
  }

  async renew(lease: Lease, ttlMs: number): Promise<boolean> {
    const now = this.#now();
    const { name, owner, token } = lease;
    return Number(this.#renew.run({ name, owner, token, now, expires: now + ttlMs }).changes) === 1; // bigint under readBigInts
  }

  async release(lease: Lease): Promise<void> {
    const { name, owner, token } = lease;
    this.#release.run({ name, owner, token });
  }

  async holder(name: string): Promise<Lease | undefined> {
    const row = this.#holder.get({ name, now: this.#now() });
    return row ? { name, owner: row.owner as string, token: row.token as bigint } : undefined;
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}
