import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, findServer, uniqueName, urlOf } from '@ejp/testkit';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type LeaseStore, PostgresLeaseStore, SqliteLeaseStore } from '../src/index.ts';
import { leaseStoreContract } from './support/lease-store-contract.ts';

const postgres = await findServer('postgres');
const opened: LeaseStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('SqliteLeaseStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ejp-lease-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  leaseStoreContract(async () => {
    const store = new SqliteLeaseStore({ path: join(dir, 'leases.db'), table: uniqueName('leases') });
    opened.push(store);
    return store;
  });

  it('arbitrates between two connections to one file (two processes)', async () => {
    const path = join(dir, 'shared.db');
    const one = new SqliteLeaseStore({ path });
    const two = new SqliteLeaseStore({ path });
    opened.push(one, two);
    expect(await one.tryAcquire('relay', 'a', 5_000)).toBeDefined();
    expect(await two.tryAcquire('relay', 'b', 5_000)).toBeUndefined();
  });
});

describe.runIf(postgres.available)('PostgresLeaseStore', async () => {
  const url = postgres.available ? await createTestDatabase(urlOf(postgres), 'lease') : '';
  leaseStoreContract(async () => {
    const store = new PostgresLeaseStore({ connectionString: url, table: uniqueName('leases') });
    opened.push(store);
    return store;
  });

  it('creates its table once when instances start together', async () => {
    const table = uniqueName('leases');
    const stores = Array.from({ length: 4 }, () => new PostgresLeaseStore({ connectionString: url, table }));
    opened.push(...stores);
    const won = await Promise.all(stores.map((s, i) => s.tryAcquire('relay', `i${i}`, 5_000)));
    expect(won.filter(Boolean)).toHaveLength(1);
  });
});
