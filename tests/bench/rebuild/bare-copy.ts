import { DatabaseSync } from 'node:sqlite';
import type { Db } from 'mongodb';

/** Every document a rebuild left in a SQLite read store, by table (guards and meta aside): what the bare baselines write. */
export function documentsOf(path: string): Map<string, { id: string; doc: string }[]> {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rm\\_%' ESCAPE '\\' AND name NOT LIKE '%.guards' AND name <> 'rm__meta'`).all() as { name: string }[];
    return new Map(tables.map(({ name }) => [name, db.prepare(`SELECT id, doc FROM "${name}"`).all() as { id: string; doc: string }[]]));
  } finally {
    db.close();
  }
}

/**
 * The bare batched write: the same documents into a fresh SQLite file with the
 * same journal and synchronous settings, one prepared INSERT per document and
 * one transaction per `perBatch` documents, tables in turn. Milliseconds.
 */
export function bareSqliteCopy(path: string, documents: Map<string, { id: string; doc: string }[]>, perBatch: number, synchronous: string): number {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${synchronous}`);
  const rows = [...documents].flatMap(([table, docs]) => docs.map((d) => ({ table, ...d })));
  for (const table of documents.keys()) db.exec(`CREATE TABLE "${table}" (id TEXT PRIMARY KEY, doc TEXT NOT NULL) STRICT`);
  const inserts = new Map([...documents.keys()].map((table) => [table, db.prepare(`INSERT INTO "${table}" (id, doc) VALUES (?, ?)`)]));
  const started = performance.now();
  for (let i = 0; i < rows.length; i += perBatch) {
    db.exec('BEGIN IMMEDIATE');
    for (const row of rows.slice(i, i + perBatch)) inserts.get(row.table)!.run(row.id, row.doc);
    db.exec('COMMIT');
  }
  const elapsed = performance.now() - started;
  db.close();
  return elapsed;
}

/** The bare MongoDB-wire write: the same documents by unordered insertMany of `perBatch`, into a fresh database. Milliseconds. */
export async function bareMongoCopy(db: Db, documents: Map<string, { id: string; doc: string }[]>, perBatch: number): Promise<number> {
  const started = performance.now();
  for (const [table, docs] of documents) {
    const target = db.collection<{ _id: string }>(table);
    for (let i = 0; i < docs.length; i += perBatch) {
      await target.insertMany(docs.slice(i, i + perBatch).map((d) => ({ _id: d.id, doc: JSON.parse(d.doc) as object })), { ordered: false });
    }
  }
  return performance.now() - started;
}
