import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, newEvents } from '../../test/contract/helpers.ts';
import { openSqliteEventStore } from './event-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'ejp-sqlite-adapter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sqlite adapter', () => {
  it('wakes subscribers of another store on the same file in this process without waiting for a poll', async () => {
    const path = join(dir, 'two-stores.db');
    const writer = await openSqliteEventStore({ path });
    const reader = await openSqliteEventStore({ path, pollIntervalMs: 60_000 });
    const subscriber = collect(reader, {});
    await subscriber.waitFor(0);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the subscriber is now waiting for a signal
    await writer.appendToStream('a', newEvents(2));
    await subscriber.waitFor(2, 1_000);
    await reader.close();
    await writer.close();
  });

  it('serialises writers on different connections to one file: revisions stay contiguous', async () => {
    const path = join(dir, 'two-writers.db');
    const stores = await Promise.all([openSqliteEventStore({ path }), openSqliteEventStore({ path })]);
    await Promise.all(
      stores.map(async (store) => {
        for (let i = 0; i < 20; i++) await store.appendToStream('shared', newEvents(1 + (i % 2)), { expectedRevision: 'any' });
      }),
    );
    const revisions = (await stores[0]!.readStream('shared')).map((e) => e.revision);
    expect(revisions).toEqual(Array.from({ length: 60 }, (_, i) => BigInt(i)));
    await Promise.all(stores.map((store) => store.close()));
  });

  it('a subscription whose filter few events match reads on from the head, not from its last match', async () => {
    const store = await openSqliteEventStore({ path: join(dir, 'rare-filter.db') });
    const subscriber = collect(store, { filter: { streamPrefixes: ['rare-'] } });
    await store.appendToStream('rare-1', newEvents(1));
    await subscriber.waitFor(1);
    for (let i = 0; i < 30; i++) await store.appendToStream(`busy-${i}`, newEvents(1));
    const last = await store.appendToStream('busy-last', newEvents(1));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the subscription has read past them all
    const froms: (bigint | undefined)[] = [];
    const readAll = store.readAll.bind(store);
    store.readAll = (options = {}) => {
      froms.push(options.after);
      return readAll(options);
    };
    await store.appendToStream('busy-again', newEvents(1));
    await store.appendToStream('rare-2', newEvents(1));
    await subscriber.waitFor(2);
    // Every read after the busy appends started at or past the last of them: they were not scanned again.
    expect(froms.length).toBeGreaterThan(0);
    for (const from of froms) expect(from).toBeGreaterThanOrEqual(last.position);
    expect(subscriber.delivered.map((event) => event.streamName)).toEqual(['rare-1', 'rare-2']);
    await store.close();
  });

  it('close() stops its subscriptions, and a closed store refuses new ones', async () => {
    const store = await openSqliteEventStore({ path: ':memory:' });
    const subscriber = collect(store, {});
    await store.close();
    await subscriber.subscription.done;
    expect(subscriber.errors).toEqual([]);
    expect(() => store.subscribeToAll({ handler: async () => {} })).toThrow(/closed/);
    await expect(store.ping()).rejects.toThrow();
    await store.close(); // twice is harmless
  });
});
