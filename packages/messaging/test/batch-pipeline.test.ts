import { describe, expect, it } from 'vitest';
import { BatchPipeline, type Positioned } from '../src/relay/batch-pipeline.ts';

const event = (position: number): Positioned => ({ position: BigInt(position) });
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function recorder(options: { batchSize: number; slowPublishMs?: number; failOn?: number; settle?: { maxWaitMs: number } }) {
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
    const { pipeline, log } = recorder({ batchSize: 2, slowPublishMs: 5 });
    for (let i = 1; i <= 6; i++) await pipeline.add(event(i));
    await pipeline.flush();
    // One send at a time, each acked before the next starts: 1 goes alone (nothing in flight), the rest fill up behind it.
    expect(log.filter((l) => !l.startsWith('checkpoint'))).toEqual([
      'publish 1',
      'acked',
      'publish 2,3',
      'acked',
      'publish 4,5',
      'acked',
      'publish 6',
      'acked',
    ]);
    expect(log.filter((l) => l.startsWith('checkpoint'))).toEqual(['checkpoint 1', 'checkpoint 3', 'checkpoint 5', 'checkpoint 6']);
    // A checkpoint may overlap the next send, but never precedes its own batch's ack.
    for (const [position, batch] of [['1', 'publish 1'], ['3', 'publish 2,3'], ['5', 'publish 4,5'], ['6', 'publish 6']] as const) {
      expect(log.indexOf(`checkpoint ${position}`)).toBeGreaterThan(log.indexOf(batch) + 1);
    }
  });

  it('sends an event at once when nothing is in flight, without waiting for more', async () => {
    const { pipeline, log } = recorder({ batchSize: 100, slowPublishMs: 5 });
    await pipeline.add(event(1));
    expect(log).toEqual(['publish 1']);
    await tick(20);
    expect(log).toEqual(['publish 1', 'acked', 'checkpoint 1']);
    await pipeline.flush();
  });

  it('with settle, sends the first event of a burst with the rest of it (without: alone), and a lone event after one loop turn', async () => {
    const { pipeline, log } = recorder({ batchSize: 100, settle: { maxWaitMs: 1_000 } });
    await pipeline.add(event(1));
    expect(log).toEqual([]);
    for (let i = 2; i <= 5; i++) await pipeline.add(event(i));
    await tick(5);
    expect(log.filter((l) => !l.startsWith('checkpoint'))).toEqual(['publish 1,2,3,4,5', 'acked']);
    await pipeline.add(event(6));
    await tick(5);
    expect(log.filter((l) => !l.startsWith('checkpoint'))).toEqual(['publish 1,2,3,4,5', 'acked', 'publish 6', 'acked']);
    await pipeline.flush();
  });

  it('with settle, sends after maxWaitMs even while events keep coming', async () => {
    const { pipeline, log } = recorder({ batchSize: 1_000, settle: { maxWaitMs: 20 } });
    const until = performance.now() + 60;
    for (let i = 1; performance.now() < until; i++) {
      await pipeline.add(event(i));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(log.filter((l) => l.startsWith('publish')).length).toBeGreaterThanOrEqual(2);
    await pipeline.flush();
  });

  it('accumulates while a send is in flight and sends the accumulated batch as soon as it is acked', async () => {
    const { pipeline, log } = recorder({ batchSize: 3, slowPublishMs: 20 });
    for (let i = 1; i <= 6; i++) await pipeline.add(event(i));
    // 1 on the wire; 2,3,4 full behind it, so the sixth add waited until 2,3,4 went out; 5,6 wait for that ack.
    expect(log).toEqual(['publish 1', 'acked', 'publish 2,3,4']);
    await pipeline.flush();
    expect(log.filter((l) => !l.startsWith('checkpoint'))).toEqual(['publish 1', 'acked', 'publish 2,3,4', 'acked', 'publish 5,6', 'acked']);
  });

  it('drops what is buffered on discard, still finishing the send in flight', async () => {
    const { pipeline, log } = recorder({ batchSize: 10, slowPublishMs: 10 });
    for (let i = 1; i <= 3; i++) await pipeline.add(event(i));
    await pipeline.discard();
    await tick(20);
    expect(log.filter((l) => !l.startsWith('checkpoint'))).toEqual(['publish 1', 'acked']);
  });

  it('holds the subscription back while a full batch waits behind the one in flight', async () => {
    const { pipeline, log } = recorder({ batchSize: 1, slowPublishMs: 30 });
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
    const { pipeline, log, failures } = recorder({ batchSize: 2, slowPublishMs: 5, failOn: 3 });
    for (let i = 1; i <= 6; i++) await pipeline.add(event(i)).catch(() => undefined);
    await expect(pipeline.flush()).rejects.toThrow('broker down');
    // Batch 1 was acked (its checkpoint may or may not have been written before the failure); 2,3 never is.
    expect(log.filter((l) => l !== 'checkpoint 1')).toEqual(['publish 1', 'acked', 'publish 2,3']);
    expect(failures).toHaveLength(1);
    await expect(pipeline.add(event(7))).rejects.toThrow('broker down');
  });
});
