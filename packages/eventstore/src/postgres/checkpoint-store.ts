import pg from 'pg';
import type { CheckpointStore, GlobalPosition } from '../port.ts';
import { checkSchemaName, migrate } from './schema.ts';

export interface PostgresCheckpointStoreOptions {
  /** Give this (the store owns its pool) or `pool` (shared with the event store, not ended by close()). */
  connectionString?: string;
  pool?: pg.Pool;
  /** Schema of the event store (default `eventstore`): the checkpoints table is created next to the events. */
  schema?: string;
}

/**
 * Checkpoints in `<schema>.checkpoints`. Keeping them in the event store's
 * database lets a subscriber whose read model lives there too save its
 * checkpoint in the same transaction as its writes, for exactly-once effects.
 */
export class PostgresCheckpointStore implements CheckpointStore {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #table: string;

  private constructor(pool: pg.Pool, ownsPool: boolean, schema: string) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
    this.#table = `"${schema}".checkpoints`;
  }

  static async open(options: PostgresCheckpointStoreOptions): Promise<PostgresCheckpointStore> {
    const schema = checkSchemaName(options.schema ?? 'eventstore');
    const ownsPool = !options.pool;
    const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: 2 });
    if (ownsPool) pool.on('error', () => undefined);
    try {
      await migrate(pool, schema);
    } catch (error) {
      if (ownsPool) await pool.end();
      throw error;
    }
    return new PostgresCheckpointStore(pool, ownsPool, schema);
  }

  async load(subscriberId: string): Promise<GlobalPosition | undefined> {
    const { rows } = await this.#pool.query<{ position: string }>(
      `SELECT position::text FROM ${this.#table} WHERE subscriber_id = $1`,
      [subscriberId],
    );
    return rows[0] ? BigInt(rows[0].position) : undefined;
  }

  async store(subscriberId: string, position: GlobalPosition): Promise<void> {
    await this.#pool.query(
      `INSERT INTO ${this.#table} (subscriber_id, position) VALUES ($1, $2)
       ON CONFLICT (subscriber_id) DO UPDATE SET position = excluded.position`,
      [subscriberId, position.toString()],
    );
  }

  async close(): Promise<void> {
    if (this.#ownsPool && !this.#pool.ended) await this.#pool.end();
  }
}
