import { describe, expect, it } from 'vitest';
import { BatchPipeline, type Positioned } from '../src/relay/batch-pipeline.ts';

const event = (position: number): Positioned => ({ position: BigInt(position) });
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function recorder(options: { batchSize: number; maxWaitMs: number; slowPublishMs?: number; failOn?: number }) {
  const log: string[] = [];
  const failures: unknown[] = [];
  const pipeline = new BatchPipeline<Positioned>({
    ...options,
    publish: async (events) => {
      log.push(`publish ${events.map((e) => e.position).join(',')}`);
      if (options.slowPublishMs) await tick(options.slowPublishMs);
      if (events.some((e) => Number(e.position) === options.failOn)) throw new Error('broker down');
      log.push('acked');
    },
    checkpoint: async (position) => {
      log.push(`checkpoint ${position}`);
    },
    onFailure: (error) => failures.push(error),
  });
  return { pipeline, log, failures };
}

describe('BatchPipeline', () => {
  it('sends full batches in order and checkpoints each only after its ack, in order', async () => {
    const { pipeline, log } = recorder({ batchSize: 2, maxWaitMs: 1_000, slowPublishMs: 5 });
    for (let i = 1; i <= 5; i++) await pipeline.add(event(i));
    await pipeline.flush();
    // One send at a time, each acked before the next starts.
    expect(log.filter((l) => !l.startsWith('checkpoint'))).toEqual(['publish 1,2', 'acked', 'publish 3,4', 'acked', 'publish 5', 'acked']);
    expect(log.filter((l) => l.startsWith('checkpoint'))).toEqual(['checkpoint 2', 'checkpoint 4', 'checkpoint 5']);
    // A checkpoint may overlap the next send, but never precedes its own batch's ack.
    for (const [position, batch] of [['2', 'publish 1,2'], ['4', 'publish 3,4'], ['5', 'publish 5']] as const) {
      expect(log.indexOf(`checkpoint ${position}`)).toBeGreaterThan(log.indexOf(batch) + 1);
    }
  });

  it('sends a partial batch after maxWaitMs', async () => {
    const { pipeline, log } = recorder({ batchSize: 100, maxWaitMs: 20 });
    await pipeline.add(event(1));
    await tick(5);
    expect(log).toEqual([]);
    await tick(40);
    expect(log).toEqual(['publish 1', 'acked', 'checkpoint 1']);
  });

  it('holds the subscription back while a full batch waits behind the one in flight', async () => {
    const { pipeline, log } = recorder({ batchSize: 1, maxWaitMs: 1_000, slowPublishMs: 30 });
    await pipeline.add(event(1)); // in flight at once
    const second = pipeline.add(event(2)); // queued behind it: add waits
    let returned = false;
    void second.then(() => (returned = true));
    await tick(10);
    expect(returned).toBe(false);
    await second;
    expect(log[0]).toBe('publish 1');
    await pipeline.flush();
  });

  it('never checkpoints a failed batch, sends nothing after it, and reports it once', async () => {
    const { pipeline, log, failures } = recorder({ batchSize: 2, maxWaitMs: 1_000, failOn: 3 });
    for (let i = 1; i <= 6; i++) await pipeline.add(event(i)).catch(() => undefined);
    await expect(pipeline.flush()).rejects.toThrow('broker down');
    // Batch 1,2 was acked (its checkpoint may or may not have been written before the failure); 3,4 never is.
    expect(log.filter((l) => l !== 'checkpoint 2')).toEqual(['publish 1,2', 'acked', 'publish 3,4']);
    expect(failures).toHaveLength(1);
    await expect(pipeline.add(event(7))).rejects.toThrow('broker down');
  });
});
