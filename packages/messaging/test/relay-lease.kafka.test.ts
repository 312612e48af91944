import { findServer, testKafka, uniqueName, urlOf } from '@ejp/testkit';
import { describe, expect, it } from 'vitest';
import { headersAsStrings, type Lease, type LeaseStore, SqliteLeaseStore } from '../src/index.ts';
import { appendJourneys, openTempStore } from './support/journey-events.ts';
import { eventually, readTopic } from './support/kafka-read.ts';
import { startRelay } from './support/relay-fixture.ts';

const kafkaServer = await findServer('kafka');

/** A lease store that can be cut off, as when a relay's host loses the database or freezes. */
function severableLeases(path: string): LeaseStore & { sever(): void } {
  const inner = new SqliteLeaseStore({ path });
  let severed = false;
  const guard = <T>(fn: () => Promise<T>) => (severed ? Promise.reject(new Error('lease database unreachable')) : fn());
  return {
    tryAcquire: (n: string, o: string, t: number) => guard(() => inner.tryAcquire(n, o, t)),
    renew: (l: Lease, t: number) => guard(() => inner.renew(l, t)),
    release: (l: Lease) => guard(() => inner.release(l)),
    holder: (n: string) => inner.holder(n),
    close: () => inner.close(),
    sever: () => {
      severed = true;
    },
  };
}

describe.runIf(kafkaServer.available)('Relays sharing a lease', () => {
  it('only the lease holder publishes; the other takes over when the holder stops, and when it dies', async () => {
    const brokers = urlOf(kafkaServer);
    const { store, path, checkpoints } = await openTempStore();
    const topic = uniqueName('relay_lease');
    const lease = new SqliteLeaseStore({ path });
    const common = { store, checkpoints, path, brokers, topic, relayId: topic };
    const ttlMs = 1_500;

    // Two instances start together: one publishes, the other waits.
    const leasesA = severableLeases(path);
    const leasesB = severableLeases(path);
    const a = await startRelay({ ...common, instanceId: 'a', leases: leasesA });
    const b = await startRelay({ ...common, instanceId: 'b', leases: leasesB });
    await appendJourneys(store, 4, 5);
    await eventually(() => a.published + b.published >= 20, 'the first 20 events published');
    const [holder, waiter, waiterLeases] = a.published > 0 ? [a, b, leasesB] : [b, a, leasesA];
    expect(waiter.published).toBe(0);
    expect(waiter.state).toBe('waiting-for-lease');
    expect((await lease.holder(topic))?.owner).toBe(holder.instanceId);

    // The holder stops (deploy, scale-in): it releases, the waiter takes over at once.
    await holder.stop();
    const stoppedAt = Date.now();
    await eventually(() => waiter.state === 'publishing', 'the waiter to take the lease');
    expect(Date.now() - stoppedAt).toBeLessThan(ttlMs); // it did not wait for the expiry
    await appendJourneys(store, 4, 5);
    await eventually(() => waiter.published >= 20, 'the waiter to publish the next 20');
    expect(holder.published).toBe(20);

    // A third instance joins, then the active one "dies": it can no longer reach the lease database.
    const c = await startRelay({ ...common, instanceId: 'c' });
    const diedAt = Date.now();
    waiterLeases.sever();
    await eventually(() => c.state === 'publishing', 'the third instance to take the lease over', 3 * ttlMs);
    const publishedByTheDead = waiter.published;
    expect(Date.now() - diedAt).toBeGreaterThanOrEqual(ttlMs - 400); // it had to wait for the expiry
    expect(waiter.state).not.toBe('publishing'); // fenced: it stopped when it could not renew
    await appendJourneys(store, 4, 5);
    await eventually(() => c.published >= 20, 'the third instance to publish the last 20');
    expect(waiter.published).toBe(publishedByTheDead);

    // Every event is on the topic; nothing was published twice by overlapping holders.
    const stored = await store.readAll();
    const messages = await readTopic(testKafka(brokers), topic, { count: stored.length });
    expect(messages.map((m) => headersAsStrings(m.headers).ce_id).sort()).toEqual(stored.map((e) => e.id).sort());
    await lease.close();
  });
});
