import { type AnyBulkWriteOperation, type Collection, type Filter, MongoBulkWriteError, type WriteError } from 'mongodb';
import { type CheckedWrite, isNewer } from '../batch.ts';
import { bodyForNewDocument } from '../change.ts';
import { changeUpdate, isDuplicateKey, sourceKey, sourceOlderThan, type StoredShape } from './filters.ts';

/**
 * One round of writeBatch on one collection (each document at most once, see
 * roundsOf), as a bulk write. Returns the writes that applied. Both ways
 * mirror upsertIfNewer's two strategies (read-store.ts), for many documents
 * per round trip.
 */
export type RoundWriter = (target: Collection<StoredShape>, round: readonly CheckedWrite[]) => Promise<Set<CheckedWrite>>;

/** See upsertByIdLookups: an id that keeps vanishing between statements fails after this many rounds. */
const idLookupAttempts = 5;

/**
 * MongoDB: one unordered bulkWrite of conditional upserts (the guard is in the
 * filter, atomic per document). An upsert whose filter missed an existing
 * document fails with a duplicate key: stale, or another writer inserted the
 * document first; those are sent once more, and the second answer decides.
 */
export const conditionalUpdateRound: RoundWriter = async (target, round) => {
  const applied = new Set<CheckedWrite>();
  const tries = new Map<CheckedWrite, number>();
  let pending = [...round];
  while (pending.length > 0) {
    const ops: AnyBulkWriteOperation<StoredShape>[] = pending.map((w) => ({
      updateOne: { filter: sourceOlderThan(w.id, w.source, w.revision), update: changeUpdate(w.revision, w.change, w.source), upsert: true },
    }));
    const outcome = await bulkOutcome(ops.length, () => target.bulkWrite(ops, { ordered: false }));
    const next: CheckedWrite[] = [];
    pending.forEach((w, i) => {
      if (outcome.unsent.has(i)) next.push(w);
      else if (!outcome.duplicateKey.has(i)) applied.add(w);
      else {
        const tried = (tries.get(w) ?? 0) + 1;
        tries.set(w, tried);
        if (tried < 2) next.push(w); // a second duplicate key means stale
      }
    });
    pending = next;
  }
  return applied;
};

/**
 * FerretDB v1: statements that select by `_id` alone (see upsertByIdLookups).
 * Insert every document first (one insertMany: new documents, the bulk of a
 * rebuild, cost one round trip); the duplicate keys exist, so read their
 * source revisions (findByIds), decide here, and update the newer ones by
 * `_id` in one bulkWrite. Not a compare-and-set: the store's per-document
 * queue orders its own writers.
 */
export const idLookupsRound: RoundWriter = async (target, round) => {
  const applied = new Set<CheckedWrite>();
  let pending = [...round];
  for (let races = 0; pending.length > 0; ) {
    const docs = pending.map((w) => ({ _id: w.id, src: { [sourceKey(w.source)]: w.revision }, doc: bodyForNewDocument(w.change) }));
    const outcome = await bulkOutcome(docs.length, () => target.insertMany(docs, { ordered: false }));
    pending.forEach((w, i) => {
      if (!outcome.duplicateKey.has(i) && !outcome.unsent.has(i)) applied.add(w);
    });
    const present = pending.filter((_, i) => outcome.duplicateKey.has(i));
    const vanished = present.length > 0 ? await updateExisting(target, present, applied) : [];
    // Deleted between two statements (a concurrent truncate): insert those again, a bounded number of times.
    if (vanished.length > 0 && ++races >= idLookupAttempts) {
      throw new Error(`writeBatch: documents kept disappearing between statements (${idLookupAttempts} attempts)`);
    }
    pending = [...pending.filter((_, i) => outcome.unsent.has(i)), ...vanished];
  }
  return applied;
};

/** Reads the source revisions of documents that exist, updates those the writes are newer for; returns the writes whose document vanished meanwhile. */
async function updateExisting(target: Collection<StoredShape>, present: CheckedWrite[], applied: Set<CheckedWrite>): Promise<CheckedWrite[]> {
  const sourcesOf = async (writes: CheckedWrite[]) => {
    const found = await findByIds(target, writes.map((w) => w.id), { src: 1 });
    return new Map(found.map((doc) => [doc._id, doc.src ?? {}]));
  };
  const before = await sourcesOf(present);
  const vanished = present.filter((w) => !before.has(w.id));
  const newer = present.filter((w) => before.has(w.id) && isNewer(before.get(w.id)![sourceKey(w.source)], w.revision));
  if (newer.length === 0) return vanished;
  const ops = newer.map((w) => ({ updateOne: { filter: { _id: w.id }, update: changeUpdate(w.revision, w.change, w.source) } }));
  const { matchedCount } = await target.bulkWrite(ops, { ordered: false });
  if (matchedCount === newer.length) {
    for (const w of newer) applied.add(w);
    return vanished;
  }
  // Some vanished between the read and the update: the survivors carry the new revision.
  const after = await sourcesOf(newer);
  for (const w of newer) {
    if (!after.has(w.id)) vanished.push(w);
    else if (after.get(w.id)![sourceKey(w.source)] === w.revision) applied.add(w);
  }
  return vanished;
}

/**
 * Documents by id with one `{ _id }` find each, sent together: FerretDB v1
 * pushes down only that filter, and evaluates `{ _id: { $in } }` in Go over
 * the whole collection (measured at 2,000 documents: 50 ids by `$in` 750-900
 * ms, 50 finds by `_id` at once 230-290 ms).
 */
export async function findByIds<T extends { _id: string }>(target: Collection<T>, ids: readonly string[], projection?: Record<string, 1>): Promise<T[]> {
  const found = await Promise.all(ids.map((_id) => target.findOne({ _id } as Filter<T>, projection ? { projection } : {})));
  return found.filter((doc) => doc !== null) as T[];
}

interface BulkOutcome {
  /** Operations that failed with a duplicate key; every other operation that was sent succeeded. */
  duplicateKey: Set<number>;
  /**
   * Operations the server never ran: FerretDB v1 stops an unordered update at
   * its first error (MongoDB goes on), which shows as fewer results than
   * operations. Those after the last error are sent again.
   */
  unsent: Set<number>;
}

/**
 * Runs an unordered bulk operation of `count` operations. Any failure but
 * duplicate keys (another write error, network, write concern) throws: the
 * outcome is unknown, and the caller retries the whole batch.
 */
export async function bulkOutcome(count: number, run: () => Promise<unknown>): Promise<BulkOutcome> {
  try {
    await run();
    return { duplicateKey: new Set(), unsent: new Set() };
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError) || error.result.getWriteConcernError() !== undefined) throw error;
    const writeErrors = ([] as WriteError[]).concat(error.writeErrors);
    if (writeErrors.length === 0 || !writeErrors.every(isDuplicateKey)) throw error;
    const duplicateKey = new Set(writeErrors.map((e) => e.index));
    const { insertedCount, matchedCount, upsertedCount } = error.result;
    const unsent = new Set<number>();
    if (insertedCount + matchedCount + upsertedCount + duplicateKey.size < count) {
      for (let i = Math.max(...duplicateKey) + 1; i < count; i++) unsent.add(i);
    }
    return { duplicateKey, unsent };
  }
}
