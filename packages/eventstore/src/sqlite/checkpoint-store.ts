import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { CheckpointStore, GlobalPosition } from '../port.ts';
import { checkIdentifier, checkpointsSchema, openDatabase, type SqliteOpenOptions } from './database.ts';

export interface SqliteCheckpointStoreOptions extends SqliteOpenOptions {
  /** Table name (default `checkpoints`); it may live in the event store's own file. */
  table?: string;
}

/**
 * Checkpoints in a SQLite file, on their own connection (WAL lets it share
 * the event store's file). Each store() is one fsynced autocommit write.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  readonly #db: DatabaseSync;
  readonly #select: StatementSync;
  readonly #upsert: StatementSync;

  constructor(options: SqliteCheckpointStoreOptions) {
    const table = checkIdentifier(options.table ?? 'checkpoints', 'checkpoint table');
    this.#db = openDatabase(options);
    this.#db.exec(checkpointsSchema(table));
    this.#select = this.#db.prepare(`SELECT position FROM "${table}" WHERE subscriber_id = ?`);
    this.#upsert = this.#db.prepare(
      `INSERT INTO "${table}" (subscriber_id, position) VALUES (?, ?)
       ON CONFLICT (subscriber_id) DO UPDATE SET position = excluded.position`,
    );
  }

  async load(subscriberId: string): Promise<GlobalPosition | undefined> {
    const row = this.#select.get(subscriberId);
    return row ? (row.position as bigint) : undefined;
  }

  async store(subscriberId: string, position: GlobalPosition): Promise<void> {
    this.#upsert.run(subscriberId, position);
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}
