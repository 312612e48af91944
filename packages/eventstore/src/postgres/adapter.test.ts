import { randomUUID } from 'node:crypto';
import { createTestDatabase, findServer, urlOf } from '@ejp/testkit';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect, newEvents } from '../../test/contract/helpers.ts';
import { openPostgresEventStore, type PostgresEventStoreOptions } from './event-store.ts';

const server = await findServer('postgres');
const schemaName = () => `adapter_${randomUUID().slice(0, 8)}`;

describe.runIf(server.available)('postgres adapter', { timeout: 20_000 }, () => {
  let url = '';
  beforeAll(async () => {
    url = await createTestDatabase(urlOf(server), 'eventstore_adapter');
  });
  const open = (options: Omit<PostgresEventStoreOptions, 'connectionString'>) =>
    openPostgresEventStore({ connectionString: url, ...options });

  it('migrates idempotently, also from several processes at once', async () => {
    const schema = schemaName();
    const stores = await Promise.all([open({ schema }), open({ schema }), open({ schema })]);
    await stores[0]!.appendToStream('a', newEvents(1));
    const again = await open({ schema });
    expect(await again.readStream('a')).toHaveLength(1);
    await Promise.all([...stores, again].map((store) => store.close()));
  });

  it('keeps schemas apart', async () => {
    const [one, two] = await Promise.all([open({ schema: schemaName() }), open({ schema: schemaName() })]);
    await one.appendToStream('a', newEvents(2));
    expect(await two.readAll()).toEqual([]);
    expect(await two.readStream('a')).toEqual([]);
    await Promise.all([one.close(), two.close()]);
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(open({ schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(/schema/);
  });

  it('wakes a subscriber of another store (another process) by NOTIFY, without waiting for a poll', async () => {
    const schema = schemaName();
    const writer = await open({ schema, listen: false });
    const reader = await open({ schema, pollIntervalMs: 60_000 });
    const subscriber = collect(reader, {});
    await new Promise((resolve) => setTimeout(resolve, 200)); // LISTEN is up and the subscriber waits
    await writer.appendToStream('a', newEvents(2));
    await subscriber.waitFor(2, 2_000);
    await Promise.all([reader.close(), writer.close()]);
  });

  it('falls back to polling without LISTEN', async () => {
    const schema = schemaName();
    const writer = await open({ schema });
    const reader = await open({ schema, listen: false, pollIntervalMs: 20 });
    const subscriber = collect(reader, {});
    await writer.appendToStream('a', newEvents(2));
    await subscriber.waitFor(2, 2_000);
    await Promise.all([reader.close(), writer.close()]);
  });

  it('re-LISTENs after its listening connection is killed', async () => {
    const schema = schemaName();
    const writer = await open({ schema, listen: false });
    const reader = await open({ schema, pollIntervalMs: 60_000 });
    const subscriber = collect(reader, {});
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const listeners = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN "ejp_events_${schema}"'`;
    let pids: number[] = [];
    for (let i = 0; i < 100 && pids.length === 0; i++) {
      pids = (await admin.query(listeners)).rows.map((row) => row.pid);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(pids).toHaveLength(1);
    await admin.query('SELECT pg_terminate_backend($1)', [pids[0]]);
    for (let i = 0; i < 300; i++) {
      const now = (await admin.query(listeners)).rows.map((row) => row.pid);
      if (now.length === 1 && now[0] !== pids[0]) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await writer.appendToStream('a', newEvents(1));
    await subscriber.waitFor(1, 2_000);
    await admin.end();
    await Promise.all([reader.close(), writer.close()]);
  });

  it('close() stops its subscriptions, and a closed store refuses new ones', async () => {
    const store = await open({ schema: schemaName() });
    const subscriber = collect(store, {});
    await store.close();
    await subscriber.subscription.done;
    expect(subscriber.errors).toEqual([]);
    expect(() => store.subscribeToAll({ handler: async () => {} })).toThrow(/closed/);
    await store.close();
  });

  it('fails to open when the server cannot be reached', async () => {
    await expect(openPostgresEventStore({ connectionString: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toThrow();
  });
});
