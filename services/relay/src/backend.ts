import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type CheckpointStore, type EventStore, openPostgresEventStore, openSqliteEventStore, PostgresCheckpointStore, SqliteCheckpointStore } from '@ejp/eventstore';
import { type LeaseStore, PostgresLeaseStore, SqliteLeaseStore } from '@ejp/messaging';
import type { ResourceStack } from '@ejp/service-kit';
import type { RelayConfig } from './config.ts';

export interface RelayBackend {
  /** The RAW store: never the crypto-shredding decorator, so personal fields stay encrypted on Kafka. */
  store: EventStore;
  checkpoints: CheckpointStore;
  leases: LeaseStore;
}

const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);

/** Opens the event store and the relay's state (checkpoint + lease), registering each for shutdown. */
export async function openRelayBackend(config: RelayConfig, resources: ResourceStack): Promise<RelayBackend> {
  const store = await openEventStore(config);
  resources.add('eventstore', () => store.close());
  // Checkpoint and lease live next to the events by default: one database to back up, one to reach.
  const stateUrl = config.RELAY_STATE_URL ?? config.EVENTSTORE_URL;
  const schema = config.EVENTSTORE_SCHEMA;
  if (isPostgres(stateUrl)) {
    const checkpoints = await PostgresCheckpointStore.open({ connectionString: stateUrl, schema });
    resources.add('checkpoints', () => checkpoints.close());
    const leases = new PostgresLeaseStore({ connectionString: stateUrl, schema });
    resources.add('leases', () => leases.close());
    return { store, checkpoints, leases };
  }
  ensureDirectory(stateUrl);
  const checkpoints = new SqliteCheckpointStore({ path: stateUrl });
  resources.add('checkpoints', () => checkpoints.close());
  const leases = new SqliteLeaseStore({ path: stateUrl });
  resources.add('leases', () => leases.close());
  return { store, checkpoints, leases };
}

async function openEventStore(config: RelayConfig): Promise<EventStore> {
  switch (config.EVENTSTORE_BACKEND) {
    case 'sqlite':
      ensureDirectory(config.EVENTSTORE_URL);
      return openSqliteEventStore({ path: config.EVENTSTORE_URL });
    case 'postgres':
      return openPostgresEventStore({ connectionString: config.EVENTSTORE_URL, schema: config.EVENTSTORE_SCHEMA });
    case 'esdb': {
      // Imported only when chosen: the gRPC client costs ~200 ms at start-up.
      const { openEsdbEventStore } = await import('@ejp/eventstore/esdb');
      return openEsdbEventStore({ connectionString: config.EVENTSTORE_URL });
    }
  }
}

function ensureDirectory(file: string): void {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
}
