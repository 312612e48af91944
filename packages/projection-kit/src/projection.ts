import type { DocumentWrite, IndexFields, ReadStore, StoredDocument } from '@ejp/readstore';
import type { DocumentReader } from './rebuild-reader.ts';
import type { ProjectedEvent } from './projected-event.ts';

/** The event types a projection handles, or every event of its streams (unknown types included, with empty data). */
export type CanHandle = readonly string[] | 'every-event';

/** A collection a projection owns: init declares its indexes, truncate empties it, rebuild refills it. */
export interface OwnedCollection {
  collection: string;
  indexes: readonly IndexFields[];
}

/**
 * What the runner and rebuild know of a projection, whichever way it was
 * declared (singleStreamProjection, fanOutProjection).
 */
export interface Projection {
  /** Unique among the projections of one store: keys its version. */
  readonly name: string;
  /** Bump it when the documents it writes change meaning or shape: the store then needs a rebuild of it. */
  readonly version: number;
  readonly collections: readonly OwnedCollection[];
  /** Whether this projection wants the event (its type and its stream's category). */
  handles(event: ProjectedEvent): boolean;
  /**
   * The document writes of one batch's events: every stream's events in
   * revision order, redelivered ones included. Each write carries its source
   * stream and revision, so the store skips what was applied before. Reads
   * (of the documents it folds) go through `reader`.
   */
  writesOf(events: readonly ProjectedEvent[], reader: DocumentReader): Promise<DocumentWrite[]>;
  /** Creates what the documents need (default: the collections' indexes). Idempotent. */
  init(store: ReadStore): Promise<void>;
  /** Empties the projection before a rebuild (default: deletes its collections). */
  truncate(store: ReadStore): Promise<void>;
}

/** What both ways of declaring a projection share. */
export interface ProjectionBasics {
  name: string;
  version: number;
  canHandle: CanHandle;
  /** Replaces the default init (declare the collections' indexes). */
  init?: (store: ReadStore) => Promise<void>;
  /** Replaces the default truncate (delete the collections). */
  truncate?: (store: ReadStore) => Promise<void>;
}

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

/** The Projection of a declaration; `writesOf` and `handlesCategory` come from the declaring helper. */
export function projectionOf(
  basics: ProjectionBasics,
  collections: readonly OwnedCollection[],
  handlesCategory: (event: ProjectedEvent) => boolean,
  writesOf: Projection['writesOf'],
): Projection {
  if (!NAME.test(basics.name)) throw new Error(`projection ${basics.name}: use lower-case words joined by '-'`);
  if (!Number.isInteger(basics.version) || basics.version < 1) throw new Error(`projection ${basics.name}: version must be an integer >= 1`);
  const types = basics.canHandle === 'every-event' ? undefined : new Set(basics.canHandle);
  return Object.freeze({
    name: basics.name,
    version: basics.version,
    collections,
    handles: (event: ProjectedEvent) => handlesCategory(event) && (types === undefined || types.has(event.type)),
    writesOf,
    init:
      basics.init ??
      (async (store: ReadStore) => {
        for (const { collection, indexes } of collections) await store.declareIndexes(collection, indexes);
      }),
    truncate:
      basics.truncate ??
      (async (store: ReadStore) => {
        for (const { collection } of collections) await store.deleteCollection(collection);
      }),
  });
}

/** Events grouped by stream, each stream's in the order given (the bus delivers them in revision order). */
export function byStream(events: readonly ProjectedEvent[]): Map<string, ProjectedEvent[]> {
  const streams = new Map<string, ProjectedEvent[]>();
  for (const event of events) {
    const list = streams.get(event.stream) ?? [];
    list.push(event);
    streams.set(event.stream, list);
  }
  return streams;
}

/** getMany for any number of ids (the port takes 1000 per call). */
export async function getAll<T>(store: DocumentReader, collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument<T>>> {
  const found = new Map<string, StoredDocument<T>>();
  for (let i = 0; i < ids.length; i += 1000) {
    for (const [id, doc] of await store.getMany<T>(collection, ids.slice(i, i + 1000))) found.set(id, doc);
  }
  return found;
}
