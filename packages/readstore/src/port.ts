/**
 * The read-model store port: collections of JSON documents keyed by id, written
 * idempotently by the projector and queried by the journey API. Adapters: SQLite
 * (embedded, standalone mode) and MongoDB (distributed mode; FerretDB for local runs).
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * A stream revision (or any number the projector keeps increasing per document).
 * bigint is accepted because event-store revisions are bigint; it must fit a safe integer.
 */
export type Revision = number | bigint;

export interface StoredDocument<T = JsonObject> {
  id: string;
  /** The revision last applied by upsertIfNewer; undefined for documents written by putIfAbsent. */
  revision: number | undefined;
  doc: T;
  /**
   * The revision last applied per source stream by writeBatch (`{ 'journey-42': 7 }`);
   * absent for documents no batch wrote. Guards kept apart (DocumentWrite.guard) are not
   * among them: reading a document never reads its guards table.
   */
  sourceRevisions?: Readonly<Record<string, number>>;
}

/**
 * What upsertIfNewer does to a document: swap the whole body, or change fields.
 * Field names are dotted paths (`a.b`) of identifier segments; one change may not
 * name a path and its parent. `inc` starts from 0 for a missing field.
 */
export type DocumentChange =
  | { replace: JsonObject }
  | {
      set?: Readonly<Record<string, JsonValue>>;
      unset?: readonly string[];
      inc?: Readonly<Record<string, number>>;
    };

/** A range on one field; bounds are all strings or all numbers (fields keep one type: see README). */
export interface Range {
  gt?: string | number;
  gte?: string | number;
  lt?: string | number;
  lte?: string | number;
}

/** Equality with a scalar (null matches a missing field too), or a range. */
export type Condition = string | number | boolean | null | Range;

export interface OrderBy {
  field: string;
  direction?: 'asc' | 'desc';
}

export interface Query {
  /** All conditions must hold. Keys are dotted field paths. */
  where?: Readonly<Record<string, Condition>>;
  /**
   * Sort fields; the id breaks ties (in the last field's direction). Documents
   * without a string or number value in a sort field are left out: they have no
   * place in the keyset order.
   */
  orderBy?: readonly OrderBy[];
  /** Page size, 1..1000 (default 100). */
  limit?: number;
  /** `nextCursor` of the previous page of the same query (same orderBy). */
  cursor?: string;
}

export interface Page<T = JsonObject> {
  items: StoredDocument<T>[];
  /** Present when more items may follow; opaque (base64url keyset of the last item). */
  nextCursor?: string;
}

/**
 * One document change of a batch (writeBatch). A document remembers, per source
 * stream, the revision last applied from it: the change applies only when that
 * revision is below `revision` (or the document is missing, or has none for the
 * source), and records it. Redelivered events therefore change nothing, while a
 * document fed by many streams (a recipient of kudos from many givers) counts
 * each stream's events once.
 */
export interface DocumentWrite {
  collection: string;
  id: string;
  /** The stream the change comes from (`journey-<employeeId>`). */
  source: string;
  /** The event's revision in `source`. */
  revision: Revision;
  change: DocumentChange;
  /**
   * Where the store keeps this write's guard (default 'with-document'):
   * - 'with-document': in the document itself, read back as sourceRevisions; the guard costs
   *   nothing extra, but the document grows by one entry per source stream.
   * - 'apart': in a guards table of the collection keyed by (document, source), so the body
   *   stays the size of its fields however many streams feed it (a survey's results: one
   *   stream per response). Costs an extra guard lookup and write (in the same transaction
   *   on SQLite; on MongoDB, which has no transaction here, the guard goes into the document
   *   with the change, atomically, and is moved to the guards collection after).
   * Keep one placement for all writes of a document: each is checked against its own place.
   */
  guard?: GuardPlacement;
}

export type GuardPlacement = 'with-document' | 'apart';

/** Fields of one (compound) index, e.g. ['employeeId', 'at']; the id is appended as the tiebreaker. */
export type IndexFields = readonly string[];

export interface ReadStore {
  get<T = JsonObject>(collection: string, id: string): Promise<StoredDocument<T> | undefined>;

  /**
   * Applies `change` only if the document is missing or its last-applied revision
   * is below `revision`, atomically (no transaction): replaying an event changes
   * nothing. Returns whether it applied.
   */
  upsertIfNewer(collection: string, id: string, revision: Revision, change: DocumentChange): Promise<boolean>;

  /** The documents of these ids that exist, by id (one query, however many ids: up to 1000). */
  getMany<T = JsonObject>(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument<T>>>;

  /**
   * Applies the writes in order, each under its source-revision guard (see
   * DocumentWrite); returns per write whether it applied. SQLite: one
   * transaction, all or nothing. MongoDB: one bulk write per collection, in the
   * order the collections first appear (more than one only when a document is
   * written twice in the batch); not atomic, so a failure may leave a prefix of
   * collections written: the guard makes the retry of the whole batch safe, and
   * a reader that waits for a later collection (a status revision) finds the
   * earlier ones written. At most 5000 writes.
   */
  writeBatch(writes: readonly DocumentWrite[]): Promise<boolean[]>;

  /** Inserts unless the id exists (timeline items keyed by event id). Returns whether it inserted. */
  putIfAbsent(collection: string, id: string, doc: JsonObject): Promise<boolean>;

  /** Removes one document (e.g. erasure). Returns whether it existed. */
  delete(collection: string, id: string): Promise<boolean>;

  query<T = JsonObject>(collection: string, query?: Query): Promise<Page<T>>;

  /**
   * Creates the indexes (idempotent) and remembers them: this store re-creates them
   * when it next writes the collection after deleteCollection or drop.
   */
  declareIndexes(collection: string, indexes: readonly IndexFields[]): Promise<void>;

  /**
   * Runs a rebuild's writes (`work`) without a sync per commit, and makes all of
   * them durable once before it resolves. Safe because a read model is rebuilt
   * from the event store, which synced every event: a crash in the middle loses
   * the rebuild, which is started again (its versions are recorded only after).
   * SQLite: `synchronous = NORMAL` on this connection meanwhile (WAL: unsynced commits,
   * never a corrupt file; other connections are unaffected), then FULL again and a
   * checkpoint, which syncs the file. MongoDB: just runs `work` (the server owns its journal).
   */
  bulkLoad<R>(work: () => Promise<R>): Promise<R>;

  /** Drops one collection (rebuild of one read model). */
  deleteCollection(collection: string): Promise<void>;

  /** Drops every collection and all meta values of this store (full rebuild). */
  drop(): Promise<void>;

  /** Small values for the projector (read-model schema version, checkpoints); dropped with drop(). */
  getMeta(key: string): Promise<JsonValue | undefined>;
  setMeta(key: string, value: JsonValue): Promise<void>;

  /** Resolves when the store answers (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
