import { describe, expect, it } from 'vitest';
import { InsertBatcher } from './insert-batcher.ts';

describe('InsertBatcher', () => {
  it('sends calls made together as one batch, and calls made while it is in flight as the next', async () => {
    const batches: string[][] = [];
    let release: () => void = () => {};
    const batcher = new InsertBatcher<{ _id: string }>(async (docs) => {
      batches.push(docs.map((d) => d._id));
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    const first = ['a', 'b', 'c'].map((_id) => batcher.insert({ _id }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([['a', 'b', 'c']]);
    const second = ['d', 'e'].map((_id) => batcher.insert({ _id }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toHaveLength(1);
    release();
    expect(await Promise.all(first)).toEqual([true, true, true]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([['a', 'b', 'c'], ['d', 'e']]);
    release();
    expect(await Promise.all(second)).toEqual([true, true]);
  });

  it('caps the batch size', async () => {
    const sizes: number[] = [];
    const batcher = new InsertBatcher<{ _id: string }>(async (docs) => {
      sizes.push(docs.length);
    }, 4);
    await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.insert({ _id: `d${i}` })));
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('fails every call of a batch that failed as a whole, and goes on with the next', async () => {
    let calls = 0;
    const batcher = new InsertBatcher<{ _id: string }>(async () => {
      if (++calls === 1) throw new Error('connection lost');
    });
    const failed = [batcher.insert({ _id: 'a' }), batcher.insert({ _id: 'b' })];
    for (const call of failed) await expect(call).rejects.toThrow('connection lost');
    expect(await batcher.insert({ _id: 'c' })).toBe(true);
  });
});
