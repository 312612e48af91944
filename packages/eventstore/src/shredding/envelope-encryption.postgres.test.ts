import { randomBytes } from 'node:crypto';
import { createTestDatabase, findServer, urlOf } from '@ejp/testkit';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { hire } from '../../test/shredding-fixtures.ts';
import { openShreddingEventStore, type ShreddingEventStoreSettings } from '../open/open-shredding-event-store.ts';
import { openPostgresEventStore } from '../postgres/event-store.ts';
import { catalogueShreddingPolicy } from './catalogue-policy.ts';
import { withCryptoShredding } from './crypto-shredding.ts';
import { isEncryptedField } from './field-cipher.ts';
import { MasterKeyUnavailableError } from './key-wrapper.ts';
import { InMemoryKeyStore } from './memory-key-store.ts';

const server = await findServer('postgres');
const masterKey = () => randomBytes(32).toString('base64');
const NAME = 'Zenobia';

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function withStores<T>(settings: ShreddingEventStoreSettings, work: (stores: Awaited<ReturnType<typeof openShreddingEventStore>>) => Promise<T>): Promise<T> {
  const closers: (() => Promise<void> | void)[] = [];
  const stores = await openShreddingEventStore({ EVENTSTORE_BACKEND: 'postgres', ...settings }, { add: (_name, close) => closers.push(close) });
  try {
    return await work(stores);
  } finally {
    for (const close of closers.reverse()) await close();
  }
}

/** Copies every row of a table between databases, as a dump and restore of the stolen tables would. */
async function copyTable(from: string, to: string, table: string): Promise<void> {
  const rows = await query<Record<string, unknown>>(from, `SELECT * FROM ${table}`);
  for (const row of rows) {
    const columns = Object.keys(row);
    await query(
      to,
      `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) OVERRIDING SYSTEM VALUE VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      columns.map((c) => (c === 'data' || c === 'metadata' ? JSON.stringify(row[c]) : row[c])),
    );
  }
}

describe.runIf(server.available)('envelope encryption on PostgreSQL', () => {
  let [owner, thief] = ['', ''];
  beforeAll(async () => {
    owner = await createTestDatabase(urlOf(server), 'envelope_owner');
    thief = await createTestDatabase(urlOf(server), 'envelope_thief');
  });

  it('the tables copied to another server with a wrong master key decrypt no personal field', async () => {
    const master = masterKey();
    const { stream } = await withStores({ EVENTSTORE_URL: owner, KEYSTORE_MASTER_KEY: master }, (stores) => hire(stores.store, NAME));
    const keyRows = await query<{ key: Buffer; master_key_id: string }>(owner, 'SELECT "key", master_key_id FROM keys');
    expect(keyRows).toHaveLength(1);
    expect(keyRows[0]!.master_key_id).toMatch(/^local:[0-9a-f]{16}$/);

    // The thief restores both tables into a database of their own and opens it with a key of their own.
    await withStores({ EVENTSTORE_URL: thief, KEYSTORE_MASTER_KEY: masterKey() }, async () => undefined); // creates the tables
    await copyTable(owner, thief, 'eventstore.events');
    await copyTable(owner, thief, 'keys');
    const dump = JSON.stringify(await query(thief, 'SELECT data FROM eventstore.events'));
    expect(dump).not.toContain(NAME);
    await withStores({ EVENTSTORE_URL: thief, KEYSTORE_MASTER_KEY: masterKey() }, async ({ store, raw }) => {
      await expect(store.readStream(stream)).rejects.toBeInstanceOf(MasterKeyUnavailableError);
      const [stored] = await raw.readStream(stream);
      for (const path of ['givenName', 'familyName', 'email']) expect(isEncryptedField(stored!.data[path])).toBe(true);
    });
    // Without any master key the key store does not even open, naming the variable.
    await expect(withStores({ EVENTSTORE_URL: thief }, async () => undefined)).rejects.toThrow(/KEYSTORE_MASTER_KEY/);
    // The owner's key opens the thief's copy: the master key, not the database, is the secret.
    await withStores({ EVENTSTORE_URL: thief, KEYSTORE_MASTER_KEY: master }, async ({ store }) => {
      expect((await store.readStream(stream))[0]!.data.givenName).toBe(NAME);
    });
  });

  it('wraps keys stored in clear by an earlier version on first start, and rotates without touching the events', async () => {
    const url = await createTestDatabase(urlOf(server), 'envelope_legacy');
    const raw = await openPostgresEventStore({ connectionString: url });
    const memory = new InMemoryKeyStore();
    const { employeeId, stream, events } = await hire(withCryptoShredding(raw, { keys: memory, ...catalogueShreddingPolicy() }), NAME);
    await raw.close();
    const dataKey = await memory.getOrCreateKey(employeeId);
    await query(url, `CREATE TABLE keys (subject_id text PRIMARY KEY, "key" bytea, created_at timestamptz NOT NULL DEFAULT now(), erased_at timestamptz,
      CHECK (("key" IS NULL) = (erased_at IS NOT NULL)))`);
    await query(url, 'INSERT INTO keys (subject_id, "key") VALUES ($1, $2)', [employeeId, dataKey]);

    const [a, b] = [masterKey(), masterKey()];
    const reports: unknown[] = [];
    const open = async (settings: ShreddingEventStoreSettings) => {
      const closers: (() => Promise<void> | void)[] = [];
      const stores = await openShreddingEventStore(
        { EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: url, ...settings },
        { add: (_name, close) => closers.push(close) },
        {},
        { onOpened: ({ migration }) => reports.push(migration) },
      );
      try {
        return { data: (await stores.store.readStream(stream)).map((e) => e.data), stored: await stores.raw.readStream(stream) };
      } finally {
        for (const close of closers.reverse()) await close();
      }
    };
    const first = await open({ KEYSTORE_MASTER_KEY: a });
    expect(first.data).toEqual(events.map((e) => e.data));
    const [row] = await query<{ key: Buffer }>(url, 'SELECT "key" FROM keys');
    expect(row!.key.includes(dataKey)).toBe(false);

    const rotated = await open({ KEYSTORE_MASTER_KEY: b, KEYSTORE_PREVIOUS_MASTER_KEYS: a });
    expect(rotated).toEqual(first); // same plaintext, and not one stored event rewritten
    await expect(open({ KEYSTORE_MASTER_KEY: a })).rejects.toBeInstanceOf(MasterKeyUnavailableError);
    expect(reports.slice(0, 2)).toEqual([
      { wrapped: 1, rewrapped: 0, unavailable: [] },
      { wrapped: 0, rewrapped: 1, unavailable: [] },
    ]);
  });
});
