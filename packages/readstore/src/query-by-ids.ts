import { getPath } from './json.ts';
import type { JsonObject, JsonValue, Page, Query, ReadStore, StoredDocument } from './port.ts';
import { type CheckedCondition, planQuery, type QueryPlan, type SortValue, toPage } from './query-plan.ts';

/**
 * A query answered by lookups by id: `candidates` (from a document that lists
 * them, itself read by id) carry the fields the query filters and orders by;
 * the matching ones are read by id in the query's order until the page is
 * full, and each is checked again as stored (a field changed since it was
 * listed, a document gone). Same conditions, order, limit and cursors as
 * `ReadStore.query`, for stores that answer nothing but id lookups quickly
 * (FerretDB v1 on SQLite scans the collection for any other filter).
 * Strings compare by UTF-16 code unit, which is the stores' byte order for
 * all but characters beyond U+FFFF.
 */
export async function queryByIds<T = JsonObject>(
  store: Pick<ReadStore, 'getMany'>,
  collection: string,
  candidates: readonly StoredDocument<JsonObject>[],
  query: Query,
): Promise<Page<T>> {
  const plan = planQuery(query);
  const ordered = candidates.filter((c) => matches(plan, c) && isAfterCursor(plan, c)).sort((a, b) => compare(plan, a, b));
  const rows: StoredDocument<JsonObject>[] = [];
  for (let next = 0; next < ordered.length && rows.length <= plan.limit; ) {
    const ids = ordered.slice(next, next + plan.limit + 1 - rows.length).map((c) => c.id);
    next += ids.length;
    const found = await store.getMany<JsonObject>(collection, ids);
    for (const id of ids) {
      const doc = found.get(id);
      if (doc && matches(plan, doc) && isAfterCursor(plan, doc)) rows.push(doc);
    }
  }
  // Checked as stored, a document may sort elsewhere than its listing said.
  rows.sort((a, b) => compare(plan, a, b));
  return toPage<T>(plan, rows.slice(0, plan.limit + 1));
}

function matches(plan: QueryPlan, stored: StoredDocument<JsonObject>): boolean {
  return plan.conditions.every((condition) => holds(condition, getPath(stored.doc, condition.path))) && plan.order.every((key) => isSortValue(getPath(stored.doc, key.path)));
}

/** As both stores compare: equality within one type (null also matches a missing field), ranges within their own type. */
function holds(condition: CheckedCondition, value: JsonValue | undefined): boolean {
  if (condition.kind === 'equals') return condition.value === null ? value === null || value === undefined : value === condition.value;
  if (typeof value !== condition.type) return false;
  return condition.bounds.every(([operator, bound]) => {
    const v = value as SortValue;
    if (operator === 'gt') return v > bound;
    if (operator === 'gte') return v >= bound;
    if (operator === 'lt') return v < bound;
    return v <= bound;
  });
}

function keysOf(plan: QueryPlan, stored: StoredDocument<JsonObject>): SortValue[] {
  return [...plan.order.map((key) => getPath(stored.doc, key.path) as SortValue), stored.id];
}

function compareKeys(plan: QueryPlan, a: SortValue[], b: SortValue[]): number {
  const directions = [...plan.order.map((key) => key.direction), plan.idDirection];
  for (let i = 0; i < a.length; i++) {
    const order = a[i]! < b[i]! ? -1 : a[i]! > b[i]! ? 1 : 0;
    if (order !== 0) return directions[i] === 'asc' ? order : -order;
  }
  return 0;
}

const compare = (plan: QueryPlan, a: StoredDocument<JsonObject>, b: StoredDocument<JsonObject>) => compareKeys(plan, keysOf(plan, a), keysOf(plan, b));

function isAfterCursor(plan: QueryPlan, stored: StoredDocument<JsonObject>): boolean {
  return plan.after === undefined || compareKeys(plan, keysOf(plan, stored), [...plan.after.values, plan.after.id]) > 0;
}

function isSortValue(value: JsonValue | undefined): value is SortValue {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}
