import { createDecipheriv, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { hire } from '../../test/shredding-fixtures.ts';
import { type ShreddingEventStoreSettings, openShreddingEventStore } from '../open/open-shredding-event-store.ts';
import { openSqliteEventStore } from '../sqlite/event-store.ts';
import { catalogueShreddingPolicy } from './catalogue-policy.ts';
import { withCryptoShredding } from './crypto-shredding.ts';
import { type EncryptedField, isEncryptedField } from './field-cipher.ts';
import { KeyUnwrapFailedError, localKeyWrapper, MasterKeyUnavailableError } from './key-wrapper.ts';
import { InMemoryKeyStore } from './memory-key-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'ejp-envelope-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const masterKey = () => randomBytes(32).toString('base64');
// Distinctive, so a byte search cannot match anything else.
const NAME = 'Zenobia';

/** Opens the shredding store on a SQLite file with the given master-key settings; closes it after `work`. */
async function withStores<T>(settings: ShreddingEventStoreSettings, work: (stores: Awaited<ReturnType<typeof openShreddingEventStore>>) => Promise<T>): Promise<T> {
  const closers: (() => Promise<void> | void)[] = [];
  const stores = await openShreddingEventStore(settings, { add: (_name, close) => closers.push(close) });
  try {
    return await work(stores);
  } finally {
    for (const close of closers.reverse()) await close();
  }
}

/** Tries every key-sized window of every stored key blob on a field: what a thief with the database could do. */
function decryptsWithStoredBytes(file: string, field: EncryptedField): boolean {
  const db = new DatabaseSync(file, { readOnly: true });
  const blobs = (db.prepare('SELECT "key" FROM keys WHERE "key" IS NOT NULL').all() as { key: Uint8Array }[]).map((r) => Buffer.from(r.key));
  db.close();
  for (const blob of blobs) {
    for (let at = 0; at + 32 <= blob.length; at++) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', blob.subarray(at, at + 32), Buffer.from(field.iv, 'base64'));
        decipher.setAuthTag(Buffer.from(field.tag, 'base64'));
        decipher.update(Buffer.from(field.ct, 'base64'));
        decipher.final();
        return true;
      } catch {
        // not this window
      }
    }
  }
  return false;
}

describe('localKeyWrapper', () => {
  const wrapper = localKeyWrapper([randomBytes(32)]);

  it('round-trips a data key, bound to its subject, and names its master key', async () => {
    const dataKey = randomBytes(32);
    const wrapped = await wrapper.wrap(dataKey, 'e-1');
    expect(wrapped.masterKeyId).toBe(wrapper.currentKeyId);
    expect(wrapped.wrapped.includes(dataKey)).toBe(false);
    expect((await wrapper.unwrap(wrapped, 'e-1')).equals(dataKey)).toBe(true);
    await expect(wrapper.unwrap(wrapped, 'e-2')).rejects.toBeInstanceOf(KeyUnwrapFailedError);
    const tampered = Buffer.from(wrapped.wrapped);
    tampered[20]! ^= 1;
    await expect(wrapper.unwrap({ ...wrapped, wrapped: tampered }, 'e-1')).rejects.toBeInstanceOf(KeyUnwrapFailedError);
  });

  it('refuses a key wrapped by a master it does not hold, naming that master', async () => {
    const other = localKeyWrapper([randomBytes(32)]);
    const wrapped = await other.wrap(randomBytes(32), 'e-1');
    await expect(wrapper.unwrap(wrapped, 'e-1')).rejects.toMatchObject({ code: 'EJP_MASTER_KEY_UNAVAILABLE', masterKeyId: other.currentKeyId });
  });
});

describe('a stolen SQLite database decrypts nothing', () => {
  it('copied without its master key, or opened with a wrong one, no personal field decrypts', async () => {
    const home = join(dir, 'stolen-home');
    const file = join(home, 'events.db');
    const settings = { EVENTSTORE_URL: file, KEYSTORE_MASTER_KEY: masterKey() };
    const { stream } = await withStores(settings, async ({ store }) => {
      const hired = await hire(store, NAME);
      expect((await store.readStream(hired.stream))[0]!.data.givenName).toBe(NAME);
      return hired;
    });

    // The thief's copy: the database file only (closing checkpointed the WAL into it).
    const loot = join(dir, 'stolen-loot');
    const copy = join(loot, 'events.db');
    mkdirSync(loot);
    copyFileSync(file, copy);
    expect(readFileSync(copy).includes(Buffer.from(NAME))).toBe(false);

    // No master key given: the default file beside the copy is created, a new key unlike the real one.
    await withStores({ EVENTSTORE_URL: copy }, async ({ store, raw }) => {
      await expect(store.readStream(stream)).rejects.toBeInstanceOf(MasterKeyUnavailableError);
      const [stored] = await raw.readStream(stream);
      for (const path of ['givenName', 'familyName', 'email']) {
        const field = stored!.data[path];
        expect(isEncryptedField(field)).toBe(true);
        expect(decryptsWithStoredBytes(copy, field as unknown as EncryptedField)).toBe(false);
      }
    });
    await withStores({ EVENTSTORE_URL: copy, KEYSTORE_MASTER_KEY: masterKey() }, async ({ store }) => {
      await expect(store.readStream(stream)).rejects.toBeInstanceOf(MasterKeyUnavailableError);
    });
    // And the owner, with the right key, still reads everything.
    await withStores(settings, async ({ store }) => expect((await store.readStream(stream))[0]!.data.givenName).toBe(NAME));
  });

  it('creates the default master key file beside the database with mode 0600, once', async () => {
    const file = join(dir, 'default-key', 'events.db');
    const seen: string[] = [];
    const open = () =>
      openShreddingEventStore({ EVENTSTORE_URL: file }, { add: () => undefined }, {}, { onOpened: ({ masterKey }) => seen.push(`${masterKey.source} ${masterKey.created}`) });
    const first = await open();
    const { stream } = await hire(first.store, NAME);
    await first.store.close();
    const keyFile = join(dir, 'default-key', 'master.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const second = await open();
    expect((await second.store.readStream(stream))[0]!.data.givenName).toBe(NAME);
    await second.store.close();
    expect(seen).toEqual([`${keyFile} true`, `${keyFile} false`]);
  });
});

describe('migrating keys stored in clear', () => {
  it('wraps them in place on first start: the events read as before and the key bytes are gone from the file', async () => {
    const file = join(dir, 'legacy', 'events.db');
    mkdirSync(join(dir, 'legacy'));
    // Events as an earlier version wrote them, and its key table: the same schema minus master_key_id, the key in clear.
    const raw = await openSqliteEventStore({ path: file });
    const memory = new InMemoryKeyStore();
    const { employeeId, stream, events } = await hire(withCryptoShredding(raw, { keys: memory, ...catalogueShreddingPolicy() }), NAME);
    await raw.close();
    const dataKey = await memory.getOrCreateKey(employeeId);
    const legacy = new DatabaseSync(file);
    legacy.exec(`CREATE TABLE keys (subject_id TEXT PRIMARY KEY, "key" BLOB, created_at TEXT NOT NULL, erased_at TEXT,
      CHECK (("key" IS NULL) = (erased_at IS NOT NULL))) STRICT`);
    legacy.prepare('INSERT INTO keys (subject_id, "key", created_at) VALUES (?, ?, ?)').run(employeeId, dataKey, new Date().toISOString());
    legacy.close();
    expect(readFileSync(file).includes(dataKey)).toBe(true);

    const reports: unknown[] = [];
    const opened = await openShreddingEventStore({ EVENTSTORE_URL: file, KEYSTORE_MASTER_KEY: masterKey() }, { add: () => undefined }, {}, { onOpened: ({ migration }) => reports.push(migration) });
    expect(reports).toEqual([{ wrapped: 1, rewrapped: 0, unavailable: [] }]);
    expect((await opened.store.readStream(stream)).map((e) => e.data)).toEqual(events.map((e) => e.data));
    await opened.store.close();
    // Neither the file nor its WAL holds the key in clear any more.
    for (const f of [file, `${file}-wal`]) if (existsSync(f)) expect(readFileSync(f).includes(dataKey)).toBe(false);
    // A copy of the migrated database alone no longer decrypts.
    await withStores({ EVENTSTORE_URL: file, KEYSTORE_MASTER_KEY: masterKey() }, async ({ store }) => {
      await expect(store.readStream(stream)).rejects.toBeInstanceOf(MasterKeyUnavailableError);
    });
  });
});

describe('rotating the master key', () => {
  it('re-wraps every data key under the new master at start, accepts the old one meanwhile, and never rewrites an event', async () => {
    const file = join(dir, 'rotation', 'events.db');
    const [a, b] = [masterKey(), masterKey()];
    const before = await withStores({ EVENTSTORE_URL: file, KEYSTORE_MASTER_KEY: a }, async ({ store, raw }) => {
      const hired = await hire(store, NAME);
      return { ...hired, stored: await raw.readStream(hired.stream) };
    });
    const reports: unknown[] = [];
    const open = (settings: ShreddingEventStoreSettings) =>
      openShreddingEventStore({ EVENTSTORE_URL: file, ...settings }, { add: () => undefined }, {}, { onOpened: ({ migration }) => reports.push(migration) });

    const rotating = await open({ KEYSTORE_MASTER_KEY: b, KEYSTORE_PREVIOUS_MASTER_KEYS: a });
    expect((await rotating.store.readStream(before.stream))[0]!.data.givenName).toBe(NAME);
    expect(await rotating.raw.readStream(before.stream)).toEqual(before.stored);
    await rotating.store.close();
    expect(reports).toEqual([{ wrapped: 0, rewrapped: 1, unavailable: [] }]);

    const rotated = await open({ KEYSTORE_MASTER_KEY: b });
    expect((await rotated.store.readStream(before.stream))[0]!.data.givenName).toBe(NAME);
    await rotated.store.close();
    const retired = await open({ KEYSTORE_MASTER_KEY: a });
    await expect(retired.store.readStream(before.stream)).rejects.toBeInstanceOf(MasterKeyUnavailableError);
    await retired.store.close();
    expect(reports.at(-1)).toMatchObject({ rewrapped: 0, unavailable: [localKeyWrapper([Buffer.from(b, 'base64')]).currentKeyId] });
  });
});

describe('rotating through the master key file', () => {
  it('takes the first line as the current key and later lines as previous ones', async () => {
    const file = join(dir, 'file-rotation', 'events.db');
    const keyFile = join(dir, 'file-rotation', 'keys', 'master.key');
    const [a, b] = [masterKey(), masterKey()];
    mkdirSync(join(dir, 'file-rotation', 'keys'), { recursive: true });
    writeFileSync(keyFile, `${a}\n`, { mode: 0o600 });
    const { stream } = await withStores({ EVENTSTORE_URL: file, KEYSTORE_MASTER_KEY_FILE: keyFile }, (stores) => hire(stores.store, NAME));
    writeFileSync(keyFile, `# rotated\n${b}\n${a}\n`);
    const reports: unknown[] = [];
    const rotated = await openShreddingEventStore({ EVENTSTORE_URL: file, KEYSTORE_MASTER_KEY_FILE: keyFile }, { add: () => undefined }, {}, { onOpened: ({ migration }) => reports.push(migration) });
    expect((await rotated.store.readStream(stream))[0]!.data.givenName).toBe(NAME);
    await rotated.store.close();
    expect(reports).toEqual([{ wrapped: 0, rewrapped: 1, unavailable: [] }]);
    writeFileSync(keyFile, `${b}\n`);
    await withStores({ EVENTSTORE_URL: file, KEYSTORE_MASTER_KEY_FILE: keyFile }, async ({ store }) => expect((await store.readStream(stream))[0]!.data.givenName).toBe(NAME));
    writeFileSync(keyFile, 'not a key\n');
    await expect(withStores({ EVENTSTORE_URL: file, KEYSTORE_MASTER_KEY_FILE: keyFile }, async () => undefined)).rejects.toThrow(/KEYSTORE_MASTER_KEY_FILE: line 1 of the keys in .* must be the base64 of 32 bytes/);
  });
});

describe('master key configuration', () => {
  it('names the variable at fault', async () => {
    const file = join(dir, 'config', 'events.db');
    await expect(openShreddingEventStore({ EVENTSTORE_URL: file, KEYSTORE_MASTER_KEY: 'short' }, { add: () => undefined })).rejects.toThrow(/KEYSTORE_MASTER_KEY: must be the base64 of 32 bytes/);
    await expect(openShreddingEventStore({ EVENTSTORE_URL: file, KEYSTORE_MASTER_KEY_FILE: join(dir, 'nope.key') }, { add: () => undefined })).rejects.toThrow(/KEYSTORE_MASTER_KEY_FILE: no file at/);
    expect(existsSync(join(dir, 'nope.key'))).toBe(false);
    await expect(
      openShreddingEventStore({ EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: 'postgres://127.0.0.1:1/x' }, { add: () => undefined }),
    ).rejects.toThrow(/KEYSTORE_MASTER_KEY: is required \(or KEYSTORE_MASTER_KEY_FILE\) when KEYSTORE_BACKEND=postgres/);
  });

  it('creates an explicit KEYSTORE_MASTER_KEY_FILE only when asked to (standalone)', async () => {
    const keyFile = join(dir, 'explicit', 'secret', 'ejp.key');
    const opened = await openShreddingEventStore(
      { EVENTSTORE_URL: join(dir, 'explicit', 'events.db'), KEYSTORE_MASTER_KEY_FILE: keyFile },
      { add: () => undefined },
      {},
      { createMasterKeyFile: true },
    );
    await opened.store.close();
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });
});
