// The event-store port, its adapters and subscriber helpers. The contract
// suites and the EventStoreDB fake are at `@ejp/eventstore/testing` (they
// import vitest, fast-check and @grpc/grpc-js, development dependencies only).
export type * from './port.ts';
export { DuplicateEventIdError, InvalidAppendError, WrongExpectedRevisionError } from './errors.ts';
export { type Backoff, exponentialBackoff } from './checkpoints/backoff.ts';
export { InMemoryCheckpointStore } from './checkpoints/memory.ts';
export {
  type SubscribeWithCheckpointsOptions,
  subscribeWithCheckpoints,
} from './checkpoints/subscribe-with-checkpoints.ts';
export { SqliteCheckpointStore, type SqliteCheckpointStoreOptions } from './sqlite/checkpoint-store.ts';
export { openSqliteEventStore, type SqliteEventStoreOptions } from './sqlite/event-store.ts';
export { PostgresCheckpointStore, type PostgresCheckpointStoreOptions } from './postgres/checkpoint-store.ts';
export { openPostgresEventStore, type PostgresEventStoreOptions } from './postgres/event-store.ts';
export { migrate as migratePostgresEventStore } from './postgres/schema.ts';
export * from './shredding/index.ts';
// Opening from configuration: the EVENTSTORE_* / KEYSTORE_* fragments every service composes.
export {
  checkEventStoreConfig,
  checkKeyStoreConfig,
  checkMasterKeyConfig,
  checkShreddingEventStoreConfig,
  DEFAULT_EVENTSTORE_FILE,
  EVENTSTORE_BACKENDS,
  type EventStoreBackend,
  type EventStoreConfig,
  eventStoreConfigSchema,
  eventStoreConfigShape,
  eventStoreLocation,
  KEYSTORE_BACKENDS,
  type KeyStoreConfig,
  keyStoreConfigShape,
  type MasterKeyConfig,
  masterKeyConfigShape,
  type ShreddingEventStoreConfig,
  shreddingEventStoreConfigSchema,
} from './open/config.ts';
export { ensureParentDirectory, isPostgresUrl, isUrl, type ResourceRegistry } from './open/locations.ts';
export { type CheckpointStoreOptions, type EventStoreSettings, openCheckpointStore, openEventStore } from './open/open-event-store.ts';
export { type StoreWatch, type StoreWatchOptions, watchStore } from './subscriptions/watch.ts';
export { loadMasterKeys, MASTER_KEY_FILE_NAME, type MasterKeyOptions, type MasterKeys } from './open/master-key.ts';
export { type KeyStoreLogger, type KeyStoreTableOptions, openKeyStore, type OpenKeyStoreOptions, openShreddingEventStore, type ShreddingEventStores, type ShreddingEventStoreSettings } from './open/open-shredding-event-store.ts';
export { type EventStoreDbSystem, isUntracedStream, streamCategoryOf, tracedEventStore, type TracedEventStoreOptions } from './traced-event-store.ts';
