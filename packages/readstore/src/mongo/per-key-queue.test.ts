import { describe, expect, it } from 'vitest';
import { PerKeyQueue } from './per-key-queue.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('PerKeyQueue', () => {
  it('runs work for one key one at a time, in call order, and other keys alongside', async () => {
    const queue = new PerKeyQueue();
    const log: string[] = [];
    const job = (key: string, n: number) =>
      queue.run(key, async () => {
        log.push(`${key}${n}+`);
        await tick();
        log.push(`${key}${n}-`);
        return n;
      });
    const results = await Promise.all([job('a', 1), job('a', 2), job('b', 1), job('a', 3)]);
    expect(results).toEqual([1, 2, 1, 3]);
    expect(log.filter((entry) => entry.startsWith('a'))).toEqual(['a1+', 'a1-', 'a2+', 'a2-', 'a3+', 'a3-']);
    expect(log.indexOf('b1+')).toBeLessThan(log.indexOf('a1-')); // b did not wait for a
  });

  it('keeps going after a failure, passes the failure to its caller, and forgets idle keys', async () => {
    const queue = new PerKeyQueue();
    const failed = queue.run('a', async () => {
      throw new Error('boom');
    });
    const next = queue.run('a', async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
    await tick();
    expect(queue.size).toBe(0);
  });
});
