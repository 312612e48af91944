import type { StreamCategory } from '@ejp/contracts';
import type { ReadModel, ReadModelDocument } from '@ejp/contracts/read-models';
import type { DocumentWrite, JsonObject } from '@ejp/readstore';
import type { ProjectedEvent } from './projected-event.ts';
import { byStream, getAll, type Projection, type ProjectionBasics, projectionOf } from './projection.ts';

export interface SingleStreamProjectionInput<M extends ReadModel> extends ProjectionBasics {
  /** Where the documents live and what they look like (one document per stream subject). */
  readModel: M;
  /** The streams it follows: one document per subject of this category (`journey-42` → document `42`). */
  category: StreamCategory;
  /** The document before the stream's first event that this projection handles. */
  initial(event: ProjectedEvent): ReadModelDocument<M>;
  /** The document after one more event. Pure, and times from the event only: a replay writes the same document. */
  evolve(document: ReadModelDocument<M>, event: ProjectedEvent): ReadModelDocument<M>;
}

/**
 * A projection with one document per stream subject, folded event by event
 * (the journey status). Per batch: one getMany of the documents, the fold in
 * memory from each document's last applied revision of its stream (events at
 * or below it are redeliveries and skipped), and one replace per document,
 * guarded by that stream's new revision. Only the stream's own consumer
 * writes the document (order per subject holds on every bus), so a replace
 * computed from a read is safe here; documents fed by many streams are
 * fan-out projections, written by patches.
 */
export function singleStreamProjection<M extends ReadModel>(input: SingleStreamProjectionInput<M>): Projection {
  const { readModel, category } = input;
  return projectionOf(
    input,
    [{ collection: readModel.collection, indexes: readModel.indexes }],
    (event) => event.category === category,
    async (events, store) => {
      const streams = byStream(events);
      const subjects = [...streams.values()].map((list) => list[0]!.subject);
      const stored = await getAll<ReadModelDocument<M>>(store, readModel.collection, subjects);
      const writes: DocumentWrite[] = [];
      for (const [stream, list] of streams) {
        const id = list[0]!.subject;
        const found = stored.get(id);
        const before = found?.sourceRevisions?.[stream] ?? -1;
        let last = before;
        let document = found?.doc;
        for (const event of list) {
          if (event.revision <= last) continue;
          document = input.evolve(document ?? input.initial(event), event);
          last = event.revision;
        }
        if (last > before) {
          writes.push({ collection: readModel.collection, id, source: stream, revision: last, change: { replace: document as JsonObject } });
        }
      }
      return writes;
    },
  );
}
