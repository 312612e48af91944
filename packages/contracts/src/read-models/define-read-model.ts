import type { z } from 'zod';

/**
 * A read model as writer (a projection) and readers (the journey API, later
 * analytics) both know it: where its documents live and what they look like.
 * The projection types its documents as `z.output<typeof schema>`; an API
 * derives its response schemas from `schema` (`.omit`, `.pick`, `.extend`),
 * so a field is declared once. A rename is still a breaking change for
 * readers (and a rebuild: bump the projection's version).
 */
export interface ReadModel<S extends z.ZodObject = z.ZodObject> {
  /** The read-store collection (also the rebuild's unit of truncation). */
  readonly collection: string;
  /** One stored document. */
  readonly schema: S;
  /** What the id of a document is, in words (the event id, the employee id). */
  readonly idIs: string;
  /** The indexes the readers' queries rely on; the projection declares them at init. */
  readonly indexes: readonly (readonly string[])[];
}

export type ReadModelDocument<M extends ReadModel> = z.output<M['schema']>;

const COLLECTION = /^[a-z][a-z0-9_]{0,47}$/;

export function defineReadModel<S extends z.ZodObject>(model: ReadModel<S>): ReadModel<S> {
  // The read store's rule for collection names, checked here so a bad name fails at import, not at the first write.
  if (!COLLECTION.test(model.collection)) throw new Error(`read model ${model.collection}: the collection must match ${COLLECTION.source}`);
  return Object.freeze({ ...model, indexes: Object.freeze(model.indexes.map((fields) => Object.freeze([...fields]))) });
}
