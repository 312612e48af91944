import type { Document, Filter, Sort, UpdateFilter } from 'mongodb';
import type { CheckedChange } from '../change.ts';
import type { CheckedCondition, QueryPlan } from '../query-plan.ts';

/**
 * Documents are stored as `{ _id, rev?, doc }`: the JSON body under `doc` keeps
 * it apart from `_id` and `rev`, and makes `replace` a single $set. Field paths
 * are validated identifiers, so `doc.<path>` is safe as a key.
 */
export interface StoredShape {
  _id: string;
  rev?: number;
  /** writeBatch's revision per source stream, keyed by sourceKey(stream). */
  src?: Record<string, number>;
  doc?: Document;
}

/**
 * A source stream as a field name: `.`, a leading `$` and NUL are not allowed
 * in MongoDB keys, so they (and `%`, the escape itself) are percent-encoded.
 * Journey streams (`journey-<uuid>`) come out unchanged.
 */
export function sourceKey(source: string): string {
  return source.replace(/[%.$]/g, (c) => `%${c.charCodeAt(0).toString(16)}`).replaceAll('\u0000', '%00');
}

export function sourceOfKey(key: string): string {
  return key.replace(/%([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

const field = (path: string) => `doc.${path}`;
const operators = { gt: '$gt', gte: '$gte', lt: '$lt', lte: '$lte' } as const;

function conditionFilter(condition: CheckedCondition): Filter<StoredShape> {
  if (condition.kind === 'equals') return { [field(condition.path)]: condition.value };
  // $type keeps MongoDB's type bracketing explicit, as the SQLite adapter does with json_type.
  const range: Document = { $type: condition.type };
  for (const [operator, value] of condition.bounds) range[operators[operator]] = value;
  return { [field(condition.path)]: range };
}

/** Strictly after the cursor: (k1 > v1) or (k1 = v1 and k2 > v2) ... with `<` for descending keys. */
function keysetFilter(plan: QueryPlan): Filter<StoredShape> | undefined {
  if (!plan.after) return undefined;
  const keys = [...plan.order.map((key) => ({ name: field(key.path), direction: key.direction })), { name: '_id', direction: plan.idDirection }];
  const values = [...plan.after.values, plan.after.id];
  const branches = keys.map((key, i) => {
    const branch: Document = {};
    for (let j = 0; j < i; j++) branch[keys[j]!.name] = values[j];
    branch[key.name] = { [key.direction === 'asc' ? '$gt' : '$lt']: values[i] };
    return branch;
  });
  return { $or: branches };
}

export function pageFilter(plan: QueryPlan): Filter<StoredShape> {
  const parts: Filter<StoredShape>[] = plan.conditions.map(conditionFilter);
  // Documents without a string or number sort value have no place in the keyset order.
  for (const key of plan.order) parts.push({ [field(key.path)]: { $type: ['string', 'number'] } });
  const keyset = keysetFilter(plan);
  if (keyset) parts.push(keyset);
  return parts.length > 0 ? { $and: parts } : {};
}

export function pageSort(plan: QueryPlan): Sort {
  const sort: Record<string, 1 | -1> = {};
  for (const key of plan.order) sort[field(key.path)] = key.direction === 'asc' ? 1 : -1;
  sort._id = plan.idDirection === 'asc' ? 1 : -1;
  return sort;
}

export function indexKeys(paths: readonly string[]): Record<string, 1> {
  const keys: Record<string, 1> = {};
  for (const path of paths) keys[field(path)] = 1;
  keys._id = 1;
  return keys;
}

/** Matches the document only if it is missing a revision below `revision`; with upsert, a miss inserts. */
export function olderThan(id: string, revision: number): Filter<StoredShape> {
  return { _id: id, $or: [{ rev: { $lt: revision } }, { rev: { $exists: false } }] };
}

/** Matches the document only if its revision from `source` is missing or below `revision`. */
export function sourceOlderThan(id: string, source: string, revision: number): Filter<StoredShape> {
  const at = `src.${sourceKey(source)}`;
  return { _id: id, $or: [{ [at]: { $lt: revision } }, { [at]: { $exists: false } }] };
}

/** The update of upsertIfNewer (records `rev`), or with `source`, of writeBatch (records `src.<source>`). */
export function changeUpdate(revision: number, change: CheckedChange, source?: string): UpdateFilter<StoredShape> {
  const mark = source === undefined ? { rev: revision } : { [`src.${sourceKey(source)}`]: revision };
  if (change.kind === 'replace') return { $set: { ...mark, doc: change.doc } };
  const update: Document = { $set: { ...mark, ...Object.fromEntries(change.set.map(([path, value]) => [field(path), value])) } };
  // MongoDB refuses empty operator objects, so $unset and $inc appear only when used.
  if (change.unset.length > 0) update.$unset = Object.fromEntries(change.unset.map((path) => [field(path), '']));
  if (change.inc.length > 0) update.$inc = Object.fromEntries(change.inc.map(([path, by]) => [field(path), by]));
  return update as UpdateFilter<StoredShape>;
}

export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
