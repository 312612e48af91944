import { catalogueCodec, type EventReader, foldEvents, StreamStateCache } from '@ejp/command-kit';
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

/**
 * The fact loaders of one app. Each stream's fold is cached and read forward
 * from its cached revision only (command kit's StreamStateCache): a giver's
 * journey grows with every give, and each give reads the giver's and the
 * recipients' journeys. None of these states holds personal data.
 */
export class RecognitionFacts {
  readonly #employees = new StreamStateCache<EmployeeFacts>();
  readonly #settings = new StreamStateCache<SettingsState>({ maxStreams: 16 });
  readonly #givers = new StreamStateCache<GivingState>();

  async #employee(events: EventReader, employeeId: string): Promise<{ status: EmploymentStatus; managerId: string | null }> {
    const { state } = await this.#employees.load(events, journeyStream(employeeId), (recorded, from) => foldEvents(employeeFold, journeyCodec, recorded, from));
    return { status: employmentStatus(state.journey), managerId: state.managerId };
  }

  /** Whether each employee is hired and not departed, from the shared stage fold of their journey. */
  async employmentOf(events: EventReader, employeeIds: readonly string[]): Promise<EmploymentFacts> {
    const unique = [...new Set(employeeIds)];
    const statuses = await Promise.all(unique.map(async (id) => [id, (await this.#employee(events, id)).status] as const));
    return Object.fromEntries(statuses);
  }

  /** Of `employeeIds`, those whose manager is `managerId`. */
  async managedBy(events: EventReader, managerId: string, employeeIds: readonly string[]): Promise<string[]> {
    const managers = await Promise.all(employeeIds.map(async (id) => ((await this.#employee(events, id)).managerId === managerId ? [id] : [])));
    return managers.flat();
  }

  async settingsOf(events: EventReader, organisationId: string): Promise<SettingsState> {
    const fold = (recorded: Parameters<typeof foldEvents>[2], from?: SettingsState) => foldEvents(organisationSettingsDecider, settingsCodec, recorded, from);
    return (await this.#settings.load(events, organisationStream(organisationId), fold)).state;
  }

  async givingStateOf(events: EventReader, giverId: string): Promise<GivingState> {
    const fold = (recorded: Parameters<typeof foldEvents>[2], from?: GivingState) => foldEvents({ initialState: initialGivingState, evolve: evolveGiving }, givingCodec, recorded, from);
    return (await this.#givers.load(events, journeyStream(giverId), fold)).state;
  }

  /** What a give or a shout-out needs: the settings in force, and whether everyone it names is employed. */
  async givingFactsOf(events: EventReader, organisationId: string, employeeIds: readonly string[]): Promise<GivingFacts> {
    const [settings, employment] = await Promise.all([this.settingsOf(events, organisationId), this.employmentOf(events, employeeIds)]);
    return { settings, employment };
  }
}
