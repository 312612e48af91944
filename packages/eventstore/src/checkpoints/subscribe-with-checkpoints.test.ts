import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newEvents, waitUntil } from '../../test/contract/helpers.ts';
import type { EventStore, GlobalPosition, RecordedEvent } from '../port.ts';
import { openSqliteEventStore } from '../sqlite/event-store.ts';
import { InMemoryCheckpointStore } from './memory.ts';
import { subscribeWithCheckpoints } from './subscribe-with-checkpoints.ts';

let store: EventStore;
let checkpoints: InMemoryCheckpointStore;
beforeEach(async () => {
  store = await openSqliteEventStore({ path: ':memory:' });
  checkpoints = new InMemoryCheckpointStore();
});
afterEach(() => store.close());

const positionsOf = (events: RecordedEvent[]) => events.map((e) => e.position);

describe('subscribeWithCheckpoints', () => {
  it('saves the position after each event and resumes after it', async () => {
    await store.appendToStream('a', newEvents(3));
    const seen: RecordedEvent[] = [];
    const first = subscribeWithCheckpoints({ store, checkpoints, subscriberId: 's', handler: async (e) => void seen.push(e) });
    await waitUntil(() => seen.length === 3);
    expect(await checkpoints.load('s')).toBe(seen[2]!.position);
    await first.stop();

    await store.appendToStream('a', newEvents(2));
    const second = subscribeWithCheckpoints({ store, checkpoints, subscriberId: 's', handler: async (e) => void seen.push(e) });
    await waitUntil(() => seen.length === 5);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await second.stop();
    expect(seen.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
  });

  it('after a handler error, waits the backoff and resubscribes from the last checkpoint', async () => {
    await store.appendToStream('a', newEvents(4));
    const seen: GlobalPosition[] = [];
    const attempts: number[] = [];
    const errors: unknown[] = [];
    let failures = 0;
    const subscription = subscribeWithCheckpoints({
      store,
      checkpoints,
      subscriberId: 's',
      retry: {
        backoff: (attempt) => {
          attempts.push(attempt);
          return 1;
        },
      },
      onError: (error) => errors.push(error),
      handler: async (event) => {
        if (event.revision === 2n && failures < 3) {
          failures++;
          throw new Error(`failure ${failures}`);
        }
        seen.push(event.position);
      },
    });
    await waitUntil(() => seen.length === 4);
    await subscription.stop();
    expect(seen).toEqual(positionsOf(await store.readStream('a')));
    expect(attempts).toEqual([1, 2, 3]);
    expect(errors.map((e) => (e as Error).message)).toEqual(['failure 1', 'failure 2', 'failure 3']);
  });

  it('counts attempts again from 1 once an event was handled', async () => {
    await store.appendToStream('a', newEvents(3));
    const attempts: number[] = [];
    const failed = new Set<bigint>();
    const seen: bigint[] = [];
    const subscription = subscribeWithCheckpoints({
      store,
      checkpoints,
      subscriberId: 's',
      retry: {
        backoff: (attempt) => {
          attempts.push(attempt);
          return 1;
        },
      },
      handler: async (event) => {
        if (event.revision > 0n && !failed.has(event.revision)) {
          failed.add(event.revision);
          throw new Error('once');
        }
        seen.push(event.revision);
      },
    });
    await waitUntil(() => seen.length === 3);
    await subscription.stop();
    expect(attempts).toEqual([1, 1]);
  });

  it('stop() during the backoff returns without waiting it out', async () => {
    await store.appendToStream('a', newEvents(1));
    let calls = 0;
    const subscription = subscribeWithCheckpoints({
      store,
      checkpoints,
      subscriberId: 's',
      retry: { backoff: () => 60_000 },
      handler: async () => {
        calls++;
        throw new Error('always');
      },
    });
    await waitUntil(() => calls === 1);
    const started = Date.now();
    await subscription.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('with checkpointEvery, saves every n events and the rest when stopped', async () => {
    await store.appendToStream('a', newEvents(5));
    const events = await store.readStream('a');
    const saved: GlobalPosition[] = [];
    const spy = new InMemoryCheckpointStore();
    const original = spy.store.bind(spy);
    spy.store = async (id, position) => {
      saved.push(position);
      await original(id, position);
    };
    let handled = 0;
    const subscription = subscribeWithCheckpoints({
      store,
      checkpoints: spy,
      subscriberId: 's',
      checkpointEvery: 2,
      handler: async () => void handled++,
    });
    await waitUntil(() => handled === 5);
    expect(saved).toEqual([events[1]!.position, events[3]!.position]);
    await subscription.stop();
    expect(saved).toEqual([events[1]!.position, events[3]!.position, events[4]!.position]);
  });

  it('treats a checkpoint that cannot be saved as a failure: retries and redelivers (at least once)', async () => {
    await store.appendToStream('a', newEvents(2));
    const flaky = new InMemoryCheckpointStore();
    const original = flaky.store.bind(flaky);
    let failSaves = 2; // the save after the handler, then the save when the failed subscription ends
    flaky.store = async (id, position) => {
      if (failSaves-- > 0) throw new Error('disk full');
      await original(id, position);
    };
    const seen: bigint[] = [];
    const subscription = subscribeWithCheckpoints({
      store,
      checkpoints: flaky,
      subscriberId: 's',
      retry: { backoff: () => 1 },
      handler: async (event) => void seen.push(event.revision),
    });
    await waitUntil(() => seen.length === 3);
    await subscription.stop();
    expect(seen).toEqual([0n, 0n, 1n]);
  });

  it('can be stopped from inside its handler', async () => {
    await store.appendToStream('a', newEvents(3));
    let calls = 0;
    const subscription = subscribeWithCheckpoints({
      store,
      checkpoints,
      subscriberId: 's',
      handler: async () => {
        calls++;
        await subscription.stop();
      },
    });
    await subscription.done;
    expect(calls).toBe(1);
  });

  it('ends when the event store is closed', async () => {
    const subscription = subscribeWithCheckpoints({ store, checkpoints, subscriberId: 's', handler: async () => {} });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await store.close();
    await subscription.done;
  });
});
