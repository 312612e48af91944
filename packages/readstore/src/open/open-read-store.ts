import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openMongoReadStore } from '../mongo/read-store.ts';
import type { ReadStore } from '../port.ts';
import { openSqliteReadStore } from '../sqlite/read-store.ts';
import { type ReadStoreConfig, readStoreConfigSchema, readStoreLocation } from './config.ts';

/** What openReadStore takes: a service's loaded config, or the variables a program sets itself (defaults applied). */
export type ReadStoreSettings = Partial<ReadStoreConfig>;

/** Where the store registers its close(): the service kit's ResourceStack fits. */
export interface ReadStoreResources {
  add(name: string, close: () => Promise<void> | void): void;
}

/**
 * The one place that turns READSTORE_* into an adapter. With `resources` the
 * store registers its close() there right after opening; without, the caller
 * closes it.
 */
export async function openReadStore(settings: ReadStoreSettings, resources?: ReadStoreResources): Promise<ReadStore> {
  const parsed = readStoreConfigSchema.safeParse(settings);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`);
    throw new Error(`invalid read store configuration: ${problems.join('; ')}`);
  }
  const config = parsed.data;
  const location = readStoreLocation(config);
  let store: ReadStore;
  if (config.READSTORE_BACKEND === 'mongodb') {
    store = await openMongoReadStore({ url: location, database: config.READSTORE_DATABASE, collectionPrefix: config.READSTORE_PREFIX });
  } else {
    // SQLite creates the file but not its directory.
    if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    store = openSqliteReadStore({ path: location, tablePrefix: config.READSTORE_PREFIX });
  }
  resources?.add('readstore', () => store.close());
  return store;
}
