import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createTestMongoDb, findServer, urlOf } from '@ejp/testkit';
import type { Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadStore } from './open-read-store.ts';

const mongo = await findServer('mongo');
const dir = mkdtempSync(join(tmpdir(), 'ejp-open-readstore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A ResourceStack stand-in: names in registration order, closed newest first. */
function registry() {
  const entries: { name: string; close: () => Promise<void> | void }[] = [];
  return {
    add: (name: string, close: () => Promise<void> | void) => void entries.push({ name, close }),
    names: () => entries.map((e) => e.name),
    closeAll: async () => {
      for (const entry of entries.splice(0).reverse()) await entry.close();
    },
  };
}

describe('openReadStore on sqlite', () => {
  it('opens the file at READSTORE_URL with READSTORE_PREFIX tables, creating its directory, and registers its close', async () => {
    const file = join(dir, 'nested', 'read-models.db');
    const resources = registry();
    const store = await openReadStore({ READSTORE_URL: file, READSTORE_PREFIX: 'opened_' }, resources);
    await store.upsertIfNewer('journeys', 'e-1', 1, { set: { stage: 'onboarding' } });
    expect(resources.names()).toEqual(['readstore']);
    await resources.closeAll();

    const db = new DatabaseSync(file);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'opened_journeys'").all()).toHaveLength(1);
    db.close();
    const again = await openReadStore({ READSTORE_BACKEND: 'sqlite', READSTORE_URL: file, READSTORE_PREFIX: 'opened_' });
    expect((await again.get('journeys', 'e-1'))?.doc).toEqual({ stage: 'onboarding' });
    await again.close();
  });

  it('refuses settings it cannot open, naming the variable', async () => {
    await expect(openReadStore({ READSTORE_BACKEND: 'mongodb' })).rejects.toThrow(/READSTORE_URL: is required when READSTORE_BACKEND=mongodb/);
  });
});

describe.runIf(mongo.available)('openReadStore on mongodb', () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await createTestMongoDb(urlOf(mongo), 'open_readstore'));
  });

  it('opens READSTORE_DATABASE at READSTORE_URL with READSTORE_PREFIX collections', async () => {
    const resources = registry();
    const store = await openReadStore(
      { READSTORE_BACKEND: 'mongodb', READSTORE_URL: urlOf(mongo), READSTORE_DATABASE: db.databaseName, READSTORE_PREFIX: 'opened_' },
      resources,
    );
    await store.upsertIfNewer('journeys', 'e-1', 1, { set: { stage: 'in-role' } });
    await store.ping();
    await resources.closeAll();
    expect(await db.collection('opened_journeys').findOne({ _id: 'e-1' as never })).toMatchObject({ _id: 'e-1' });
  });
});
