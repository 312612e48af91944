import { InvalidCursorError, ReadStoreArgumentError } from './errors.ts';
import { getPath } from './json.ts';
import { checkPath } from './names.ts';
import type { Condition, JsonObject, Query, StoredDocument } from './port.ts';

/**
 * A validated query, in the shape both adapters translate to SQL or a MongoDB
 * filter. Pagination is keyset on (sort values..., id): a page resumes strictly
 * after the last item it returned, so inserts elsewhere never shift or repeat items.
 */
export type SortValue = string | number;
export type RangeOperator = 'gt' | 'gte' | 'lt' | 'lte';

export type CheckedCondition =
  | { kind: 'equals'; path: string; value: string | number | boolean | null }
  | { kind: 'range'; path: string; type: 'string' | 'number'; bounds: [RangeOperator, SortValue][] };

export interface SortKey {
  path: string;
  direction: 'asc' | 'desc';
}

export interface QueryPlan {
  conditions: CheckedCondition[];
  /** The caller's sort fields; the id follows as tiebreaker in `idDirection`. */
  order: SortKey[];
  idDirection: 'asc' | 'desc';
  /** Adapters fetch limit + 1 rows to learn whether another page follows. */
  limit: number;
  after?: { values: SortValue[]; id: string };
}

export const defaultLimit = 100;
export const maxLimit = 1000;
const rangeOperators: readonly RangeOperator[] = ['gt', 'gte', 'lt', 'lte'];

export function planQuery(query: Query = {}): QueryPlan {
  const conditions = Object.entries(query.where ?? {}).map(([path, condition]) => checkCondition(checkPath(path), condition));
  const order = (query.orderBy ?? []).map(({ field, direction = 'asc' }) => {
    if (direction !== 'asc' && direction !== 'desc') throw new ReadStoreArgumentError(`direction must be asc or desc`);
    return { path: checkPath(field), direction };
  });
  const limit = query.limit ?? defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw new ReadStoreArgumentError(`limit must be an integer from 1 to ${maxLimit}`);
  }
  const plan: QueryPlan = { conditions, order, idDirection: order.at(-1)?.direction ?? 'asc', limit };
  if (query.cursor !== undefined) plan.after = decodeCursor(query.cursor, plan);
  return plan;
}

function checkCondition(path: string, condition: Condition): CheckedCondition {
  if (condition === null || typeof condition === 'string' || typeof condition === 'boolean') {
    return { kind: 'equals', path, value: condition };
  }
  if (typeof condition === 'number') {
    if (!Number.isFinite(condition)) throw new ReadStoreArgumentError(`where.${path} must be a finite number`);
    return { kind: 'equals', path, value: condition };
  }
  if (typeof condition !== 'object' || Array.isArray(condition)) {
    throw new ReadStoreArgumentError(`where.${path} must be a scalar or a range {gt, gte, lt, lte}`);
  }
  const bounds = Object.entries(condition).map(([operator, value]) => {
    if (!rangeOperators.includes(operator as RangeOperator)) {
      throw new ReadStoreArgumentError(`where.${path}: unknown range operator ${operator}`);
    }
    if (!isSortValue(value)) throw new ReadStoreArgumentError(`where.${path}.${operator} must be a string or a finite number`);
    return [operator as RangeOperator, value] as [RangeOperator, SortValue];
  });
  const types = new Set(bounds.map(([, value]) => typeof value));
  if (bounds.length === 0 || types.size !== 1) {
    throw new ReadStoreArgumentError(`where.${path} needs at least one bound, all strings or all numbers`);
  }
  return { kind: 'range', path, type: types.has('string') ? 'string' : 'number', bounds };
}

function isSortValue(value: unknown): value is SortValue {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** Names the ordering a cursor belongs to, so a cursor from another ordering is refused rather than misread. */
function orderSignature(plan: QueryPlan): string {
  return [...plan.order.map((key) => `${key.path}:${key.direction}`), `id:${plan.idDirection}`].join(',');
}

export function encodeCursor(plan: QueryPlan, last: StoredDocument<JsonObject>): string {
  const values = plan.order.map((key) => getPath(last.doc, key.path));
  if (!values.every(isSortValue)) throw new Error('internal: a page item lacks a sort value');
  return Buffer.from(JSON.stringify({ o: orderSignature(plan), k: [...values, last.id] })).toString('base64url');
}

function decodeCursor(cursor: string, plan: QueryPlan): { values: SortValue[]; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('cursor is not one this store issued');
  }
  const { o, k } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { o?: unknown; k?: unknown };
  if (o !== orderSignature(plan)) throw new InvalidCursorError('cursor belongs to a query with another orderBy');
  if (!Array.isArray(k) || k.length !== plan.order.length + 1 || !k.every(isSortValue) || typeof k.at(-1) !== 'string') {
    throw new InvalidCursorError('cursor is not one this store issued');
  }
  return { values: k.slice(0, -1), id: k.at(-1) as string };
}

/** Cuts the limit + 1 rows an adapter fetched into a page and the cursor of its last item. */
export function toPage<T>(plan: QueryPlan, rows: StoredDocument<JsonObject>[]): { items: StoredDocument<T>[]; nextCursor?: string } {
  if (rows.length <= plan.limit) return { items: rows as StoredDocument<T>[] };
  const items = rows.slice(0, plan.limit);
  return { items: items as StoredDocument<T>[], nextCursor: encodeCursor(plan, items.at(-1)!) };
}
