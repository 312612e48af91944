import type { DocumentWrite, JsonObject, Page, Query, ReadStore, StoredDocument } from '@ejp/readstore';

/**
 * How projections read the documents they fold (single-stream documents,
 * stream states), and query the read models they look members up in (a
 * shout-out's department). A query sees what earlier batches wrote, not the
 * current batch: a projection accounts for its own batch's events itself.
 */
export type DocumentReader = Pick<ReadStore, 'getMany' | 'query'>;

/**
 * The reader of a rebuild, which is the only writer of the collections it
 * just emptied: a document it did not write does not exist, and one it wrote
 * is what it wrote. So it answers from what it wrote, and asks the store
 * only for documents it wrote but no longer holds (it keeps at most
 * `capacity` bodies, least recently used out). A rebuild then costs writes
 * only: on FerretDB v1, whose reads scan the collection, that is most of
 * its time. Never for the live path, where another instance may have written
 * a document since (a Kafka rebalance).
 */
type Remembered = Omit<StoredDocument, 'doc'> & { doc: string };

export class RebuildReader implements DocumentReader {
  readonly #store: ReadStore;
  readonly #capacity: number;
  /**
   * Bodies by `collection/id`, in least-recently-used order (Map keeps insertion order),
   * kept as JSON text: a rebuild reads few of them back (a stream's events mostly share
   * one page), so only those are parsed.
   */
  readonly #bodies = new Map<string, Remembered>();
  /** Every document written since the truncate, kept or not. */
  readonly #written = new Set<string>();

  constructor(store: ReadStore, capacity = 20_000) {
    this.#store = store;
    this.#capacity = capacity;
  }

  async getMany<T = JsonObject>(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument<T>>> {
    const found = new Map<string, StoredDocument<T>>();
    const evicted: string[] = [];
    for (const id of ids) {
      const key = `${collection}/${id}`;
      const body = this.#bodies.get(key);
      if (body) {
        this.#bodies.delete(key);
        this.#bodies.set(key, body);
        found.set(id, { ...body, doc: JSON.parse(body.doc) as T });
      } else if (this.#written.has(key)) evicted.push(id);
    }
    if (evicted.length > 0) for (const [id, doc] of await this.#store.getMany<T>(collection, evicted)) found.set(id, doc);
    return found;
  }

  /** Queries go to the store: every earlier batch of the rebuild is written before the next one reads. */
  query<T = JsonObject>(collection: string, query?: Query): Promise<Page<T>> {
    return this.#store.query<T>(collection, query);
  }

  /**
   * Records a batch's writes once the store answered; a patch is not kept (its
   * body is the store's to compute). Without `applied` (the write failed, maybe
   * half done) the documents are read from the store from now on.
   */
  remember(writes: readonly DocumentWrite[], applied?: readonly boolean[]): void {
    writes.forEach((write, i) => {
      const key = `${write.collection}/${write.id}`;
      this.#written.add(key);
      const before = this.#bodies.get(key);
      this.#bodies.delete(key);
      if (!applied?.[i] || !('replace' in write.change)) return;
      const revision = Number(write.revision);
      // As a read would return it: JSON (undefined fields gone), and apart from the projection's objects.
      const doc = JSON.stringify(write.change.replace);
      // Documents folded by reads have one source (their stream), so nothing is lost by keeping only the known ones.
      // A guard kept apart is not read back with the document (StoredDocument.sourceRevisions), so not here either.
      const sourceRevisions = write.guard === 'apart' ? before?.sourceRevisions : { ...before?.sourceRevisions, [write.source]: revision };
      this.#bodies.set(key, { id: write.id, revision: undefined, ...(sourceRevisions ? { sourceRevisions } : {}), doc });
      if (this.#bodies.size > this.#capacity) this.#bodies.delete(this.#bodies.keys().next().value!);
    });
  }
}
