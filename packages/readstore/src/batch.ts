import { type CheckedChange, checkChange } from './change.ts';
import { ReadStoreArgumentError } from './errors.ts';
import { checkCollection, checkId, checkRevision } from './names.ts';
import type { DocumentWrite } from './port.ts';

/** The most writes one writeBatch takes: a projector batch of 1000 events with a few documents each. */
export const maxBatchWrites = 5000;

/** A DocumentWrite after validation, with its place in the batch. */
export interface CheckedWrite {
  index: number;
  collection: string;
  id: string;
  source: string;
  revision: number;
  change: CheckedChange;
  /** The guard lives apart from the document (DocumentWrite.guard 'apart'). */
  apart: boolean;
}

/** Validates every write before any is applied: a bad one fails the batch with nothing written. */
export function checkWrites(writes: readonly DocumentWrite[]): CheckedWrite[] {
  if (!Array.isArray(writes)) throw new ReadStoreArgumentError('writes must be an array');
  if (writes.length > maxBatchWrites) throw new ReadStoreArgumentError(`a batch holds at most ${maxBatchWrites} writes (got ${writes.length})`);
  return writes.map((write, index) => ({
    index,
    collection: checkCollection(write.collection),
    id: checkId(write.id),
    source: checkId(write.source, 'source'),
    revision: checkRevision(write.revision),
    change: checkChange(write.change),
    apart: checkGuard(write.guard),
  }));
}

function checkGuard(guard: DocumentWrite['guard']): boolean {
  if (guard === undefined || guard === 'with-document') return false;
  if (guard === 'apart') return true;
  throw new ReadStoreArgumentError(`guard must be 'with-document' or 'apart' (got ${JSON.stringify(guard)})`);
}

/**
 * Splits one collection's writes into rounds in which each document appears
 * at most once, keeping the order of each document's writes (its k-th write
 * goes to round k). A store that sends a round as one unordered bulk write,
 * and retries the writes of it that raced, then never applies a document's
 * later write before an earlier one. Most batches are one round per
 * collection: projections write each document once per batch.
 */
export function roundsOf(writes: readonly CheckedWrite[]): CheckedWrite[][] {
  const rounds: CheckedWrite[][] = [];
  const seen = new Map<string, number>();
  for (const write of writes) {
    const key = `${write.collection}/${write.id}`;
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    rounds[round] ??= [];
    rounds[round].push(write);
  }
  return rounds;
}

/** Writes grouped by collection, collections in the order they first appear. */
export function byCollection(writes: readonly CheckedWrite[]): Map<string, CheckedWrite[]> {
  const groups = new Map<string, CheckedWrite[]>();
  for (const write of writes) {
    const group = groups.get(write.collection) ?? [];
    group.push(write);
    groups.set(write.collection, group);
  }
  return groups;
}

/** Whether a write applies to a document whose last revision from the write's source is `last`. */
export function isNewer(last: number | undefined, revision: number): boolean {
  return last === undefined || last < revision;
}

/** The ids of a getMany call, validated; duplicates are harmless. */
export function checkIds(ids: readonly string[]): string[] {
  if (!Array.isArray(ids)) throw new ReadStoreArgumentError('ids must be an array');
  if (ids.length > 1000) throw new ReadStoreArgumentError(`getMany takes at most 1000 ids (got ${ids.length})`);
  return [...new Set(ids.map((id) => checkId(id)))];
}
