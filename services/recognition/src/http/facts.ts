import { catalogueCodec, type EventReader, foldEvents } from '@ejp/command-kit';
import {
  type EmploymentStatus,
  employmentStatus,
  eventCatalogue,
  evolveJourneyStage,
  givingEvents,
  initialJourneyStage,
  journeyStream,
  type JourneyStageState,
  organisationSettingsEvents,
  organisationStream,
} from '@ejp/contracts';
import type { EmploymentFacts, GivingFacts } from '../domain/commands.ts';
import { evolveGiving, type GivingState, initialGivingState } from '../domain/giving-state.ts';
import { organisationSettingsDecider, type SettingsState } from '../domain/settings.ts';

/**
 * Facts a recognition command needs from streams other than its own, read
 * through the command kit's read-only port before deciding. They are not
 * guarded by the append (only the command's own stream is): a colleague who
 * departs in the same millisecond may still receive a recognition. The
 * allowance, which must hold exactly, lives in the command's own stream.
 */

// Every platform type: the stage moves by events of any service (hire, probation, offboarding...).
const journeyCodec = catalogueCodec(eventCatalogue.types().map((type) => eventCatalogue.definition(type)));
const givingCodec = catalogueCodec(givingEvents);
const settingsCodec = catalogueCodec(organisationSettingsEvents);

interface EmployeeFacts {
  journey: JourneyStageState;
  /** From the latest hire: the manager whose team the employee is in. */
  managerId: string | null;
}

const employeeFold = {
  initialState: (): EmployeeFacts => ({ journey: initialJourneyStage(), managerId: null }),
  evolve: (state: EmployeeFacts, event: { type: string; data: unknown }): EmployeeFacts => ({
    journey: evolveJourneyStage(state.journey, event),
    managerId: event.type === 'journey.employee.hired' ? (event.data as { managerId: string | null }).managerId : state.managerId,
  }),
};

async function employee(events: EventReader, employeeId: string): Promise<{ status: EmploymentStatus; managerId: string | null }> {
  const facts = foldEvents(employeeFold, journeyCodec, await events.readStream(journeyStream(employeeId)));
  return { status: employmentStatus(facts.journey), managerId: facts.managerId };
}

/** Whether each employee is hired and not departed, from the shared stage fold of their journey. */
export async function employmentOf(events: EventReader, employeeIds: readonly string[]): Promise<EmploymentFacts> {
  const unique = [...new Set(employeeIds)];
  const statuses = await Promise.all(unique.map(async (id) => [id, (await employee(events, id)).status] as const));
  return Object.fromEntries(statuses);
}

/** Of `employeeIds`, those whose manager is `managerId`. */
export async function managedBy(events: EventReader, managerId: string, employeeIds: readonly string[]): Promise<string[]> {
  const managers = await Promise.all(employeeIds.map(async (id) => ((await employee(events, id)).managerId === managerId ? [id] : [])));
  return managers.flat();
}

export async function settingsOf(events: EventReader, organisationId: string): Promise<SettingsState> {
  return foldEvents(organisationSettingsDecider, settingsCodec, await events.readStream(organisationStream(organisationId)));
}

export async function givingStateOf(events: EventReader, giverId: string): Promise<GivingState> {
  return foldEvents({ initialState: initialGivingState, evolve: evolveGiving }, givingCodec, await events.readStream(journeyStream(giverId)));
}

/** What a give or a shout-out needs: the settings in force, and whether everyone it names is employed. */
export async function givingFactsOf(events: EventReader, organisationId: string, employeeIds: readonly string[]): Promise<GivingFacts> {
  const [settings, employment] = await Promise.all([settingsOf(events, organisationId), employmentOf(events, employeeIds)]);
  return { settings, employment };
}
