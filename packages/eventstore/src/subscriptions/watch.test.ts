import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventStore, RecordedEvent } from '../port.ts';
import { openSqliteEventStore } from '../sqlite/event-store.ts';
import { type StoreWatch, watchStore } from './watch.ts';

const event = (type: string) => ({ id: randomUUID(), type, data: {}, metadata: {} });

let store: EventStore;
let watch: StoreWatch<number> | undefined;
afterEach(async () => {
  await watch?.stop();
  await store.close();
});

describe('watchStore', () => {
  it('learns every matching event, stored before the start (across pages) and after it, once each, and checks at start and on demand', async () => {
    store = await openSqliteEventStore({ path: ':memory:' });
    await store.appendToStream('ticket-1', [event('a'), event('b'), event('c')]);
    await store.appendToStream('other-1', [event('a')]);
    const learnt: RecordedEvent[] = [];
    let checks = 0;
    watch = watchStore({
      store,
      filter: { streamPrefixes: ['ticket-'] },
      learn: (e) => void learnt.push(e),
      check: async () => ++checks,
      everyMs: 3_600_000,
      pageSize: 2,
    });
    await watch.start();
    expect(learnt.map((e) => e.type)).toEqual(['a', 'b', 'c']);
    expect(checks).toBe(1);
    await store.appendToStream('ticket-2', [event('d')]);
    await vi.waitFor(() => expect(learnt.map((e) => e.type)).toEqual(['a', 'b', 'c', 'd']));
    expect(await watch.run()).toBe(2);
  });

  it('never runs two checks at once: a run asked for meanwhile joins the one under way', async () => {
    store = await openSqliteEventStore({ path: ':memory:' });
    let release: () => void = () => undefined;
    let checks = 0;
    watch = watchStore({
      store,
      filter: {},
      learn: () => undefined,
      check: () => new Promise<number>((resolve) => {
        checks += 1;
        release = () => resolve(checks);
      }),
      everyMs: 3_600_000,
    });
    const started = watch.start();
    await vi.waitFor(() => expect(checks).toBe(1));
    const joined = watch.run();
    release();
    await started;
    expect(await joined).toBe(1);
    expect(checks).toBe(1);
  });
});
