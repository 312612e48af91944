import { type DocumentWrite, openSqliteReadStore, type ReadStore } from '@ejp/readstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RebuildReader } from '../src/rebuild-reader.ts';

const write = (id: string, revision: number, change: DocumentWrite['change']): DocumentWrite => ({ collection: 'docs', id, source: `s-${id}`, revision, change });

describe('the rebuild reader', () => {
  let store: ReadStore;
  let asked: string[][];
  beforeEach(() => {
    store = openSqliteReadStore({ path: ':memory:' });
    asked = [];
    const getMany = store.getMany.bind(store);
    store.getMany = (collection, ids) => {
      asked.push([...ids]);
      return getMany(collection, ids);
    };
  });
  afterEach(() => store.close());

  /** Writes through the store, as the runner does, and tells the reader. */
  async function written(reader: RebuildReader, writes: DocumentWrite[]): Promise<void> {
    reader.remember(writes, await store.writeBatch(writes));
  }

  it('answers from what it wrote, and knows that what it never wrote does not exist, without asking the store', async () => {
    const reader = new RebuildReader(store);
    await written(reader, [write('a', 0, { replace: { n: 0, gone: undefined } as never }), write('a', 1, { replace: { n: 1 } })]);
    const found = await reader.getMany('docs', ['a', 'never']);
    expect([...found.values()]).toEqual([{ id: 'a', revision: undefined, sourceRevisions: { 's-a': 1 }, doc: { n: 1 } }]);
    expect(asked).toEqual([]);
    expect(found.get('a')).toEqual(await store.get('docs', 'a'));
  });

  it('reads from the store what it no longer holds: evicted, patched, skipped or failed writes', async () => {
    const reader = new RebuildReader(store, 1);
    await written(reader, [write('a', 0, { replace: { n: 0 } }), write('b', 0, { replace: { n: 0 } })]);
    await written(reader, [write('c', 0, { replace: { n: 0 } }), write('c', 1, { inc: { n: 5 } })]);
    await written(reader, [write('b', 0, { replace: { n: 'stale' } })]);
    reader.remember([write('d', 0, { replace: { n: 1 } })]);
    const found = await reader.getMany('docs', ['a', 'b', 'c', 'd']);
    expect(asked).toEqual([['a', 'b', 'c', 'd']]);
    expect(Object.fromEntries([...found].map(([id, d]) => [id, d.doc]))).toEqual({ a: { n: 0 }, b: { n: 0 }, c: { n: 5 } });
  });
});
