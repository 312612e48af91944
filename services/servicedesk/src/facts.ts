import { catalogueCodec, type EventReader, foldEvents } from '@ejp/command-kit';
import { EmployeeHired, EmployeeRehired, journeyStream, ServiceCatalogueStreams, serviceCatalogueEvents } from '@ejp/contracts';
import type { AuthenticatedUser } from '@ejp/service-kit';
import { type CatalogueState, catalogueDecider, teamsOf } from './domain/catalogue.ts';
import type { RequestFacts } from './domain/commands.ts';

/**
 * Facts a request command needs from streams other than its own, read
 * through the command kit's read-only port before deciding: the catalogue
 * (teams, items) and the requester's manager. They are not guarded by the
 * append: an agent removed from a team in the same millisecond may still act once.
 */

export const catalogueEventCodec = catalogueCodec(serviceCatalogueEvents);
const hireCodec = catalogueCodec([EmployeeHired, EmployeeRehired]);

export async function catalogueOf(events: EventReader, organisationId: string): Promise<CatalogueState> {
  return foldEvents(catalogueDecider, catalogueEventCodec, await events.readStream(ServiceCatalogueStreams.streamOf(organisationId)));
}

export async function requestFactsOf(events: EventReader, organisationId: string, user: AuthenticatedUser): Promise<RequestFacts> {
  return { caller: { id: user.subject, roles: user.roles }, teams: teamsOf(await catalogueOf(events, organisationId)) };
}

/** The manager of the latest hire or rehire, or null. */
export async function managerOf(events: EventReader, employeeId: string): Promise<string | null> {
  const fold = { initialState: (): string | null => null, evolve: (_: string | null, event: { data: { managerId: string | null } }) => event.data.managerId };
  return foldEvents(fold, hireCodec, await events.readStream(journeyStream(employeeId)));
}
