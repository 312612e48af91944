import type { SQLInputValue } from 'node:sqlite';
import type { CheckedChange } from '../change.ts';
import type { CheckedCondition, QueryPlan, SortKey } from '../query-plan.ts';

/**
 * SQL for one collection table `(id TEXT PRIMARY KEY, rev INTEGER, doc TEXT, src TEXT)`:
 * `rev` is upsertIfNewer's revision, `src` writeBatch's revisions per source stream (a JSON object).
 * Paths are validated identifiers (names.ts), so they are spliced in as literals:
 * an expression index on json_extract(doc, '$.a') only serves queries that spell
 * the very same expression.
 */
export interface Sql {
  text: string;
  params: SQLInputValue[];
}

export function quote(identifier: string): string {
  return `"${identifier}"`;
}

export function extract(path: string): string {
  return `json_extract(doc, '$.${path}')`;
}

export const createTableSql = (table: string) =>
  `CREATE TABLE IF NOT EXISTS ${quote(table)} (id TEXT PRIMARY KEY, rev INTEGER, doc TEXT NOT NULL, src TEXT) STRICT`;

/** Tables created before writeBatch existed lack `src`; the column is added on first use. */
export const addSourceColumnSql = (table: string) => `ALTER TABLE ${quote(table)} ADD COLUMN src TEXT`;

/**
 * The guards of writes kept apart (DocumentWrite.guard 'apart'): one row per
 * (document, source), so a document fed by 100,000 streams keeps a body of its
 * own size. `.` cannot occur in a collection name, so no collection's table
 * is named like another's guards.
 */
export const guardsTableOf = (table: string) => `${table}.guards`;

export const createGuardsTableSql = (table: string) =>
  `CREATE TABLE IF NOT EXISTS ${quote(guardsTableOf(table))} (id TEXT NOT NULL, source TEXT NOT NULL, rev INTEGER NOT NULL, PRIMARY KEY (id, source)) WITHOUT ROWID, STRICT`;

/** The columns every read returns. */
export const COLUMNS = 'id, rev, doc, src';

export const createIndexSql = (table: string, index: string, paths: readonly string[]) =>
  `CREATE INDEX IF NOT EXISTS ${quote(index)} ON ${quote(table)} (${[...paths.map(extract), 'id'].join(', ')})`;

/** Integers are bound as SQLite integers (node:sqlite binds every number as REAL otherwise: 3 would be stored 3.0). */
export function number(value: number): SQLInputValue {
  return Number.isSafeInteger(value) ? BigInt(value) : value;
}

/**
 * The idempotency rule in one statement: insert, or update only a row whose
 * revision is below the new one. SQLite runs a statement atomically, so two
 * writers (even in two processes) cannot both win.
 */
export function upsertIfNewerSql(table: string, id: string, revision: number, change: CheckedChange, newBody: string): Sql {
  const params: SQLInputValue[] = [id, number(revision), newBody];
  const body = change.kind === 'patch' ? patchedBodySql(change, params) : 'excluded.doc';
  const t = quote(table);
  return {
    text: `INSERT INTO ${t} (id, rev, doc) VALUES (?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET rev = excluded.rev, doc = ${body}
      WHERE ${t}.rev IS NULL OR ${t}.rev < excluded.rev`,
    params,
  };
}

/** The stored `doc` with a patch applied, as one SQL expression; pushes its parameters. */
function patchedBodySql(change: Extract<CheckedChange, { kind: 'patch' }>, params: SQLInputValue[]): string {
  let body = 'doc';
  if (change.unset.length > 0) body = `json_remove(${body}, ${change.unset.map((path) => `'$.${path}'`).join(', ')})`;
  const pairs: string[] = [];
  for (const [path, value] of change.set) {
    pairs.push(`'$.${path}', json(?)`);
    params.push(JSON.stringify(value));
  }
  for (const [path, by] of change.inc) {
    pairs.push(`'$.${path}', coalesce(${extract(path)}, 0) + ?`);
    params.push(number(by));
  }
  return pairs.length > 0 ? `json_set(${body}, ${pairs.join(', ')})` : body;
}

/**
 * A batch write to a document known to exist (writeBatch decided in code, inside
 * its transaction, that the source revision is newer): the changed body and the
 * new source revisions. `rev` is upsertIfNewer's and stays as it is.
 */
export function updateFromSourceSql(table: string, id: string, change: CheckedChange, sources: string | undefined): Sql {
  const params: SQLInputValue[] = [];
  let body = '?';
  if (change.kind === 'patch') body = patchedBodySql(change, params);
  else params.push(JSON.stringify(change.doc));
  // Without `sources` the guard is kept apart, and `src` stays as it is.
  if (sources !== undefined) params.push(sources);
  params.push(id);
  return { text: `UPDATE ${quote(table)} SET doc = ${body}${sources === undefined ? '' : ', src = ?'} WHERE id = ?`, params };
}

const numberTypes = `('integer', 'real')`;

function conditionSql(condition: CheckedCondition, params: SQLInputValue[]): string {
  const e = extract(condition.path);
  if (condition.kind === 'equals') {
    const { value } = condition;
    if (value === null) return `${e} IS NULL`; // missing or null, as MongoDB's {field: null}
    // json_extract gives 1/0 for true/false and JSON text for arrays and objects: the type
    // check keeps the number 1 from matching true, and a string from matching an array.
    const type = typeof value === 'boolean' ? `= '${value}'` : typeof value === 'number' ? `IN ${numberTypes}` : `= 'text'`;
    params.push(typeof value === 'boolean' ? BigInt(value) : typeof value === 'number' ? number(value) : value);
    return `${e} = ? AND json_type(doc, '$.${condition.path}') ${type}`;
  }
  // Type bracketing as in MongoDB: a string range never matches numbers and vice versa.
  const parts = [`json_type(doc, '$.${condition.path}') IN ${condition.type === 'string' ? `('text')` : numberTypes}`];
  const symbols = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
  for (const [operator, value] of condition.bounds) {
    parts.push(`${e} ${symbols[operator]} ?`);
    params.push(typeof value === 'number' ? number(value) : value);
  }
  return parts.join(' AND ');
}

function sortKeys(plan: QueryPlan): { expression: string; direction: SortKey['direction'] }[] {
  return [
    ...plan.order.map((key) => ({ expression: extract(key.path), direction: key.direction })),
    { expression: 'id', direction: plan.idDirection },
  ];
}

/** Rows strictly after the cursor in the query's order. */
function keysetSql(plan: QueryPlan, params: SQLInputValue[]): string | undefined {
  if (!plan.after) return undefined;
  const keys = sortKeys(plan);
  const values = [...plan.after.values, plan.after.id].map((v) => (typeof v === 'number' ? number(v) : v));
  const beyond = (direction: SortKey['direction']) => (direction === 'asc' ? '>' : '<');
  if (keys.every((key) => key.direction === keys[0]!.direction)) {
    // One direction: a row-value comparison, which SQLite can answer from the index.
    params.push(...values);
    return `(${keys.map((key) => key.expression).join(', ')}) ${beyond(keys[0]!.direction)} (${keys.map(() => '?').join(', ')})`;
  }
  const branches = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((previous, j) => {
      params.push(values[j]!);
      return `${previous.expression} = ?`;
    });
    params.push(values[i]!);
    return `(${[...equal, `${key.expression} ${beyond(key.direction)} ?`].join(' AND ')})`;
  });
  return `(${branches.join(' OR ')})`;
}

export function selectPageSql(table: string, plan: QueryPlan): Sql {
  const params: SQLInputValue[] = [];
  const where = plan.conditions.map((condition) => conditionSql(condition, params));
  // Documents without a string or number sort value have no place in the keyset order.
  for (const key of plan.order) where.push(`json_type(doc, '$.${key.path}') IN ('integer', 'real', 'text')`);
  const keyset = keysetSql(plan, params);
  if (keyset) where.push(keyset);
  const orderBy = sortKeys(plan).map((key) => `${key.expression} ${key.direction.toUpperCase()}`);
  params.push(BigInt(plan.limit + 1));
  return {
    text: `SELECT ${COLUMNS} FROM ${quote(table)}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${orderBy.join(', ')} LIMIT ?`,
    params,
  };
}
