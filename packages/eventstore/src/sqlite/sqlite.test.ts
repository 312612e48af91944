import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { checkpointStoreContract, eventStoreContract } from '../../test/contract/index.ts';
import { SqliteCheckpointStore } from './checkpoint-store.ts';
import { openSqliteEventStore } from './event-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'ejp-sqlite-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

eventStoreContract('sqlite file', () => openSqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 50 }), {
  checkpoints: async () => new SqliteCheckpointStore({ path: join(dir, 'events.db') }),
});

eventStoreContract('sqlite :memory:', () => openSqliteEventStore({ path: ':memory:' }));

checkpointStoreContract('sqlite', async () => new SqliteCheckpointStore({ path: join(dir, 'checkpoints.db') }));
