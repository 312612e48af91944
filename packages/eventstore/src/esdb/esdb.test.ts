import { findServer, urlOf } from '@ejp/testkit';
import { describe } from 'vitest';
import { checkpointStoreContract, eventStoreContract } from '../../test/contract/index.ts';
import { openEsdbCheckpointStore } from './checkpoint-store.ts';
import { openEsdbEventStore } from './event-store.ts';

// EVENTSTORE_URL, else a testcontainers EventStoreDB when Docker answers, else skipped (also under REQUIRE_INFRA=1).
const server = await findServer('eventstore');

/**
 * EventStoreDB cannot be emptied per test; the contract does not need it:
 * every test works under its own random stream prefix and never assumes an
 * empty store, and checkpoints go to streams of their own prefix.
 */
const checkpoints = () => openEsdbCheckpointStore({ connectionString: urlOf(server), streamPrefix: '$ejp-contract-checkpoint-' });

describe.runIf(server.available)('esdb adapter', () => {
  eventStoreContract('esdb', () => openEsdbEventStore({ connectionString: urlOf(server) }), { checkpoints });

  checkpointStoreContract('esdb', () => openEsdbCheckpointStore({ connectionString: urlOf(server) }));
});
