import { join } from 'node:path';
import { type CheckpointStore, type EventStore, type KeyStore, openCheckpointStore, openKeyStore, openShreddingEventStore, type ShreddingEventStore } from '@ejp/eventstore';
import { SURVEY_SECRETS } from '@ejp/feedback';
import { openReadStore, type ReadStore } from '@ejp/readstore';
import type { Logger, ResourceStack } from '@ejp/service-kit';
import type { StandaloneConfig } from './config.ts';

/**
 * File names inside DATA_DIR. With DATA_DIR=data they are the defaults of
 * EVENTSTORE_URL and READSTORE_URL, so `node services/projector/src/rebuild.ts`
 * run from the same directory rebuilds standalone's read models without any
 * configuration.
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
  /** Where the master key that wraps the data keys came from (a file path, or KEYSTORE_MASTER_KEY), and whether this start created it. */
  masterKey: { source: string; created: boolean };
  /** The feedback service's survey secrets: next to the keys, in a table of their own. */
  surveySecrets: KeyStore;
}

/**
 * Opens every embedded store through the same functions the distributed
 * services use, each registered with `resources` right after opening it, so
 * a failure half way still closes what was opened, and shutdown closes them
 * in reverse: checkpoints, read store, keys, events.
 */
export async function openStandaloneStorage(config: StandaloneConfig, resources: ResourceStack, logger?: Logger): Promise<StandaloneStorage> {
  const dataDir = config.DATA_DIR;
  const eventsFile = join(dataDir, EVENTS_FILE);
  const readModelsFile = join(dataDir, READ_MODELS_FILE);

  // Keys next to the events (the sqlite key store's default: one file to back up), on their own connection,
  // wrapped by the master key: KEYSTORE_MASTER_KEY(_FILE), else DATA_DIR/master.key, created on first start.
  const { KEYSTORE_MASTER_KEY, KEYSTORE_MASTER_KEY_FILE, KEYSTORE_PREVIOUS_MASTER_KEYS } = config;
  let masterKey: StandaloneStorage['masterKey'] = { source: 'KEYSTORE_MASTER_KEY', created: false };
  const masterKeySettings = {
    ...(KEYSTORE_MASTER_KEY === undefined ? {} : { KEYSTORE_MASTER_KEY }),
    ...(KEYSTORE_MASTER_KEY_FILE === undefined ? {} : { KEYSTORE_MASTER_KEY_FILE }),
    ...(KEYSTORE_PREVIOUS_MASTER_KEYS === undefined ? {} : { KEYSTORE_PREVIOUS_MASTER_KEYS }),
  };
  const { raw: rawEvents, store: events } = await openShreddingEventStore(
    { EVENTSTORE_BACKEND: 'sqlite', EVENTSTORE_URL: eventsFile, ...masterKeySettings },
    resources,
    {},
    { createMasterKeyFile: true, onOpened: (opened) => (masterKey = opened.masterKey), ...(logger ? { logger } : {}) },
  );
  // The feedback service's survey secrets: the same key store file and master key, a table of their own.
  const surveySecrets = await openKeyStore({ EVENTSTORE_BACKEND: 'sqlite', EVENTSTORE_URL: eventsFile, ...masterKeySettings }, resources, { table: SURVEY_SECRETS });
  const readStore = await openReadStore({ READSTORE_BACKEND: 'sqlite', READSTORE_URL: readModelsFile }, resources);
  // The projection's checkpoint lives WITH the read models, not the events:
  // deleting read-models.db then resets both together and the bus replays
  // every event into fresh read models. A checkpoint left behind in
  // events.db would instead leave the new read models empty for good.
  const checkpoints = await openCheckpointStore(readModelsFile, { table: 'bus_checkpoints' }, resources);

  return { rawEvents, events, readStore, checkpoints, masterKey, surveySecrets };
}
