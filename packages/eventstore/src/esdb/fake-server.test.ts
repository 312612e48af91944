import { afterAll } from 'vitest';
import { checkpointStoreContract, eventStoreContract } from '../../test/contract/index.ts';
import { openEsdbCheckpointStore } from './checkpoint-store.ts';
import { openEsdbEventStore } from './event-store.ts';
import { startFakeEsdb } from '../../test/esdb-fake/fake-server.ts';

/**
 * The contract against an in-process fake of EventStoreDB's gRPC protocol
 * (src/esdb/fake/): runs everywhere, drives the real client end to end, and
 * exercises the server behaviours the adapter depends on as the server's
 * code implements them. It does not replace esdb.test.ts against a real
 * server (EVENTSTORE_URL or Docker).
 */
const fake = await startFakeEsdb();
afterAll(() => fake.stop());

const checkpoints = () => openEsdbCheckpointStore({ connectionString: fake.url, streamPrefix: '$ejp-contract-checkpoint-' });

eventStoreContract('esdb (fake server)', () => openEsdbEventStore({ connectionString: fake.url }), { checkpoints });

// The other ways to check ids (see DuplicateIdCheck) skip the cross-stream case by design, so they are
// not run through the whole contract; append.test.ts covers what each one does.

checkpointStoreContract('esdb (fake server)', () => openEsdbCheckpointStore({ connectionString: fake.url }));
