import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyStoreContract } from '../../test/key-store-contract.ts';
import { localKeyWrapper } from './key-wrapper.ts';
import { openSqliteKeyStore } from './sqlite-key-store.ts';

const wrapper = localKeyWrapper([randomBytes(32)]);

const dir = mkdtempSync(join(tmpdir(), 'ejp-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, 'keys.db');

function filesHold(file: string, bytes: Buffer): boolean {
  return [file, `${file}-wal`].some((f) => existsSync(f) && readFileSync(f).includes(bytes));
}

keyStoreContract('sqlite', () => openSqliteKeyStore({ path, wrapper }));

describe('sqlite key store storage', () => {
  it('stores the key only wrapped in a keys table, and leaves no wrapped bytes in the database or WAL after erasure', async () => {
    const file = join(dir, 'erase.db');
    const store = await openSqliteKeyStore({ path: file, wrapper });
    const raw = new DatabaseSync(file, { readOnly: true });
    try {
      for (const s of ['e-0', 'e-1', 'e-2']) await store.getOrCreateKey(s);
      const key = await store.getOrCreateKey('e-1');
      const row = () => raw.prepare('SELECT "key", created_at, erased_at, master_key_id FROM keys WHERE subject_id = ?').get('e-1') as Record<string, unknown>;
      const wrapped = Buffer.from(row().key as Uint8Array);
      expect(row().master_key_id).toBe(wrapper.currentKeyId);
      expect((await wrapper.unwrap({ masterKeyId: wrapper.currentKeyId, wrapped }, 'e-1')).equals(key)).toBe(true);
      expect(filesHold(file, wrapped)).toBe(true); // the scan below can see a stored key
      expect(filesHold(file, key)).toBe(false); // and the data key itself is never stored
      await store.erase('e-1');
      expect(row()).toMatchObject({ key: null, erased_at: expect.any(String), master_key_id: null });
      // Checked while the store is still open: closing would checkpoint the WAL and hide a leftover.
      expect(filesHold(file, wrapped)).toBe(false);
    } finally {
      raw.close();
      await store.close();
    }
  });

  it('refuses table names that are not plain identifiers', async () => {
    await expect(openSqliteKeyStore({ path: ':memory:', table: 'keys; DROP TABLE events', wrapper })).rejects.toThrow(/must match/);
  });
});
