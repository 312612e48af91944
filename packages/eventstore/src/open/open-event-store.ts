import type { CheckpointStore, EventStore } from '../port.ts';
import { PostgresCheckpointStore } from '../postgres/checkpoint-store.ts';
import { openPostgresEventStore } from '../postgres/event-store.ts';
import { SqliteCheckpointStore } from '../sqlite/checkpoint-store.ts';
import { openSqliteEventStore } from '../sqlite/event-store.ts';
import { type EventStoreDbSystem, tracedEventStore } from '../traced-event-store.ts';
import { type EventStoreConfig, eventStoreConfigSchema, eventStoreLocation, parseStoreSettings } from './config.ts';
import { ensureParentDirectory, isPostgresUrl, type ResourceRegistry } from './locations.ts';

/** What openEventStore takes: a service's loaded config, or the variables a program sets itself (defaults applied). */
export type EventStoreSettings = Partial<EventStoreConfig>;

/**
 * The one place that turns EVENTSTORE_* into an adapter. With `resources`
 * the store registers its close() there right after opening (so a later
 * failure at start-up still closes it); without, the caller closes it.
 */
export async function openEventStore(settings: EventStoreSettings, resources?: ResourceRegistry): Promise<EventStore> {
  const config = parseStoreSettings(eventStoreConfigSchema, settings, 'event store');
  const location = eventStoreLocation(config);
  let store: EventStore;
  switch (config.EVENTSTORE_BACKEND) {
    case 'sqlite':
      ensureParentDirectory(location);
      store = await openSqliteEventStore({ path: location });
      break;
    case 'postgres':
      store = await openPostgresEventStore({ connectionString: location, schema: config.EVENTSTORE_SCHEMA });
      break;
    case 'esdb': {
      // Imported only when chosen: the gRPC client costs ~200 ms at start-up.
      const { openEsdbEventStore } = await import('../esdb/index.ts');
      store = await openEsdbEventStore({ connectionString: location });
      break;
    }
  }
  resources?.add('eventstore', () => store.close());
  // Appends and reads as database spans, whatever the adapter (a no-op without an OTel SDK).
  return tracedEventStore(store, { dbSystem: DB_SYSTEMS[config.EVENTSTORE_BACKEND] });
}

const DB_SYSTEMS: Record<EventStoreConfig['EVENTSTORE_BACKEND'], EventStoreDbSystem> = { sqlite: 'sqlite', postgres: 'postgresql', esdb: 'eventstoredb' };

export interface CheckpointStoreOptions {
  /** PostgreSQL schema of the checkpoints table (default `eventstore`, next to the events). */
  schema?: string;
  /** SQLite table (default `checkpoints`). */
  table?: string;
}

/**
 * Checkpoints at a location given as for EVENTSTORE_URL: a `postgres://`
 * URL, else a SQLite file (its directory created). Subscribers keep them
 * next to the events (the relay) or next to their read models (standalone's bus).
 */
export async function openCheckpointStore(location: string, options: CheckpointStoreOptions = {}, resources?: ResourceRegistry): Promise<CheckpointStore> {
  let store: CheckpointStore;
  if (isPostgresUrl(location)) {
    store = await PostgresCheckpointStore.open({ connectionString: location, ...(options.schema ? { schema: options.schema } : {}) });
  } else {
    ensureParentDirectory(location);
    store = new SqliteCheckpointStore({ path: location, ...(options.table ? { table: options.table } : {}) });
  }
  resources?.add('checkpoints', () => store.close());
  return store;
}
