import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CheckpointStore,
  catalogueShreddingPolicy,
  type EventStore,
  openSqliteEventStore,
  openSqliteKeyStore,
  SqliteCheckpointStore,
  type ShreddingEventStore,
  withCryptoShredding,
} from '@ejp/eventstore';
import { openSqliteReadStore, type ReadStore } from '@ejp/readstore';
import type { ResourceStack } from '@ejp/service-kit';

/**
 * File names inside DATA_DIR. `events.db` and `read-models.db` are the
 * defaults of the projector's rebuild command (and the relay's event store),
 * so `node services/projector/src/rebuild.ts` run from the same directory
 * rebuilds standalone's read models without any configuration.
 */
export const EVENTS_FILE = 'events.db';
export const READ_MODELS_FILE = 'read-models.db';

export interface StandaloneStorage {
  /** The adapter itself: what the bus follows (personal fields stay ciphertext, as on Kafka). */
  rawEvents: EventStore;
  /** The crypto-shredding decorator around it: what commands append through. */
  events: ShreddingEventStore;
  readStore: ReadStore;
  /** The bus's checkpoints. */
  checkpoints: CheckpointStore;
}

/**
 * Opens every embedded store and registers each with `resources` right after
 * opening it, so a failure half way still closes what was opened, and
 * shutdown closes them in reverse: checkpoints, read store, keys, events.
 */
export async function openStandaloneStorage(dataDir: string, resources: ResourceStack): Promise<StandaloneStorage> {
  mkdirSync(dataDir, { recursive: true });
  const eventsFile = join(dataDir, EVENTS_FILE);
  const readModelsFile = join(dataDir, READ_MODELS_FILE);

  const rawEvents = await openSqliteEventStore({ path: eventsFile });
  resources.add('eventstore', () => rawEvents.close());
  // Keys next to the events (one file to back up), on their own connection.
  const keys = await openSqliteKeyStore({ path: eventsFile });
  resources.add('keystore', () => keys.close());
  const events = withCryptoShredding(rawEvents, { keys, ...catalogueShreddingPolicy() });

  const readStore = openSqliteReadStore({ path: readModelsFile });
  resources.add('readstore', () => readStore.close());
  // The projection's checkpoint lives WITH the read models, not the events:
  // deleting read-models.db then resets both together and the bus replays
  // every event into fresh read models. A checkpoint left behind in
  // events.db would instead leave the new read models empty for good.
  const checkpoints = new SqliteCheckpointStore({ path: readModelsFile, table: 'bus_checkpoints' });
  resources.add('checkpoints', () => checkpoints.close());

  return { rawEvents, events, readStore, checkpoints };
}
