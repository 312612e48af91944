import type { EventStore } from '@ejp/eventstore';
import { rebuildProjections } from '@ejp/projection-kit';
import { openSqliteReadStore, type ReadStore } from '@ejp/readstore';
import type { AccessDirectory } from '@ejp/service-kit';
import { readStoreAccessDirectory } from '../../src/read-store-directory.ts';
import { reportingLinesProjection } from '../../src/reporting-lines-projection.ts';

export interface ProjectedAccessDirectory {
  directory: AccessDirectory;
  close(): Promise<void>;
}

/**
 * For a service's HTTP tests: the real projection into a real (in-memory
 * SQLite) read store behind the real adapter, re-projected from the event
 * store before each lookup, so a test that hires someone may act as their
 * manager at once, without waiting for a bus. Lookups run one at a time.
 */
export function projectedAccessDirectory(events: Pick<EventStore, 'readAll'>): ProjectedAccessDirectory {
  let store: ReadStore | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const projections = [reportingLinesProjection()];
  const current = async () => {
    store ??= openSqliteReadStore({ path: ':memory:' });
    const readStore = store;
    await rebuildProjections({ events, readStore, projections });
    return readStoreAccessDirectory(readStore);
  };
  return {
    directory: {
      lineOf(employeeId) {
        const next = queue.then(async () => (await current()).lineOf(employeeId));
        queue = next.catch(() => undefined);
        return next;
      },
      agentsOf(teamId) {
        const next = queue.then(async () => (await current()).agentsOf(teamId));
        queue = next.catch(() => undefined);
        return next;
      },
    },
    async close() {
      await queue;
      if (store) await store.close();
    },
  };
}
