import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readStoreContract } from '../../test/contract/index.ts';
import type { OrderBy, Query } from '../port.ts';
import { encodeCursor, planQuery } from '../query-plan.ts';
import { openSqliteReadStore } from './read-store.ts';
import { selectPageSql } from './sql.ts';

const dir = mkdtempSync(join(tmpdir(), 'ejp-readstore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

readStoreContract('sqlite', async () => openSqliteReadStore({ path: join(dir, 'contract.db') }));

describe('sqlite adapter', () => {
  it('bulkLoad ends with every write in the database file, synced: the WAL is checkpointed and emptied', async () => {
    const path = join(dir, 'bulk.db');
    const store = openSqliteReadStore({ path });
    await store.bulkLoad(async () => {
      for (let i = 0; i < 20; i++) await store.writeBatch([{ collection: 'c', id: `d${i}`, source: 's', revision: 0, change: { replace: { i } } }]);
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    });
    expect(statSync(`${path}-wal`).size).toBe(0);
    await store.close();
    const reopened = openSqliteReadStore({ path });
    expect((await reopened.getMany('c', ['d0', 'd19'])).size).toBe(2);
    await reopened.close();
  });

  it('answers an indexed page query from its expression index, in index order (no sort step)', async () => {
    const path = join(dir, 'plan.db');
    const store = openSqliteReadStore({ path });
    await store.declareIndexes('timeline', [['employee', 'at']]);
    await store.putIfAbsent('timeline', 'x', { employee: 'e1', at: 't1' });
    const db = new DatabaseSync(path);
    const explain = (query: Query) => {
      const sql = selectPageSql('rm_timeline', planQuery(query));
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql.text}`).all(...sql.params) as { detail: string }[]).map((row) => row.detail).join('\n');
    };
    const orderBy: OrderBy[] = [{ field: 'at', direction: 'desc' }];
    const first = await store.query('timeline', { where: { employee: 'e1' }, orderBy, limit: 1 });
    const queries: Query[] = [
      { where: { employee: 'e1' }, orderBy },
      { where: { employee: 'e1', at: { lte: 't9' } }, orderBy, cursor: first.nextCursor ?? encodeCursor(planQuery({ orderBy }), first.items[0]!) },
    ];
    for (const query of queries) {
      const plan = explain(query);
      expect(plan).toMatch(/USING INDEX rm_timeline__by_employee_at_/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
    db.close();
    await store.close();
  });

  it('two processes racing upsertIfNewer on one file converge, and count each revision once', async () => {
    const path = join(dir, 'processes.db');
    await openSqliteReadStore({ path }).close(); // create the file (WAL) before the writers race for it
    const writer = join(import.meta.dirname, '../../test/fixtures/race-writer.ts');
    const run = (revisions: number[]) =>
      new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, [writer, path, revisions.join(',')], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(Number(stdout)) : reject(new Error(`writer exited ${code}: ${stderr}`))));
      });
    // Both deliver every revision 0..299, interleaved differently: at-least-once delivery from two consumers.
    const revisions = Array.from({ length: 300 }, (_, i) => i);
    const applied = await Promise.all([run(revisions), run(revisions.map((r) => (r % 2 === 0 ? r + 1 : r - 1)))]);
    const store = openSqliteReadStore({ path });
    expect(await store.get('profiles', 'e1')).toEqual({ id: 'e1', revision: 299, doc: { r: 299 } });
    const counter = await store.get<{ applied: number }>('counters', 'e1');
    expect(counter?.revision).toBe(299);
    // Every increment reported as applied is in the counter, and no revision was counted twice.
    expect(counter!.doc.applied).toBe(applied[0]! + applied[1]!);
    expect(counter!.doc.applied).toBeLessThanOrEqual(300);
    await store.close();
  });

  it('recreates a table another connection dropped, with the indexes it declared', async () => {
    const path = join(dir, 'rebuild.db');
    const projector = openSqliteReadStore({ path });
    const rebuilder = openSqliteReadStore({ path });
    await projector.declareIndexes('timeline', [['at']]);
    await projector.putIfAbsent('timeline', 'a', { at: '1' });
    await rebuilder.deleteCollection('timeline');
    expect(await projector.putIfAbsent('timeline', 'a', { at: '2' })).toBe(true);
    const db = new DatabaseSync(path);
    const indexes = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rm_timeline' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[];
    expect(indexes.map((i) => i.name)).toEqual([expect.stringMatching(/^rm_timeline__by_at_/)]);
    db.close();
    await Promise.all([projector.close(), rebuilder.close()]);
  });

  it('keeps to its table prefix: drop() leaves other tables in the file alone', async () => {
    const path = join(dir, 'shared.db');
    const db = new DatabaseSync(path);
    db.exec('CREATE TABLE events (x INTEGER)');
    const store = openSqliteReadStore({ path, tablePrefix: 'views_' });
    await store.putIfAbsent('timeline', 'a', {});
    await store.drop();
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(['events']);
    db.close();
    await store.close();
  });

  it('close() is idempotent and a closed store refuses work', async () => {
    const store = openSqliteReadStore({ path: ':memory:' });
    await store.close();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });

  it('writeBatch is one transaction: a write that fails rolls back the writes before it', async () => {
    const path = join(dir, 'atomic.db');
    // A table of the store's name but without the doc column: writing there fails after validation passed.
    const db = new DatabaseSync(path);
    db.exec('CREATE TABLE rm_broken (id TEXT PRIMARY KEY, rev INTEGER) STRICT');
    db.close();
    const store = openSqliteReadStore({ path });
    const writes = [
      { collection: 'fine', id: 'a', source: 's', revision: 0, change: { replace: { v: 1 } } },
      { collection: 'broken', id: 'b', source: 's', revision: 0, change: { replace: { v: 2 } } },
    ];
    await expect(store.writeBatch(writes)).rejects.toThrow();
    expect(await store.get('fine', 'a')).toBeUndefined();
    // The store is usable afterwards: no transaction was left open.
    expect(await store.writeBatch(writes.slice(0, 1))).toEqual([true]);
    await store.close();
  });

  it('adds the source-revision column to a table created before writeBatch existed', async () => {
    const path = join(dir, 'old-table.db');
    const db = new DatabaseSync(path);
    db.exec('CREATE TABLE rm_journeys (id TEXT PRIMARY KEY, rev INTEGER, doc TEXT NOT NULL) STRICT');
    db.prepare('INSERT INTO rm_journeys (id, rev, doc) VALUES (?, ?, ?)').run('e1', 4, '{"stage":"onboarding"}');
    db.close();
    const store = openSqliteReadStore({ path });
    expect(await store.get('journeys', 'e1')).toEqual({ id: 'e1', revision: 4, doc: { stage: 'onboarding' } });
    expect(await store.writeBatch([{ collection: 'journeys', id: 'e1', source: 'journey-e1', revision: 5, change: { set: { stage: 'probation' } } }])).toEqual([true]);
    expect(await store.get('journeys', 'e1')).toEqual({ id: 'e1', revision: 4, sourceRevisions: { 'journey-e1': 5 }, doc: { stage: 'probation' } });
    await store.close();
  });
});
