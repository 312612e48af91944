import { resolve } from 'node:path';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { decideAppend, type StoredPlace, validateAppend } from '../append-rules.ts';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../port.ts';
import { startCatchUp, SubscriptionRegistry } from '../subscriptions/catch-up.ts';
import { ChangeSignal } from '../subscriptions/change-signal.ts';
import { recordedAtFor } from '../timestamp-precision.ts';
import { eventsSchema, inWriteTransaction, openDatabase, type SqliteOpenOptions } from './database.ts';
import { toRecordedEvent } from './rows.ts';

export interface SqliteEventStoreOptions extends SqliteOpenOptions {
  /** How often a live subscription re-reads when no local append woke it: catches appends by other processes (ms, default 250). */
  pollIntervalMs?: number;
  /** Events per read while a subscription catches up (default 500). */
  batchSize?: number;
}

const maxRevision = 9223372036854775807n;

/**
 * Signals of every open store per database file in this process, so that an
 * append through one connection wakes subscribers of the others at once;
 * other processes are caught by polling.
 */
const signalsByFile = new Map<string, Set<ChangeSignal>>();

/** The embedded event store on node:sqlite (the standalone default). */
export async function openSqliteEventStore(options: SqliteEventStoreOptions): Promise<EventStore> {
  return new SqliteEventStore(options);
}

class SqliteEventStore implements EventStore {
  readonly #db: DatabaseSync;
  readonly #file: string | undefined;
  readonly #signal = new ChangeSignal();
  readonly #subscriptions = new SubscriptionRegistry();
  readonly #pollIntervalMs: number;
  readonly #batchSize: number;
  readonly #statements = new Map<string, StatementSync>();

  constructor(options: SqliteEventStoreOptions) {
    this.#db = openDatabase(options);
    this.#db.exec(eventsSchema);
    this.#pollIntervalMs = options.pollIntervalMs ?? 250;
    this.#batchSize = options.batchSize ?? 500;
    this.#file = options.path === ':memory:' ? undefined : resolve(options.path);
    if (this.#file) {
      const signals = signalsByFile.get(this.#file) ?? new Set();
      signals.add(this.#signal);
      signalsByFile.set(this.#file, signals);
    }
  }

  /** Prepared statements are cached by their SQL text: readAll builds a handful of variants. */
  #sql(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  async appendToStream(stream: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    const batch = validateAppend(stream, events, expected);
    const outcome = inWriteTransaction(this.#db, () => {
      const stored = this.#sql(
        `SELECT event_id, stream_name, revision, position FROM events
         WHERE event_id IN (SELECT value FROM json_each(?))`,
      )
        .all(JSON.stringify(batch.map((event) => event.id)))
        .map(
          (row): StoredPlace => ({
            id: row.event_id as string,
            stream: row.stream_name as string,
            revision: row.revision as bigint,
            position: row.position as bigint,
          }),
        );
      const current = this.#sql('SELECT max(revision) AS revision FROM events WHERE stream_name = ?').get(stream)
        ?.revision as bigint | null;
      const decision = decideAppend(stream, batch, expected, current ?? undefined, stored);
      if (decision.kind === 'already-appended') return { result: decision.result, appended: false };

      const insert = this.#sql(
        `INSERT INTO events (event_id, stream_name, revision, event_type, data, metadata, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING position`,
      );
      const recordedAt = recordedAtFor(stream).toISOString();
      let position = 0n;
      batch.forEach((event, i) => {
        const values: SQLInputValue[] = [
          event.id,
          stream,
          decision.firstRevision + BigInt(i),
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata ?? {}),
          recordedAt,
        ];
        position = insert.get(...values)!.position as bigint;
      });
      const result = { nextExpectedRevision: decision.firstRevision + BigInt(batch.length - 1), position };
      return { result, appended: true };
    });
    if (outcome.appended) this.#notifyLocalSubscribers();
    return outcome.result;
  }

  #notifyLocalSubscribers(): void {
    const signals = this.#file ? signalsByFile.get(this.#file) : undefined;
    for (const signal of signals ?? [this.#signal]) signal.notify();
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? maxRevision : 0n);
    const sql = backwards
      ? 'SELECT * FROM events WHERE stream_name = ? AND revision <= ? ORDER BY revision DESC LIMIT ?'
      : 'SELECT * FROM events WHERE stream_name = ? AND revision >= ? ORDER BY revision LIMIT ?';
    return this.#sql(sql).all(stream, from, limitOf(options.maxCount)).map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const where = ['position > ?'];
    const values: SQLInputValue[] = [options.after ?? 0n];
    const { streamPrefixes, eventTypes } = options.filter ?? {};
    if (streamPrefixes) {
      // substr, not LIKE: LIKE is case-insensitive in SQLite and treats % and _ in stream names as wildcards.
      where.push('EXISTS (SELECT 1 FROM json_each(?) p WHERE substr(stream_name, 1, length(p.value)) = p.value)');
      values.push(JSON.stringify(streamPrefixes));
    }
    if (eventTypes) {
      where.push('event_type IN (SELECT value FROM json_each(?))');
      values.push(JSON.stringify(eventTypes));
    }
    const sql = `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`;
    return this.#sql(sql)
      .all(...values, limitOf(options.maxCount))
      .map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    if (!this.#db.isOpen) throw new Error('event store is closed');
    const source = {
      readAll: (o: ReadAllOptions) => this.readAll(o),
      signal: this.#signal,
      pollIntervalMs: this.#pollIntervalMs,
      batchSize: this.#batchSize,
      // One writer: positions commit in order, so nothing will commit at or below the largest one stored.
      headPosition: async () => (this.#sql('SELECT max(position) AS head FROM events').get()?.head as bigint | null) ?? undefined,
    };
    return this.#subscriptions.add(startCatchUp(source, options));
  }

  async ping(): Promise<void> {
    this.#sql('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (!this.#db.isOpen) return;
    await this.#subscriptions.stopAll();
    const signals = this.#file ? signalsByFile.get(this.#file) : undefined;
    signals?.delete(this.#signal);
    if (signals?.size === 0) signalsByFile.delete(this.#file!);
    this.#db.close();
  }
}

/** SQLite's LIMIT -1 means "no limit". */
function limitOf(maxCount: number | undefined): number {
  if (maxCount === undefined) return -1;
  if (!Number.isInteger(maxCount) || maxCount < 0) throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  return maxCount;
}
