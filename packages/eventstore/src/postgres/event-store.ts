import pg from 'pg';
import { decideAppend, type StoredPlace, validateAppend } from '../append-rules.ts';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../port.ts';
import { startCatchUp, SubscriptionRegistry } from '../subscriptions/catch-up.ts';
import { ChangeSignal } from '../subscriptions/change-signal.ts';
import { NotificationListener } from './listener.ts';
import { type EventRow, toRecordedEvent } from './rows.ts';
import { appendFunctionOf, channelOf, checkSchemaName, migrate } from './schema.ts';

export interface PostgresEventStoreOptions {
  /** Connection string; the store creates and owns its pool. Give this or `pool`. */
  connectionString?: string;
  /** A pool owned by the caller (not ended by close()); LISTEN then uses the pool's connection options. */
  pool?: pg.Pool;
  /** Schema holding the tables (default `eventstore`); tests use one schema each. */
  schema?: string;
  /** Run `migrate()` when opening (default true). */
  migrate?: boolean;
  /** Upper bound on how long a live subscription waits without a NOTIFY before reading again (ms, default 1000). */
  pollIntervalMs?: number;
  /** Events per read while a subscription catches up (default 500). */
  batchSize?: number;
  /** LISTEN for appends of other processes (default true); without it, polling alone delivers them. */
  listen?: boolean;
  /** Test hooks: never set in production. */
  testing?: {
    /**
     * Runs inside the append transaction after the insert, with the append lock held, once per
     * appended stream of the group. Setting it makes each group call an explicit transaction
     * (BEGIN, the call, the hook, COMMIT) instead of one autocommit round trip.
     */
    beforeCommit?: (stream: string) => Promise<void>;
    /** Leaves out the append lock, to show the gap problem the lock prevents. Unsafe. */
    withoutAppendLock?: boolean;
  };
}

/** At most this many group calls at once: the next group waits for the lock on the server while one commits. */
const maxInFlight = 2;
/** At most this many appends per group call. */
const maxGroup = 256;

interface PendingAppend {
  stream: string;
  expected: ExpectedRevision;
  batch: EventToAppend[];
  data: string[];
  metadata: string[];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** A row of the append function (schema.ts). */
interface AppendRow {
  n: number;
  status: 'appended' | 'stored' | 'wrong-expected-revision';
  head: string | null;
  last_position: string | null;
  stored_ids: string[] | null;
  stored_streams: string[] | null;
  stored_revisions: string[] | null;
  stored_positions: string[] | null;
}

/** The PostgreSQL event store; see README "The gap problem" for why appends take a lock. */
export async function openPostgresEventStore(options: PostgresEventStoreOptions): Promise<EventStore> {
  const schema = checkSchemaName(options.schema ?? 'eventstore');
  const ownsPool = !options.pool;
  // A client that stalls inside an append (a blocked event loop, a lost network) would hold the append
  // lock and stop every writer; the server ends such a transaction after a minute.
  const pool =
    options.pool ??
    new pg.Pool({ connectionString: options.connectionString, idle_in_transaction_session_timeout: 60_000 });
  // An idle pooled connection that dies emits 'error' on the pool; unhandled, it would crash the process.
  if (ownsPool) pool.on('error', () => undefined);
  try {
    if (options.migrate ?? true) await migrate(pool, schema);
  } catch (error) {
    if (ownsPool) await pool.end();
    throw error;
  }
  return new PostgresEventStore(pool, ownsPool, schema, options);
}

/**
 * Appends: one round trip each, and group commit. An append is one call of
 * the PL/pgSQL function `append_events_v1` (schema.ts) in autocommit, which
 * takes the append lock, checks, inserts, notifies and commits server-side.
 * Appends issued while calls are in flight queue, and the next call sends
 * them all: one transaction, one lock acquisition, one NOTIFY and one WAL
 * flush per group, each append still succeeding or failing on its own.
 */
class PostgresEventStore implements EventStore {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #table: string;
  readonly #appendFunction: string;
  readonly #statementName: string;
  readonly #queue: PendingAppend[] = [];
  #inFlight = 0;
  readonly #channel: string;
  readonly #signal = new ChangeSignal();
  readonly #subscriptions = new SubscriptionRegistry();
  readonly #listener: NotificationListener | undefined;
  readonly #options: PostgresEventStoreOptions;
  #closed = false;

  constructor(pool: pg.Pool, ownsPool: boolean, schema: string, options: PostgresEventStoreOptions) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
    this.#options = options;
    this.#table = `"${schema}".events`;
    this.#channel = channelOf(schema);
    this.#appendFunction = appendFunctionOf(schema);
    // Prepared once per connection; named per schema, since the text differs.
    this.#statementName = `ejp_append_v1_${schema}`;
    this.#listener =
      (options.listen ?? true) ? new NotificationListener(pool.options, this.#channel, this.#signal) : undefined;
  }

  /**
   * Validates here, then queues: the append goes out in the next group call
   * (see the class comment), and this resolves or rejects with its own row
   * of the group's answer.
   */
  appendToStream(stream: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    try {
      const expected = options.expectedRevision ?? 'any';
      const batch = validateAppend(stream, events, expected);
      const data = batch.map((event) => JSON.stringify(event.data));
      const metadata = batch.map((event) => JSON.stringify(event.metadata ?? {}));
      return new Promise<AppendResult>((resolve, reject) => {
        this.#queue.push({ stream, expected, batch, data, metadata, resolve, reject });
        this.#flush();
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Sends queued appends, one group per call, at most `maxInFlight` calls at a time. */
  #flush(): void {
    while (this.#inFlight < maxInFlight && this.#queue.length > 0) {
      const group = this.#queue.splice(0, maxGroup);
      this.#inFlight++;
      void this.#send(group).finally(() => {
        this.#inFlight--;
        this.#flush();
      });
    }
  }

  /**
   * One group call. If the call itself fails (not a check: a lost connection,
   * a value the server refuses), the appends of a group are retried one by
   * one, so that one bad append fails alone. Retrying is safe even if the
   * failed call did commit: the ids are then stored at the same place, and
   * the retry answers the first result.
   */
  async #send(group: PendingAppend[]): Promise<void> {
    let rows: AppendRow[];
    try {
      rows = await this.#call(group);
    } catch (error) {
      if (group.length === 1) group[0]!.reject(error);
      else for (const append of group) await this.#send([append]);
      return;
    }
    let appended = false;
    for (const [i, append] of group.entries()) {
      const row = rows.find((r) => r.n === i + 1);
      try {
        if (!row) throw new Error(`append to ${append.stream}: no answer from the append function`);
        const head = row.head === null ? undefined : BigInt(row.head);
        if (row.status === 'appended') {
          appended = true;
          const first = head === undefined ? 0n : head + 1n;
          append.resolve({ nextExpectedRevision: first + BigInt(append.batch.length - 1), position: BigInt(row.last_position!) });
          continue;
        }
        // Not appended: the shared rules turn what the server found into the result of a retry or the typed error.
        const stored: StoredPlace[] = (row.stored_ids ?? []).map((id, k) => ({
          id,
          stream: row.stored_streams![k]!,
          revision: BigInt(row.stored_revisions![k]!),
          position: BigInt(row.stored_positions![k]!),
        }));
        const decision = decideAppend(append.stream, append.batch, append.expected, head, stored);
        if (decision.kind !== 'already-appended') throw new Error(`append to ${append.stream}: refused (${row.status}) though the rules allow it`);
        append.resolve(decision.result);
      } catch (error) {
        append.reject(error);
      }
    }
    if (appended) this.#signal.notify(); // local subscribers need not wait for the NOTIFY round trip
  }

  /** One round trip in autocommit; with the beforeCommit test hook, an explicit transaction around it. */
  async #call(group: PendingAppend[]): Promise<AppendRow[]> {
    const query = {
      name: this.#statementName,
      text: `SELECT * FROM ${this.#appendFunction}($1::text[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::json[], $7::json[], $8::boolean)`,
      values: [
        group.map((a) => a.stream),
        group.map((a) => String(a.expected)),
        group.map((a) => a.batch.length),
        group.flatMap((a) => a.batch.map((event) => event.id)),
        group.flatMap((a) => a.batch.map((event) => event.type)),
        group.flatMap((a) => a.data),
        group.flatMap((a) => a.metadata),
        !this.#options.testing?.withoutAppendLock,
      ],
    };
    const beforeCommit = this.#options.testing?.beforeCommit;
    if (!beforeCommit) return (await this.#pool.query<AppendRow>(query)).rows;
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<AppendRow>(query);
      for (const [i, append] of group.entries()) {
        if (rows.find((r) => r.n === i + 1)?.status === 'appended') await beforeCommit(append.stream);
      }
      await client.query('COMMIT');
      return rows;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const values: unknown[] = [stream, limitOf(options.maxCount)];
    let from = '';
    if (options.fromRevision !== undefined) {
      values.push(options.fromRevision.toString());
      from = `AND revision ${backwards ? '<=' : '>='} $3`;
    }
    const { rows } = await this.#pool.query<EventRow>(
      `SELECT * FROM ${this.#table} WHERE stream_name = $1 ${from} ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT $2`,
      values,
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { streamPrefixes, eventTypes } = options.filter ?? {};
    const values: unknown[] = [(options.after ?? 0n).toString(), limitOf(options.maxCount)];
    const where = ['position > $1'];
    if (streamPrefixes) {
      values.push(streamPrefixes);
      // starts_with, not LIKE: stream names may contain % and _.
      where.push(`EXISTS (SELECT 1 FROM unnest($${values.length}::text[]) p WHERE starts_with(stream_name, p))`);
    }
    if (eventTypes) {
      values.push(eventTypes);
      where.push(`event_type = ANY($${values.length}::text[])`);
    }
    const { rows } = await this.#pool.query<EventRow>(
      `SELECT * FROM ${this.#table} WHERE ${where.join(' AND ')} ORDER BY position LIMIT $2`,
      values,
    );
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    if (this.#closed) throw new Error('event store is closed');
    void this.#listener?.ensureStarted();
    const source = {
      readAll: (o: ReadAllOptions) => this.readAll(o),
      signal: this.#signal,
      pollIntervalMs: this.#options.pollIntervalMs ?? 1_000,
      batchSize: this.#options.batchSize ?? 500,
    };
    return this.#subscriptions.add(startCatchUp(source, options));
  }

  async ping(): Promise<void> {
    await this.#pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#subscriptions.stopAll();
    await this.#listener?.close();
    if (this.#ownsPool) await this.#pool.end();
  }
}

/** NULL means no limit in PostgreSQL. */
function limitOf(maxCount: number | undefined): number | null {
  if (maxCount === undefined) return null;
  if (!Number.isInteger(maxCount) || maxCount < 0) throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  return maxCount;
}
