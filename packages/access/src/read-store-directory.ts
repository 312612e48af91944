import { type ReportingLine, ReportingLinesReadModel, type ServiceTeam, ServiceTeamsReadModel } from '@ejp/contracts/read-models';
import { openReadStore, type ReadStore, type ReadStoreResources, type ReadStoreSettings } from '@ejp/readstore';
import type { AccessDirectory } from '@ejp/service-kit';

/** The access check's view of the reporting lines and the service teams, read from their read models wherever they are stored. */
export function readStoreAccessDirectory(readStore: Pick<ReadStore, 'get'>): AccessDirectory {
  return {
    async lineOf(employeeId) {
      const stored = await readStore.get<ReportingLine>(ReportingLinesReadModel.collection, employeeId.toLowerCase());
      return stored ? { managerId: stored.doc.managerId, buddyId: stored.doc.buddyId } : undefined;
    },
    async agentsOf(teamId) {
      const stored = await readStore.get<ServiceTeam>(ServiceTeamsReadModel.collection, teamId);
      return stored?.doc.agentIds ?? [];
    },
  };
}

export interface OpenedAccessDirectory {
  directory: AccessDirectory;
  /** For /readyz: a service cannot decide a relation while the read store is down. */
  ping(): Promise<void>;
}

/**
 * The directory of a command service in distributed mode: the read store the
 * projector writes (READSTORE_*: MongoDB in the deployments), opened from the
 * service's configuration and closed with its resources.
 */
export async function openAccessDirectory(settings: ReadStoreSettings, resources?: ReadStoreResources): Promise<OpenedAccessDirectory> {
  const readStore = await openReadStore(settings, resources);
  return { directory: readStoreAccessDirectory(readStore), ping: () => readStore.ping() };
}
