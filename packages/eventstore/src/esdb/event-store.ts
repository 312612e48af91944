import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START, WrongExpectedVersionError } from '@eventstore/db-client';
import { type StoredPlace, validateAppend } from '../append-rules.ts';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamRevision,
  SubscribeToAllOptions,
  Subscription,
} from '../port.ts';
import { SubscriptionRegistry } from '../subscriptions/catch-up.ts';
import { refuseDayPrecision } from '../timestamp-precision.ts';
import { appendIdempotently, type DuplicateIdCheck, type LookupScope } from './append.ts';
import { planFilter } from './filter.ts';
import { claimIds } from './id-index.ts';
import {
  checkMaxCount,
  fromEsdbCurrentRevision,
  fromEsdbPosition,
  headerOf,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toEventData,
  toRecordedEvent,
} from './mapping.ts';
import { drain } from './reads.ts';
import { startSubscription } from './subscription.ts';

export interface EsdbEventStoreOptions {
  /** `esdb://host:2113?tls=false`, `esdb+discover://...` for a cluster; see the client's connection string docs. */
  connectionString: string;
  /** How appends find out whether their ids are stored (default 'index'); see DuplicateIdCheck. */
  duplicateIdCheck?: DuplicateIdCheck;
  /** Events per $all read in readAll (default 1000): filters run client-side, so a page may yield few matches. */
  readBatchSize?: number;
  /** Deadline of ping() in ms (default 5000). */
  pingTimeoutMs?: number;
}

/** The EventStoreDB event store; see README "EventStoreDB adapter" for idempotency, positions and filters. */
export async function openEsdbEventStore(options: EsdbEventStoreOptions): Promise<EventStore> {
  // The client connects lazily: a wrong address surfaces at the first call (ping() at startup catches it).
  return new EsdbEventStore(EventStoreDBClient.connectionString(options.connectionString), options);
}

class EsdbEventStore implements EventStore {
  readonly #client: EventStoreDBClient;
  readonly #subscriptions = new SubscriptionRegistry();
  readonly #duplicateIdCheck: DuplicateIdCheck;
  readonly #readBatchSize: number;
  readonly #pingTimeoutMs: number;
  #closed = false;

  constructor(client: EventStoreDBClient, options: EsdbEventStoreOptions) {
    this.#client = client;
    this.#duplicateIdCheck = options.duplicateIdCheck ?? 'index';
    this.#readBatchSize = Math.max(1, options.readBatchSize ?? 1_000);
    this.#pingTimeoutMs = options.pingTimeoutMs ?? 5_000;
  }

  async appendToStream(stream: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    const batch = validateAppend(stream, events, expected);
    refuseDayPrecision(stream, 'EventStoreDB');
    return appendIdempotently(stream, batch, expected, this.#duplicateIdCheck, {
      claim: () => claimIds(this.#client, stream, batch.map((event) => event.id)),
      findStored: (scope) => this.#findStored(stream, batch, expected, scope),
      send: async () => {
        try {
          const result = await this.#client.appendToStream(stream, batch.map(toEventData), {
            expectedRevision: toEsdbExpectedRevision(expected),
          });
          if (!result.position) throw new Error(`EventStoreDB acknowledged the append to ${stream} without a position`);
          return { nextExpectedRevision: result.nextExpectedRevision, position: fromEsdbPosition(result.position) };
        } catch (error) {
          if (error instanceof WrongExpectedVersionError) return { conflict: fromEsdbCurrentRevision(error.actualVersion) };
          throw error;
        }
      },
    });
  }

  /** Where the batch's ids are in this stream, reading only the events `scope` asks for. */
  async #findStored(
    stream: string,
    batch: readonly EventToAppend[],
    expected: ExpectedRevision,
    scope: LookupScope,
  ): Promise<StoredPlace[]> {
    const ids = new Set(batch.map((event) => event.id));
    const fromRevision = scope === 'whole-stream' ? START : expected === 'no-stream' ? 0n : (expected as bigint) + 1n;
    const maxCount = scope === 'whole-stream' ? undefined : batch.length;
    const found: StoredPlace[] = [];
    await drain(this.#client.readStream(stream, { fromRevision, maxCount, direction: FORWARDS }), (resolved) => {
      // Compare ids before converting: a whole-stream look-up touches every event.
      const id = resolved.event?.id.toLowerCase();
      if (id !== undefined && ids.has(id)) {
        const event = toRecordedEvent(resolved)!;
        found.push({ id, stream: event.streamName, revision: event.revision, position: event.position });
      }
      return true;
    });
    return found;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = checkMaxCount(options.maxCount);
    if (maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    let fromRevision = options.fromRevision;
    if (backwards && fromRevision !== undefined && maxCount !== undefined) {
      // The server reads backwards the window [from - maxCount + 1, from], not "maxCount events at or
      // below from": past the end of the stream the window would hold fewer events. Start at the head.
      const head = await this.#headRevision(stream);
      if (head === undefined) return [];
      if (fromRevision > head) fromRevision = head;
    }
    const events: RecordedEvent[] = [];
    await drain(
      this.#client.readStream(stream, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: fromRevision ?? (backwards ? END : START),
        maxCount,
      }),
      (resolved) => {
        const event = toRecordedEvent(resolved);
        if (event) events.push(event);
        return true;
      },
    );
    return events;
  }

  async #headRevision(stream: string): Promise<StreamRevision | undefined> {
    let head: StreamRevision | undefined;
    await drain(this.#client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }), (resolved) => {
      head = resolved.event?.revision;
      return false;
    });
    return head;
  }

  /**
   * Pages through $all from `after` and filters client-side (the v6 client
   * sends no filter on reads). The server starts a read *at* the given
   * position (inclusive), so we ask for one more and drop what is not
   * strictly after. A page shorter than asked means the end of $all.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = checkMaxCount(options.maxCount) ?? Number.POSITIVE_INFINITY;
    if (maxCount === 0) return [];
    const plan = planFilter(options.filter);
    const filtered = options.filter?.streamPrefixes !== undefined || options.filter?.eventTypes !== undefined;
    const events: RecordedEvent[] = [];
    let after = options.after;
    for (;;) {
      const wanted = filtered ? this.#readBatchSize : Math.min(this.#readBatchSize, maxCount - events.length);
      const asked = wanted + (after === undefined ? 0 : 1);
      let last = after;
      let full = false;
      const received = await drain(
        this.#client.readAll({ fromPosition: after === undefined ? START : toEsdbPosition(after), maxCount: asked }),
        (resolved) => {
          const header = headerOf(resolved);
          const event = header && plan.accepts(header) ? toRecordedEvent(resolved) : undefined;
          const position = event?.position ?? resolved.event?.position.commit;
          if (position === undefined || (after !== undefined && position <= after)) return true;
          last = position;
          if (event) events.push(event);
          full = events.length >= maxCount;
          return !full;
        },
      );
      if (full || received < asked || last === after) return events;
      after = last;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    if (this.#closed) throw new Error('event store is closed');
    return this.#subscriptions.add(startSubscription(this.#client, options));
  }

  /** Reads a user stream that normally does not exist: needs no $all or system-stream rights. */
  async ping(): Promise<void> {
    await drain(this.#client.readStream('ejp-ping', { maxCount: 1, deadline: this.#pingTimeoutMs }), () => false);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#subscriptions.stopAll();
    await this.#client.dispose();
  }
}
