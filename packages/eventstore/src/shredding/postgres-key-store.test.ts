import { randomBytes } from 'node:crypto';
import { createTestDatabase, findServer, urlOf } from '@ejp/testkit';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { keyStoreContract } from '../../test/key-store-contract.ts';
import { localKeyWrapper } from './key-wrapper.ts';
import { openPostgresKeyStore } from './postgres-key-store.ts';

const wrapper = localKeyWrapper([randomBytes(32)]);

const server = await findServer('postgres');

describe.runIf(server.available)('postgres key store', () => {
  let url = '';
  beforeAll(async () => {
    url = await createTestDatabase(urlOf(server), 'keys');
  });

  keyStoreContract('postgres', () => openPostgresKeyStore({ connectionString: url, wrapper }));

  describe('storage', () => {
    it('nulls the key column on erasure and keeps the row', async () => {
      const store = await openPostgresKeyStore({ connectionString: url, wrapper });
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const key = await store.getOrCreateKey('e-1');
        const row = async () => (await client.query('SELECT "key", created_at, erased_at, master_key_id FROM keys WHERE subject_id = $1', ['e-1'])).rows[0];
        const stored = await row();
        expect(stored.master_key_id).toBe(wrapper.currentKeyId);
        expect(stored.key.includes(key)).toBe(false); // only wrapped
        expect((await wrapper.unwrap({ masterKeyId: stored.master_key_id, wrapped: stored.key }, 'e-1')).equals(key)).toBe(true);
        await store.erase('e-1');
        expect(await row()).toMatchObject({ key: null, erased_at: expect.any(Date), created_at: expect.any(Date) });
      } finally {
        await client.end();
        await store.close();
      }
    });

    it('survives its idle connections being killed by the server, and reconnects', async () => {
      const store = await openPostgresKeyStore({ connectionString: url, wrapper });
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const key = await store.getOrCreateKey('e-killed');
        // What a server restart or a dropped database does to a pool's idle connections. Without a pool
        // 'error' handler the FATAL message is an unhandled 'error' event, which crashes the process.
        const killed = await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'",
        );
        expect(killed.rowCount).toBeGreaterThan(0);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect((await store.getOrCreateKey('e-killed')).equals(key)).toBe(true);
      } finally {
        await admin.end();
        await store.close();
      }
    });

    it('leaves a pool it was given open', async () => {
      const given = new pg.Pool({ connectionString: url, max: 1 });
      const store = await openPostgresKeyStore({ pool: given, wrapper });
      await store.close();
      expect((await given.query('SELECT 1 AS one')).rows[0].one).toBe(1);
      await given.end();
    });
  });
});
