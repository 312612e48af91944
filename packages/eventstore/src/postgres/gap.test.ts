import { randomUUID } from 'node:crypto';
import { createTestDatabase, findServer, urlOf } from '@ejp/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryCheckpointStore } from '../checkpoints/memory.ts';
import { subscribeWithCheckpoints } from '../checkpoints/subscribe-with-checkpoints.ts';
import { newEvent, newEvents, waitUntil } from '../../test/contract/helpers.ts';
import type { EventStore, RecordedEvent } from '../port.ts';
import { openPostgresEventStore } from './event-store.ts';

const server = await findServer('postgres');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The gap problem: a transaction that took position 1 commits after one
 * that took position 2. A reader that saw 2 and checkpointed it never
 * looks at 1 again. These tests pause an append inside its transaction
 * (after its insert, before COMMIT) and let a second append try to commit.
 */
describe.runIf(server.available)('postgres: no subscriber skips an event committed late', { timeout: 20_000 }, () => {
  let url = '';
  let admin: pg.Client;
  beforeAll(async () => {
    url = await createTestDatabase(urlOf(server), 'eventstore_gap');
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(() => admin?.end());

  /** A store whose appends to stream `slow` wait inside their transaction until released. */
  async function openWithSlowStream(withoutAppendLock: boolean) {
    let release!: () => void;
    let entered!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const paused = new Promise<void>((resolve) => (entered = resolve));
    const store = await openPostgresEventStore({
      connectionString: url,
      schema: `gap_${randomUUID().slice(0, 8)}`,
      pollIntervalMs: 10,
      testing: {
        withoutAppendLock,
        beforeCommit: async (stream) => {
          if (stream !== 'slow') return;
          entered();
          await released;
        },
      },
    });
    return { store, release, paused };
  }

  function subscriber(store: EventStore) {
    const delivered: RecordedEvent[] = [];
    const checkpoints = new InMemoryCheckpointStore();
    const subscription = subscribeWithCheckpoints({
      store,
      checkpoints,
      subscriberId: 'relay',
      retry: { backoff: () => 10 },
      handler: async (event) => void delivered.push(event),
    });
    return { delivered, checkpoint: () => checkpoints.load('relay'), subscription };
  }

  it('holds back a later commit until the slower earlier transaction commits, then delivers both once', async () => {
    const { store, release, paused } = await openWithSlowStream(false);
    const relay = subscriber(store);
    const [first, second] = [newEvent('Slow'), newEvent('Fast')];
    const slow = store.appendToStream('slow', [first!]);
    await paused; // inside its transaction, holding the append lock
    const fast = store.appendToStream('fast', [second!]);
    // The fast append is queued behind the lock: it cannot take a position, let alone commit one.
    const waiting = async () =>
      (
        await admin.query(
          `SELECT count(*)::int AS n FROM pg_locks
           WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        )
      ).rows[0].n;
    for (let i = 0; i < 200 && (await waiting()) === 0; i++) await sleep(5);
    expect(await waiting()).toBe(1);
    await sleep(100); // ten poll intervals: the subscriber reads and finds nothing committed
    expect(relay.delivered).toEqual([]);
    expect(await relay.checkpoint()).toBeUndefined();

    release();
    const [slowResult, fastResult] = await Promise.all([slow, fast]);
    expect(slowResult.position).toBeLessThan(fastResult.position);
    await waitUntil(() => relay.delivered.length >= 2, 10_000, 'both events');
    await sleep(50); // room for a duplicate to show up
    await relay.subscription.stop();
    expect(relay.delivered.map((e) => e.id)).toEqual([first!.id, second!.id]);
    expect(await relay.checkpoint()).toBe(fastResult.position);
    await store.close();
  });

  it('without the append lock, the same schedule makes the subscriber skip the slow event (the test can fail)', async () => {
    const { store, release, paused } = await openWithSlowStream(true);
    const relay = subscriber(store);
    const [first, second] = [newEvent('Slow'), newEvent('Fast')];
    const slow = store.appendToStream('slow', [first!]);
    await paused; // took position 1, not committed
    const fastResult = await store.appendToStream('fast', [second!]); // takes position 2 and commits
    await waitUntil(() => relay.delivered.length === 1, 10_000, 'the fast event');
    expect(await relay.checkpoint()).toBe(fastResult.position); // checkpointed past the gap
    release();
    const slowResult = await slow;
    expect(slowResult.position).toBeLessThan(fastResult.position);
    await sleep(100);
    await relay.subscription.stop();
    expect(relay.delivered.map((e) => e.id)).toEqual([second!.id]); // the slow event is lost to this subscriber
    await store.close();
  });

  it('delivers every event once, in order, when many appends commit with random delays inside their transactions', async () => {
    const store = await openPostgresEventStore({
      connectionString: url,
      schema: `gap_${randomUUID().slice(0, 8)}`,
      pollIntervalMs: 10,
      testing: { beforeCommit: async () => void (await sleep(Math.random() * 3)) },
    });
    const relay = subscriber(store);
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; i < 15; i++) await store.appendToStream(`journey-${w}`, newEvents(1 + (i % 3)));
      }),
    );
    const all = await store.readAll();
    expect(all).toHaveLength(8 * 30);
    // On timeout the assertion below shows what was skipped.
    await waitUntil(() => relay.delivered.length >= all.length, 3_000, 'all events').catch(() => undefined);
    await sleep(50);
    await relay.subscription.stop();
    expect(relay.delivered.map((e) => e.id)).toEqual(all.map((e) => e.id));
    await store.close();
  });
});
