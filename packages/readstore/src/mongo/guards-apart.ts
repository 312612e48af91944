import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import { type CheckedWrite, isNewer } from '../batch.ts';
import { bulkOutcome, findByIds, type RoundWriter } from './batch-write.ts';
import { sourceKey, type StoredShape } from './filters.ts';

/** One guard kept apart (DocumentWrite.guard 'apart'): `_id` names the document and the source. */
export interface GuardShape {
  _id: string;
  rev: number;
}

/** The guards collection of a collection: `.` cannot occur in a collection name, so it names no other collection. */
export const guardsCollectionOf = (name: string) => `${name}.guards`;

/** `[id, source]` as JSON: unambiguous whatever characters either holds. */
const guardId = (w: CheckedWrite) => JSON.stringify([w.id, w.source]);

/**
 * One round of writes whose guards live apart, without a transaction (FerretDB
 * v1 has none) yet applied exactly once under redelivery:
 * 1. read the round's guards from the guards collection, and drop the writes they say are old;
 * 2. apply the others as writes guarded in the document (`writeRound`): the change and
 *    `src.<source>` go in one atomic update, which also refuses a write applied before by
 *    a round that stopped before step 3;
 * 3. record the applied ones' guards in the guards collection (`$max`, so never backwards);
 * 4. remove them from the document, which thus holds only the guards of rounds in flight
 *    (or cut short: still honoured by step 2).
 * A crash between any two steps leaves the guard in the document, the guards collection or
 * both, so a redelivered write is always seen. `idOnly` (FerretDB) selects by `_id` alone;
 * elsewhere step 4 removes only the revision it wrote, should another writer have moved on.
 */
export async function guardsApartRound(
  target: Collection<StoredShape>,
  guards: Collection<GuardShape>,
  round: readonly CheckedWrite[],
  writeRound: RoundWriter,
  idOnly: boolean,
): Promise<Set<CheckedWrite>> {
  const ids = round.map(guardId);
  const found = idOnly ? await findByIds(guards, ids) : await guards.find({ _id: { $in: ids } }).toArray();
  const recorded = new Map(found.map((guard) => [guard._id, guard.rev]));
  const fresh = round.filter((w) => isNewer(recorded.get(guardId(w)), w.revision));
  if (fresh.length === 0) return new Set();
  const applied = await writeRound(target, fresh);
  const moved = fresh.filter((w) => applied.has(w));
  if (moved.length === 0) return applied;
  await recordGuards(guards, moved);
  await target.bulkWrite(
    moved.map((w) => {
      const at = `src.${sourceKey(w.source)}`;
      return { updateOne: { filter: idOnly ? { _id: w.id } : { _id: w.id, [at]: w.revision }, update: { $unset: { [at]: '' } } } };
    }),
    { ordered: false },
  );
  return applied;
}

/** Upserts by `_id`; two writers inserting one guard at once make one of them a duplicate key, which is then an update. */
async function recordGuards(guards: Collection<GuardShape>, writes: readonly CheckedWrite[]): Promise<void> {
  let pending = [...writes];
  for (let attempt = 1; pending.length > 0; attempt++) {
    const ops: AnyBulkWriteOperation<GuardShape>[] = pending.map((w) => ({ updateOne: { filter: { _id: guardId(w) }, update: { $max: { rev: w.revision } }, upsert: true } }));
    const outcome = await bulkOutcome(ops.length, () => guards.bulkWrite(ops, { ordered: false }));
    pending = pending.filter((_, i) => outcome.duplicateKey.has(i) || outcome.unsent.has(i));
    if (attempt >= 3 && pending.length > 0) throw new Error(`writeBatch: ${pending.length} guards kept racing another writer`);
  }
}
