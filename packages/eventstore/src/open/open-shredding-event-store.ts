import type { EventStore } from '../port.ts';
import { type CatalogueShreddingPolicyOptions, catalogueShreddingPolicy } from '../shredding/catalogue-policy.ts';
import { type ShreddingEventStore, withCryptoShredding } from '../shredding/crypto-shredding.ts';
import type { KeyStore } from '../shredding/key-store.ts';
import { openPostgresKeyStore } from '../shredding/postgres-key-store.ts';
import { openSqliteKeyStore } from '../shredding/sqlite-key-store.ts';
import { keyStoreBackendOf, keyStoreLocation, parseStoreSettings, type ShreddingEventStoreConfig, shreddingEventStoreConfigSchema } from './config.ts';
import { ensureParentDirectory, type ResourceRegistry } from './locations.ts';
import { openEventStore } from './open-event-store.ts';

export type ShreddingEventStoreSettings = Partial<ShreddingEventStoreConfig>;

export interface ShreddingEventStores {
  /** The adapter itself: what a relay or bus follows (personal fields stay ciphertext). */
  raw: EventStore;
  /** The crypto-shredding decorator around it: what commands append through and read back. */
  store: ShreddingEventStore;
}

/** Another key store at the same location: its own table, registered under its own name (the survey secrets). */
export interface KeyStoreTableOptions {
  table: string;
  name: string;
}

/** The key store KEYSTORE_* (or its defaults next to the events) names, registered as `keystore`. */
export async function openKeyStore(settings: ShreddingEventStoreSettings, resources?: ResourceRegistry, options?: KeyStoreTableOptions): Promise<KeyStore> {
  const config = parseStoreSettings(shreddingEventStoreConfigSchema, settings, 'key store');
  const location = keyStoreLocation(config);
  let keys: KeyStore;
  if (keyStoreBackendOf(config) === 'postgres') {
    keys = await openPostgresKeyStore({ connectionString: location, ...(options ? { table: options.table } : {}) });
  } else {
    ensureParentDirectory(location);
    // Its own connection, also when the file is the event store's (WAL lets them share it).
    keys = await openSqliteKeyStore({ path: location, ...(options ? { table: options.table } : {}) });
  }
  resources?.add(options?.name ?? 'keystore', () => keys.close());
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
): Promise<ShreddingEventStores> {
  const config = parseStoreSettings(shreddingEventStoreConfigSchema, settings, 'event store');
  const raw = await openEventStore(config, resources);
  const keys = await openKeyStore(config, resources);
  return { raw, store: withCryptoShredding(raw, { keys, ...catalogueShreddingPolicy(policy) }) };
}
