import { DatabaseSync } from 'node:sqlite';

export interface SqliteOpenOptions {
  /** File path, or ':memory:' for a private in-memory database (tests). */
  path: string;
  /** How long a write waits for another process's write lock before failing (ms, default 5000). */
  busyTimeoutMs?: number;
}

/**
 * Opens a connection tuned for an event log:
 * - WAL: readers never block the writer, and a subscriber in another process can poll while we append;
 * - synchronous=FULL: in WAL mode, NORMAL may lose the last commits on power loss; FULL fsyncs the WAL at
 *   every commit, so an acknowledged append is on disk;
 * - readBigInts: positions and revisions are 64-bit and reach the port as bigint without rounding.
 * Waiting for a lock (busy timeout) blocks this thread, because node:sqlite is synchronous; only another
 * process writing the same file can make us wait.
 */
export function openDatabase(options: SqliteOpenOptions): DatabaseSync {
  const db = new DatabaseSync(options.path, { timeout: options.busyTimeoutMs ?? 5000, readBigInts: true });
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Runs `work` in a BEGIN IMMEDIATE transaction: the write lock is taken up front, so the reads inside are current. */
export function inWriteTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

export const eventsSchema = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT, -- AUTOINCREMENT: a position is never reused
    event_id    TEXT    NOT NULL UNIQUE,           -- idempotency lookups and the duplicate-id guard
    stream_name TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    event_type  TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    UNIQUE (stream_name, revision)                 -- also the index readStream walks
  ) STRICT;
  CREATE INDEX IF NOT EXISTS events_by_type ON events (event_type, position);
`;

export function checkpointsSchema(table: string): string {
  return `CREATE TABLE IF NOT EXISTS "${table}" (subscriber_id TEXT PRIMARY KEY, position INTEGER NOT NULL) STRICT`;
}

/** Table names are interpolated into SQL, so only plain identifiers are accepted. */
export function checkIdentifier(name: string, what: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`${what} ${JSON.stringify(name)} must match [a-z_][a-z0-9_]*`);
  return name;
}
