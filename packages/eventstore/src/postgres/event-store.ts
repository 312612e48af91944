import pg from 'pg';
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
import { NotificationListener } from './listener.ts';
import { type EventRow, toRecordedEvent } from './rows.ts';
import { channelOf, checkSchemaName, lockKey, migrate } from './schema.ts';

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
    /** Runs inside the append transaction after the insert, with the append lock held. */
    beforeCommit?: (stream: string) => Promise<void>;
    /** Leaves out the append lock, to show the gap problem the lock prevents. Unsafe. */
    withoutAppendLock?: boolean;
  };
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

class PostgresEventStore implements EventStore {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #table: string;
  readonly #beginAndLock: string;
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
    // One simple-protocol round trip. The lock is its own statement: under READ COMMITTED each later
    // statement takes a fresh snapshot, so it sees every append that committed while we waited.
    this.#beginAndLock = options.testing?.withoutAppendLock
      ? 'BEGIN'
      : `BEGIN; SELECT pg_advisory_xact_lock(${lockKey('append', schema)})`;
    this.#listener =
      (options.listen ?? true) ? new NotificationListener(pool.options, this.#channel, this.#signal) : undefined;
  }

  async appendToStream(stream: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    const batch = validateAppend(stream, events, expected);
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(this.#beginAndLock);
      const { rows } = await client.query<{ id: string | null; stream_name: string; revision: string | null; position: string }>(
        `SELECT event_id::text AS id, stream_name, revision::text, position::text FROM ${this.#table} WHERE event_id = ANY($1::uuid[])
         UNION ALL
         SELECT NULL, $2, max(revision)::text, NULL FROM ${this.#table} WHERE stream_name = $2`,
        [batch.map((event) => event.id), stream],
      );
      const stored: StoredPlace[] = rows
        .filter((row) => row.id !== null)
        .map((row) => ({ id: row.id!, stream: row.stream_name, revision: BigInt(row.revision!), position: BigInt(row.position) }));
      const head = rows.find((row) => row.id === null)?.revision;
      const decision = decideAppend(stream, batch, expected, head == null ? undefined : BigInt(head), stored);
      if (decision.kind === 'already-appended') {
        await client.query('ROLLBACK');
        return decision.result;
      }
      const inserted = await client.query<{ position: string }>(
        `WITH inserted AS (
           INSERT INTO ${this.#table} (event_id, stream_name, revision, event_type, data, metadata)
           SELECT id, $2, $3::bigint + ord - 1, type, data, metadata
           FROM unnest($1::uuid[], $4::text[], $5::json[], $6::json[]) WITH ORDINALITY AS b(id, type, data, metadata, ord)
           ORDER BY ord
           RETURNING position
         )
         SELECT max(position)::text AS position, pg_notify($7, '') FROM inserted`,
        [
          batch.map((event) => event.id),
          stream,
          decision.firstRevision.toString(),
          batch.map((event) => event.type),
          batch.map((event) => JSON.stringify(event.data)),
          batch.map((event) => JSON.stringify(event.metadata ?? {})),
          this.#channel,
        ],
      );
      await this.#options.testing?.beforeCommit?.(stream);
      await client.query('COMMIT');
      this.#signal.notify(); // local subscribers need not wait for the NOTIFY round trip
      return {
        nextExpectedRevision: decision.firstRevision + BigInt(batch.length - 1),
        position: BigInt(inserted.rows[0]!.position),
      };
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
