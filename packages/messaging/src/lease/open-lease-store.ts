import { ensureParentDirectory, isPostgresUrl, type ResourceRegistry } from '@ejp/eventstore';
import type { LeaseStore } from './lease-store.ts';
import { PostgresLeaseStore } from './postgres-lease-store.ts';
import { SqliteLeaseStore } from './sqlite-lease-store.ts';

/**
 * Leases at a location given as for the event store's checkpoints
 * (`openCheckpointStore`): a `postgres://` URL, else a SQLite file, so a
 * relay keeps lease and checkpoint together, next to the events.
 */
export function openLeaseStore(location: string, options: { schema?: string } = {}, resources?: ResourceRegistry): LeaseStore {
  let leases: LeaseStore;
  if (isPostgresUrl(location)) {
    leases = new PostgresLeaseStore({ connectionString: location, ...(options.schema ? { schema: options.schema } : {}) });
  } else {
    ensureParentDirectory(location);
    leases = new SqliteLeaseStore({ path: location });
  }
  resources?.add('leases', () => leases.close());
  return leases;
}
