export { InvalidCursorError, ReadStoreArgumentError } from './errors.ts';
export { type MongoReadStoreOptions, openMongoReadStore } from './mongo/read-store.ts';
export type {
  Condition,
  DocumentChange,
  DocumentWrite,
  GuardPlacement,
  IndexFields,
  JsonObject,
  JsonValue,
  OrderBy,
  Page,
  Query,
  Range,
  ReadStore,
  Revision,
  StoredDocument,
} from './port.ts';
export { defaultLimit, maxLimit } from './query-plan.ts';
export { queryByIds } from './query-by-ids.ts';
export { openSqliteReadStore, type SqliteReadStoreOptions } from './sqlite/read-store.ts';
// Opening from configuration: the READSTORE_* fragment every reader and writer composes.
export {
  checkReadStoreConfig,
  DEFAULT_READSTORE_FILE,
  READSTORE_BACKENDS,
  type ReadStoreConfig,
  readStoreConfigSchema,
  readStoreConfigShape,
  readStoreLocation,
} from './open/config.ts';
export { openReadStore, type ReadStoreResources, type ReadStoreSettings } from './open/open-read-store.ts';
