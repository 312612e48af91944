import type { EventStore } from '../port.ts';
import { type CatalogueShreddingPolicyOptions, catalogueShreddingPolicy } from '../shredding/catalogue-policy.ts';
import { type ShreddingEventStore, withCryptoShredding } from '../shredding/crypto-shredding.ts';
import { localKeyWrapper } from '../shredding/key-wrapper.ts';
import { openPostgresKeyStore } from '../shredding/postgres-key-store.ts';
import { openSqliteKeyStore } from '../shredding/sqlite-key-store.ts';
import type { KeyMigrationReport, WrappedKeyStore } from '../shredding/wrapped-keys.ts';
import { keyStoreBackendOf, keyStoreLocation, parseStoreSettings, type ShreddingEventStoreConfig, shreddingEventStoreConfigSchema } from './config.ts';
import { ensureParentDirectory, type ResourceRegistry } from './locations.ts';
import { loadMasterKeys, type MasterKeys } from './master-key.ts';
import { openEventStore } from './open-event-store.ts';

export type ShreddingEventStoreSettings = Partial<ShreddingEventStoreConfig>;

export interface ShreddingEventStores {
  /** The adapter itself: what a relay or bus follows (personal fields stay ciphertext). */
  raw: EventStore;
  /** The crypto-shredding decorator around it: what commands append through and read back. */
  store: ShreddingEventStore;
}

/** Where the key store says where its master key came from and what it migrated (a pino logger fits). */
export interface KeyStoreLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface OpenKeyStoreOptions {
  /** Create KEYSTORE_MASTER_KEY_FILE when it is missing (standalone's first start); the default file is always created. */
  createMasterKeyFile?: boolean;
  /** Told where the master key came from and what opening migrated. */
  onOpened?: (opened: { masterKey: Omit<MasterKeys, 'keys'>; migration: KeyMigrationReport }) => void;
  /** Logs the same: the master key's source (a created file first of all), keys wrapped or re-wrapped, master keys missing. */
  logger?: KeyStoreLogger;
  /** Another key store at the same location: its own table, registered under its own name (the survey secrets). */
  table?: KeyStoreTableOptions;
}

/** A key store beside the data keys (the same database), in a table of its own. */
export interface KeyStoreTableOptions {
  table: string;
  name: string;
}

function logOpened(logger: KeyStoreLogger, { masterKey: { source, created }, migration }: { masterKey: Omit<MasterKeys, 'keys'>; migration: KeyMigrationReport }): void {
  const where = source === 'KEYSTORE_MASTER_KEY' ? 'from KEYSTORE_MASTER_KEY' : `in ${source}`;
  const details = { masterKey: source, created, ...migration };
  logger.info(details, created ? `keystore: created the master key ${where}: keep it apart from the database backups` : `keystore: master key ${where}`);
  if (migration.wrapped + migration.rewrapped > 0) logger.info(details, 'keystore: data keys wrapped by the current master key');
  if (migration.unavailable.length > 0) {
    logger.warn(details, 'keystore: some data keys are wrapped by a master key that is not configured (KEYSTORE_PREVIOUS_MASTER_KEYS?): their personal fields do not decrypt');
  }
}

/**
 * The key store KEYSTORE_* (or its defaults next to the events) names, its
 * data keys wrapped by the configured master key, registered as `keystore`.
 */
export async function openKeyStore(
  settings: ShreddingEventStoreSettings,
  resources?: ResourceRegistry,
  options: OpenKeyStoreOptions = {},
): Promise<WrappedKeyStore> {
  const config = parseStoreSettings(shreddingEventStoreConfigSchema, settings, 'key store');
  const location = keyStoreLocation(config);
  const sqlite = keyStoreBackendOf(config) === 'sqlite';
  const { keys: masterKeys, ...masterKey } = loadMasterKeys(config, {
    sqliteKeyFile: sqlite ? location : undefined,
    ...(options.createMasterKeyFile === undefined ? {} : { createMissingFile: options.createMasterKeyFile }),
  });
  const wrapper = localKeyWrapper(masterKeys);
  let keys: WrappedKeyStore;
  if (!sqlite) {
    keys = await openPostgresKeyStore({ connectionString: location, wrapper, ...(options.table ? { table: options.table.table } : {}) });
  } else {
    ensureParentDirectory(location);
    // Its own connection, also when the file is the event store's (WAL lets them share it).
    keys = await openSqliteKeyStore({ path: location, wrapper, ...(options.table ? { table: options.table.table } : {}) });
  }
  resources?.add(options.table?.name ?? 'keystore', () => keys.close());
  options.onOpened?.({ masterKey, migration: keys.migration });
  if (options.logger) logOpened(options.logger, { masterKey, migration: keys.migration });
  return keys;
}

/**
 * The event store a command service appends through: the adapter, its key
 * store and the catalogue's shredding policy. The keys register after the
 * events, so they close first: nothing decrypts with a closed key store.
 * `policy` names another catalogue or stream categories than the platform's
 * (a test service's own); a product service leaves it out.
 */
export async function openShreddingEventStore(
  settings: ShreddingEventStoreSettings,
  resources: ResourceRegistry,
  policy: CatalogueShreddingPolicyOptions = {},
  keyStoreOptions: OpenKeyStoreOptions = {},
): Promise<ShreddingEventStores> {
  const config = parseStoreSettings(shreddingEventStoreConfigSchema, settings, 'event store');
  const raw = await openEventStore(config, resources);
  const keys = await openKeyStore(config, resources, keyStoreOptions);
  return { raw, store: withCryptoShredding(raw, { keys, ...catalogueShreddingPolicy(policy) }) };
}
