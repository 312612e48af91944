import type { StreamCategory } from '@ejp/contracts';
import type { ReadModel, ReadModelDocument } from '@ejp/contracts/read-models';
import type { DocumentChange, DocumentWrite, GuardPlacement, JsonObject } from '@ejp/readstore';
import type { ProjectedEvent } from './projected-event.ts';
import { byStream, getAll, type OwnedCollection, type Projection, type ProjectionBasics, projectionOf } from './projection.ts';
import type { DocumentReader } from './rebuild-reader.ts';

/** One document one event changes. */
export interface DocumentTarget {
  readModel: ReadModel;
  id: string;
  /** A patch (`set`, `inc`...) is safe on a document many streams feed; `replace` only on one a single stream owns. */
  change: DocumentChange;
  /**
   * 'apart' for a document an unbounded number of streams feed (a survey's
   * results: a stream per response), so that its guards do not grow its body
   * (DocumentWrite.guard); the same for every target of that document.
   */
  guard?: GuardPlacement;
}

/** A target whose change replaces the whole document, typed by its read model. */
export function put<M extends ReadModel>(readModel: M, id: string, document: ReadModelDocument<M>): DocumentTarget {
  return { readModel, id, change: { replace: document as JsonObject } };
}

/**
 * What a fan-out projection remembers per stream between events (the
 * timeline: the stage and the plan's task titles, so that each entry shows
 * them as they were when it happened). The runner keeps it in `collection`,
 * one document per stream, written after the stream's documents in the same
 * batch write: when a crash cut the batch short, the state is the older one
 * and the redelivered events recompute the same documents.
 */
export interface StreamState<S extends object> {
  collection: string;
  initial(): S;
  /** Pure; handed every event the projection handles. */
  evolve(state: S, event: ProjectedEvent): S;
}

export interface FanOutProjectionInput<S extends object, P = undefined> extends ProjectionBasics {
  /** Every read model it writes. */
  readModels: readonly ReadModel[];
  /** The streams it reads (default: every declared category). */
  categories?: readonly StreamCategory[];
  /**
   * Looks up, once per batch, what `documents` needs from other read models
   * (a department's members, the recognition a withdrawal names). Reads see
   * earlier batches only: it accounts for the batch's own events itself.
   */
  prepare?(events: readonly ProjectedEvent[], reader: DocumentReader): Promise<P>;
  /** The documents one event changes: any number, any ids (an entry per event, a document per recipient...). */
  documents(event: ProjectedEvent, state: S, prepared: P): readonly DocumentTarget[];
  streamState?: StreamState<S>;
}

/**
 * A projection in which one event changes any number of documents (a
 * recognition → each recipient's timeline and counters). Every write is
 * guarded by the event's own stream and revision, so a document fed by many
 * streams counts each stream's events once, and needs no read: patches apply
 * to the document as stored, whoever else writes it concurrently.
 */
export function fanOutProjection<S extends object = Record<string, never>, P = undefined>(input: FanOutProjectionInput<S, P>): Projection {
  const { streamState } = input;
  const collections: OwnedCollection[] = input.readModels.map((m) => ({ collection: m.collection, indexes: m.indexes }));
  if (streamState) collections.push({ collection: streamState.collection, indexes: [] });
  const categories = input.categories && new Set(input.categories);
  const written = new Set(input.readModels);
  const writesOf = (event: ProjectedEvent, state: S, prepared: P): DocumentWrite[] =>
    input.documents(event, state, prepared).map((target) => {
      if (!written.has(target.readModel)) throw new Error(`projection ${input.name} wrote ${target.readModel.collection}, which is not among its readModels`);
      const write: DocumentWrite = { collection: target.readModel.collection, id: target.id, source: event.stream, revision: event.revision, change: target.change };
      if (target.guard) write.guard = target.guard;
      return write;
    });

  return projectionOf(
    input,
    collections,
    (event) => categories === undefined || categories.has(event.category),
    async (events, store) => {
      const prepared = (input.prepare && events.length > 0 ? await input.prepare(events, store) : undefined) as P;
      if (!streamState) return events.flatMap((event) => writesOf(event, {} as S, prepared));
      const streams = byStream(events);
      const states = await getAll<S>(store, streamState.collection, [...streams.keys()]);
      const documentWrites: DocumentWrite[] = [];
      const stateWrites: DocumentWrite[] = [];
      for (const [stream, list] of streams) {
        const found = states.get(stream);
        const before = found?.sourceRevisions?.[stream] ?? -1;
        let last = before;
        let state = found?.doc ?? streamState.initial();
        for (const event of list) {
          if (event.revision <= last) continue;
          documentWrites.push(...writesOf(event, state, prepared));
          state = streamState.evolve(state, event);
          last = event.revision;
        }
        if (last > before) {
          stateWrites.push({ collection: streamState.collection, id: stream, source: stream, revision: last, change: { replace: state as JsonObject } });
        }
      }
      return [...documentWrites, ...stateWrites];
    },
  );
}
