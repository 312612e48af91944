import { createTestDatabase, findServer, urlOf } from '@ejp/testkit';
import { beforeAll, describe } from 'vitest';
import { checkpointStoreContract, eventStoreContract } from '../../test/contract/index.ts';
import { PostgresCheckpointStore } from './checkpoint-store.ts';
import { openPostgresEventStore } from './event-store.ts';

const server = await findServer('postgres');

describe.runIf(server.available)('postgres adapter', () => {
  let url = '';
  beforeAll(async () => {
    url = await createTestDatabase(urlOf(server), 'eventstore');
  });

  eventStoreContract('postgres', () => openPostgresEventStore({ connectionString: url, schema: 'contract', pollIntervalMs: 50 }), {
    checkpoints: () => PostgresCheckpointStore.open({ connectionString: url, schema: 'contract' }),
  });

  checkpointStoreContract('postgres', () => PostgresCheckpointStore.open({ connectionString: url, schema: 'checkpoints' }));
});
