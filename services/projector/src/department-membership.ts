import { EmployeeDeparted, EmployeeHired, EmployeeRehired, type EventData, JourneyStreams, journeyStream, RecognitionGiven, TeamShoutOutGiven } from '@ejp/contracts';
import { DepartmentMembershipReadModel, type Membership } from '@ejp/contracts/read-models';
import { type DocumentReader, getAll, type ProjectedEvent, type Projection, singleStreamProjection } from '@ejp/projection-kit';

/**
 * The slim membership read model (department and team of each employee, and
 * whether still employed), and the lookups the recognition projections make
 * in it: the recipients' departments and managers, a shout-out's members.
 * Journey events carry no transfer yet: a department or manager changes
 * only with a rehire.
 */

/** The events membership follows: a projection that looks memberships up must handle them too, to see its batch's. */
export const MEMBERSHIP_EVENTS: readonly string[] = [EmployeeHired, EmployeeRehired, EmployeeDeparted].map((d) => d.type);

function evolveMembership(before: Membership | undefined, event: Pick<ProjectedEvent, 'type' | 'data' | 'subject'>): Membership | undefined {
  if (event.type === EmployeeDeparted.type) return before && { ...before, member: false };
  if (event.type === EmployeeHired.type || event.type === EmployeeRehired.type) {
    const { department, managerId } = event.data as EventData<typeof EmployeeRehired>;
    return { employeeId: event.subject, department, managerId: managerId ?? null, member: true };
  }
  return before;
}

export function departmentMembershipProjection(): Projection {
  return singleStreamProjection({
    name: 'department-membership',
    version: 1,
    readModel: DepartmentMembershipReadModel,
    category: JourneyStreams,
    canHandle: MEMBERSHIP_EVENTS,
    // A departure before any hire is not a journey the platform writes; it leaves an empty record.
    initial: (event) => ({ employeeId: event.subject, department: '', managerId: null, member: false }),
    evolve: (document, event) => evolveMembership(document, event) ?? document,
  });
}

type Audience = EventData<typeof TeamShoutOutGiven>['audience'];

/** What a recognition event's projections need to know of the people it names, as of that event. */
export interface RecognitionPeople {
  /** Membership of each recipient (a recognition), or of the team's manager (a team shout-out). */
  named: Map<string, Membership>;
  /** A shout-out's members (only when asked for). */
  members: string[];
}

const audienceWhere = (audience: Audience): Record<string, string> => (audience.kind === 'department' ? { department: audience.department } : { managerId: audience.managerId });
const inAudience = (m: Membership, audience: Audience) => m.member && (audience.kind === 'department' ? m.department === audience.department : m.managerId === audience.managerId);

async function storedMembers(reader: DocumentReader, audience: Audience): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await reader.query<Membership>(DepartmentMembershipReadModel.collection, { where: { ...audienceWhere(audience), member: true }, limit: 1000, ...(cursor ? { cursor } : {}) });
    for (const item of page.items) ids.push(item.id);
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/**
 * For every recognition and shout-out of the batch (by event id): the
 * memberships of the people it names and, with `withMembers`, a shout-out's
 * members. The store has what earlier batches wrote; the batch's own hires
 * and departures before each event are applied on top, in batch order, so a
 * rebuild (whose pages mix hires and shout-outs) reaches who the live path did.
 */
export async function recognitionPeopleOf(events: readonly ProjectedEvent[], reader: DocumentReader, withMembers: boolean): Promise<Map<string, RecognitionPeople>> {
  const named = new Set<string>();
  const audiences = new Map<string, Audience>();
  const moved = new Set<string>();
  for (const event of events) {
    if (MEMBERSHIP_EVENTS.includes(event.type)) moved.add(event.subject);
    if (event.type === RecognitionGiven.type) for (const id of (event.data as EventData<typeof RecognitionGiven>).recipientIds) named.add(id);
    if (event.type === TeamShoutOutGiven.type) {
      const { audience } = event.data as EventData<typeof TeamShoutOutGiven>;
      if (audience.kind === 'team') named.add(audience.managerId);
      if (withMembers) audiences.set(JSON.stringify(audience), audience);
    }
  }
  const result = new Map<string, RecognitionPeople>();
  if (named.size === 0 && audiences.size === 0) return result;
  // Those the batch moves are read too: their stored revision tells a redelivered event from a new one.
  const found = await getAll<Membership>(reader, DepartmentMembershipReadModel.collection, [...new Set([...named, ...moved])]);
  const stored = new Map([...found].map(([id, d]) => [id, d.doc]));
  const appliedUpTo = new Map([...found].map(([id, d]) => [id, d.sourceRevisions?.[journeyStream(id)] ?? -1]));
  const storedByAudience = new Map(await Promise.all([...audiences].map(async ([key, audience]) => [key, await storedMembers(reader, audience)] as const)));

  const latest = new Map<string, Membership>();
  const membershipOf = (id: string) => latest.get(id) ?? stored.get(id);
  for (const event of events) {
    if (MEMBERSHIP_EVENTS.includes(event.type) && event.category === JourneyStreams) {
      if (event.revision <= (appliedUpTo.get(event.subject) ?? -1)) continue;
      const next = evolveMembership(membershipOf(event.subject), event);
      if (next) latest.set(event.subject, next);
    } else if (event.type === RecognitionGiven.type) {
      const ids = (event.data as EventData<typeof RecognitionGiven>).recipientIds;
      result.set(event.eventId, { named: known(ids, membershipOf), members: [] });
    } else if (event.type === TeamShoutOutGiven.type) {
      const { audience } = event.data as EventData<typeof TeamShoutOutGiven>;
      const members = withMembers ? membersNow(storedByAudience.get(JSON.stringify(audience)) ?? [], latest, audience) : [];
      result.set(event.eventId, { named: known(audience.kind === 'team' ? [audience.managerId] : [], membershipOf), members });
    }
  }
  return result;
}

function known(ids: readonly string[], membershipOf: (id: string) => Membership | undefined): Map<string, Membership> {
  return new Map(ids.flatMap((id) => (membershipOf(id) ? [[id, membershipOf(id)!] as const] : [])));
}

/** The stored members, with the batch's changes so far applied. */
function membersNow(stored: readonly string[], latest: ReadonlyMap<string, Membership>, audience: Audience): string[] {
  const members = new Set(stored.filter((id) => !latest.has(id)));
  for (const [id, membership] of latest) if (inAudience(membership, audience)) members.add(id);
  // Sorted: the same members in the same order however the batches were cut (live, rebuild).
  return [...members].sort();
}

/** The departments a recognition or shout-out counts for in analytics and feed filters. */
export function departmentsOf(event: ProjectedEvent, people: RecognitionPeople | undefined): string[] {
  if (event.type === TeamShoutOutGiven.type) {
    const { audience } = event.data as EventData<typeof TeamShoutOutGiven>;
    if (audience.kind === 'department') return [audience.department];
  }
  return [...new Set([...(people?.named.values() ?? [])].map((m) => m.department).filter((d) => d !== ''))].sort();
}

/** The recipients' managers (who else sees a recipients-and-managers recognition). */
export function managersOf(people: RecognitionPeople | undefined): string[] {
  return [...new Set([...(people?.named.values() ?? [])].flatMap((m) => (m.managerId ? [m.managerId] : [])))].sort();
}
