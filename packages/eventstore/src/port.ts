/**
 * The event-store port. The event store is the platform's source of truth;
 * every adapter (SQLite, PostgreSQL, EventStoreDB) implements this interface
 * and passes the one contract suite in `test/contract/` (`@ejp/eventstore/testing`).
 *
 * Revisions and positions are bigint everywhere (EventStoreDB uses 64-bit
 * unsigned values); where they cross JSON they are serialized as strings.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Zero-based revision of an event inside its stream. */
export type StreamRevision = bigint;

/** Position of an event in the store-wide order (readAll / subscribeToAll). */
export type GlobalPosition = bigint;

/**
 * What the writer believes about the stream before appending:
 * - 'no-stream': the stream must not exist yet;
 * - 'exists': the stream must have at least one event;
 * - 'any': no check;
 * - a bigint: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = 'no-stream' | 'exists' | 'any' | StreamRevision;

export interface EventToAppend {
  /** Unique event id: a UUID (any version), stored and returned lower-case. Appending an id that is already stored at the same place is a no-op. */
  id: string;
  type: string;
  data: JsonObject;
  /** Envelope fields that are not data: version, actor, correlation/causation ids, traceparent, occurredAt... */
  metadata?: JsonObject;
}

export interface RecordedEvent {
  id: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
  streamName: string;
  revision: StreamRevision;
  position: GlobalPosition;
  recordedAt: Date;
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision; // default 'any'
}

export interface AppendResult {
  /** Revision of the last event now in the stream: pass it as the next expectedRevision. */
  nextExpectedRevision: StreamRevision;
  /** Global position of the last appended event. */
  position: GlobalPosition;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards'; // default 'forwards'
  /** Inclusive start revision; default the first (forwards) or last (backwards) event. */
  fromRevision?: StreamRevision;
  maxCount?: number;
}

export interface AllFilter {
  /** Only streams whose name starts with one of these prefixes. */
  streamPrefixes?: string[];
  /** Only these event types. */
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omit to start at the beginning. */
  after?: GlobalPosition;
  maxCount?: number;
  filter?: AllFilter;
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint: deliver events strictly after it. Omit to start at the beginning. */
  after?: GlobalPosition;
  filter?: AllFilter;
  /**
   * Called once per event, in global order, never concurrently. The next
   * event is delivered only after the returned promise resolves.
   */
  handler: (event: RecordedEvent) => Promise<void>;
  /** Called when the subscription fails (handler error or connection loss); the subscription is stopped. */
  onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Stops delivery; resolves once no handler call is in flight. */
  stop(): Promise<void>;
  /** Resolves when the subscription has stopped (by stop() or an error). */
  readonly done: Promise<void>;
}

export interface EventStore {
  /**
   * Appends a non-empty batch atomically at the end of the stream.
   * Idempotent by event id, however long after the first call: when every id
   * is already stored in this stream, consecutively, in batch order, where
   * this expectation would have put them, the first call's result is
   * returned and nothing is stored. Throws WrongExpectedRevisionError,
   * DuplicateEventIdError (an id stored elsewhere, or only part of the
   * batch), InvalidAppendError (malformed input; nothing is sent).
   */
  appendToStream(stream: string, events: EventToAppend[], options?: AppendOptions): Promise<AppendResult>;
  /** Events of one stream; an empty array when the stream does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch up from `after`, then go live, with no gap and no duplicate across the switch. Throws when the store is closed. */
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  /** Throws when the store cannot be reached (used by /readyz). */
  ping(): Promise<void>;
  /** Stops this store's subscriptions (their `done` resolves, onError is not called), then releases connections. Idempotent. */
  close(): Promise<void>;
}

/** Durable checkpoints for subscribers (relay, projector, in-process bus). */
export interface CheckpointStore {
  load(subscriberId: string): Promise<GlobalPosition | undefined>;
  store(subscriberId: string, position: GlobalPosition): Promise<void>;
  close(): Promise<void>;
}
