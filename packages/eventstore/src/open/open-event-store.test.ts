import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import { createTestDatabase, findServer, urlOf } from '@ejp/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEncryptedField } from '../shredding/field-cipher.ts';
import { hire } from '../../test/shredding-fixtures.ts';
import type { ResourceRegistry } from './locations.ts';
import { openCheckpointStore, openEventStore } from './open-event-store.ts';
import { openShreddingEventStore } from './open-shredding-event-store.ts';

const postgres = await findServer('postgres');
const dir = mkdtempSync(join(tmpdir(), 'ejp-open-eventstore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A ResourceStack stand-in: names in registration order, closed newest first. */
function registry(): ResourceRegistry & { names: string[]; closeAll: () => Promise<void> } {
  const entries: { name: string; close: () => Promise<void> | void }[] = [];
  return {
    add: (name, close) => void entries.push({ name, close }),
    get names() {
      return entries.map((e) => e.name);
    },
    closeAll: async () => {
      for (const entry of entries.splice(0).reverse()) await entry.close();
    },
  };
}

describe('openEventStore on sqlite', () => {
  it('opens the file at EVENTSTORE_URL, creating its directory, and registers its close', async () => {
    const file = join(dir, 'nested', 'deeper', 'events.db');
    const resources = registry();
    const store = await openEventStore({ EVENTSTORE_URL: file }, resources);
    const { stream } = await hire(store);
    expect(resources.names).toEqual(['eventstore']);
    await resources.closeAll();

    const again = await openEventStore({ EVENTSTORE_BACKEND: 'sqlite', EVENTSTORE_URL: file });
    expect(await again.readStream(stream)).toHaveLength(4);
    await again.close();
  });

  it('refuses settings it cannot open, naming the variable', async () => {
    await expect(openEventStore({ EVENTSTORE_BACKEND: 'postgres' })).rejects.toThrow(/EVENTSTORE_URL: is required when EVENTSTORE_BACKEND=postgres/);
  });

  it('loads the EventStoreDB client only when esdb is chosen', async () => {
    // A child process that records every module it resolves, then opens a sqlite and (lazily connecting) an esdb store.
    const script = `
      import { registerHooks } from 'node:module';
      const seen = new Set();
      registerHooks({ resolve: (specifier, context, next) => { seen.add(specifier); return next(specifier, context); } });
      const { openEventStore } = await import(${JSON.stringify(new URL('./open-event-store.ts', import.meta.url).href)});
      const sqlite = await openEventStore({ EVENTSTORE_URL: ${JSON.stringify(join(dir, 'lazy', 'events.db'))} });
      await sqlite.close();
      const before = seen.has('@eventstore/db-client');
      const esdb = await openEventStore({ EVENTSTORE_BACKEND: 'esdb', EVENTSTORE_URL: 'esdb://127.0.0.1:1?tls=false' });
      await esdb.close();
      console.log(JSON.stringify({ before, after: seen.has('@eventstore/db-client') }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    expect(JSON.parse(stdout)).toEqual({ before: false, after: true });
  });
});

describe('openShreddingEventStore on sqlite', () => {
  it('returns the raw store and the decorator, with the keys in the event file, closing keys before events', async () => {
    const file = join(dir, 'shredding', 'events.db');
    const resources = registry();
    const { raw, store } = await openShreddingEventStore({ EVENTSTORE_URL: file }, resources);
    const { stream } = await hire(store, 'Grace');
    const [decrypted] = await store.readStream(stream);
    const [stored] = await raw.readStream(stream);
    expect(decrypted!.data.givenName).toBe('Grace');
    expect(isEncryptedField(stored!.data.givenName)).toBe(true);
    expect(resources.names).toEqual(['eventstore', 'keystore']);
    await resources.closeAll();

    const db = new DatabaseSync(file);
    expect(db.prepare('SELECT count(*) AS n FROM keys').get()).toEqual({ n: 1 });
    db.close();
  });

  it('puts the keys where KEYSTORE_URL says', async () => {
    const keysFile = join(dir, 'elsewhere', 'keys.db');
    const resources = registry();
    const { store } = await openShreddingEventStore({ EVENTSTORE_URL: join(dir, 'split', 'events.db'), KEYSTORE_URL: keysFile }, resources);
    await hire(store);
    await resources.closeAll();
    expect(existsSync(keysFile)).toBe(true);
  });
});

describe('openCheckpointStore on sqlite', () => {
  it('keeps checkpoints in the file and table given', async () => {
    const file = join(dir, 'checkpoints', 'read-models.db');
    const checkpoints = await openCheckpointStore(file, { table: 'bus_checkpoints' });
    await checkpoints.store('bus', 42n);
    await checkpoints.close();
    const db = new DatabaseSync(file, { readBigInts: true });
    expect(db.prepare('SELECT subscriber_id, position FROM bus_checkpoints').all()).toEqual([{ subscriber_id: 'bus', position: 42n }]);
    db.close();
  });
});

describe.runIf(postgres.available)('opening on PostgreSQL', () => {
  let url = '';
  beforeAll(async () => {
    url = await createTestDatabase(urlOf(postgres), 'open_eventstore');
  });
  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  it('opens the event store at EVENTSTORE_URL in EVENTSTORE_SCHEMA, and keeps the keys in the same database', async () => {
    const resources = registry();
    const { raw, store } = await openShreddingEventStore({ EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: url, EVENTSTORE_SCHEMA: 'opened', KEYSTORE_MASTER_KEY: randomBytes(32).toString('base64') }, resources);
    const { stream } = await hire(store, 'Hedy');
    expect((await store.readStream(stream))[0]!.data.givenName).toBe('Hedy');
    expect(isEncryptedField((await raw.readStream(stream))[0]!.data.givenName)).toBe(true);
    await resources.closeAll();

    expect(await query('SELECT count(*)::int AS n FROM opened.events')).toEqual([{ n: 4 }]);
    expect(await query('SELECT count(*)::int AS n FROM keys')).toEqual([{ n: 1 }]);
  });

  it('opens checkpoints at a postgres:// location next to the events', async () => {
    const checkpoints = await openCheckpointStore(url, { schema: 'opened' });
    await checkpoints.store('relay:x', 7n);
    await checkpoints.close();
    expect(await query("SELECT position::int AS p FROM opened.checkpoints WHERE subscriber_id = 'relay:x'")).toEqual([{ p: 7 }]);
  });
});
