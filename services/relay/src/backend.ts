import { type CheckpointStore, type EventStore, eventStoreLocation, openCheckpointStore, openEventStore } from '@ejp/eventstore';
import { type LeaseStore, openLeaseStore } from '@ejp/messaging';
import type { ResourceStack } from '@ejp/service-kit';
import type { RelayConfig } from './config.ts';

export interface RelayBackend {
  /** The RAW store: never the crypto-shredding decorator, so personal fields stay encrypted on Kafka. */
  store: EventStore;
  checkpoints: CheckpointStore;
  leases: LeaseStore;
}

/** Opens the event store and the relay's state (checkpoint + lease), registering each for shutdown. */
export async function openRelayBackend(config: RelayConfig, resources: ResourceStack): Promise<RelayBackend> {
  const store = await openEventStore(config, resources);
  // Checkpoint and lease live next to the events by default: one database to back up, one to reach.
  const state = config.RELAY_STATE_URL ?? eventStoreLocation(config);
  const checkpoints = await openCheckpointStore(state, { schema: config.EVENTSTORE_SCHEMA }, resources);
  const leases = openLeaseStore(state, { schema: config.EVENTSTORE_SCHEMA }, resources);
  return { store, checkpoints, leases };
}
