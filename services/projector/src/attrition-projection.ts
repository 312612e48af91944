import {
  EmployeeDeparted,
  EmployeeHired,
  EmployeeRehired,
  type EventCatalogue,
  type EventData,
  eventCatalogue,
  evolveJourneyStage,
  ExitInterviewRecorded,
  initialJourneyStage,
  JourneyStreams,
  type JourneyStageState,
  OffboardingStarted,
  PositionChanged,
  ResignationWithdrawn,
} from '@ejp/contracts';
import { type AttritionDimensions, attritionCellId, AttritionReadModel, NOT_INTERVIEWED, tenureBandOf } from '@ejp/contracts/read-models';
import { type DocumentTarget, fanOutProjection, type ProjectedEvent, type Projection } from '@ejp/projection-kit';

/**
 * What the attrition projection remembers per journey (in
 * `attrition_state`): the dimensions a departure is counted under come from
 * earlier events (department from the hire, start date from the stage fold,
 * regrettable from the start of the offboarding, the reason from the exit
 * interview), and the cell it was counted in, so that an interview recorded
 * after the departure moves it from `not-interviewed` to its reason.
 */
export interface AttritionStreamState {
  stageFold: JourneyStageState;
  department: string | null;
  regrettable: boolean | null;
  primaryReason: AttritionDimensions['primaryReason'] | null;
  countedIn: AttritionDimensions | null;
}

const count = (d: AttritionDimensions, by: 1 | -1): DocumentTarget => ({
  readModel: AttritionReadModel,
  id: attritionCellId(d),
  change: { set: { ...d }, inc: { departures: by } },
});

export function initialAttritionState(): AttritionStreamState {
  return { stageFold: initialJourneyStage(), department: null, regrettable: null, primaryReason: null, countedIn: null };
}

function cellsOf(event: ProjectedEvent, before: AttritionStreamState): DocumentTarget[] {
  if (event.type === EmployeeDeparted.type) {
    const d = event.data as EventData<typeof EmployeeDeparted>;
    return [count(departureCell(before, d), 1)];
  }
  if (event.type === ExitInterviewRecorded.type && before.countedIn) {
    const reason = (event.data as EventData<typeof ExitInterviewRecorded>).primaryReason;
    // Two writes of one event to one cell would be one too many for the revision guard: the second is skipped.
    if (reason === before.countedIn.primaryReason) return [];
    return [count(before.countedIn, -1), count({ ...before.countedIn, primaryReason: reason }, 1)];
  }
  return [];
}

export function departureCell(before: AttritionStreamState, d: Pick<EventData<typeof EmployeeDeparted>, 'departedOn' | 'voluntary'>): AttritionDimensions {
  return {
    month: d.departedOn.slice(0, 7),
    primaryReason: before.primaryReason ?? NOT_INTERVIEWED,
    department: before.department ?? 'unknown',
    tenureBand: tenureBandOf(before.stageFold.startDate ?? d.departedOn, d.departedOn),
    voluntary: d.voluntary,
    regrettable: before.regrettable ?? false,
  };
}

/** The attrition fold of one journey; the employee-experience projection folds it too (its departures, dated). */
export function evolveAttritionState(state: AttritionStreamState, event: ProjectedEvent, catalogue: EventCatalogue): AttritionStreamState {
  const s = { ...state, stageFold: evolveJourneyStage(state.stageFold, event, catalogue) };
  switch (event.type) {
    case EmployeeHired.type:
    case EmployeeRehired.type:
      return { ...s, department: (event.data as EventData<typeof EmployeeRehired>).department, regrettable: null, primaryReason: null, countedIn: null };
    case PositionChanged.type:
      // A departure counts in the department the employee was in when they left.
      return { ...s, department: (event.data as EventData<typeof PositionChanged>).department };
    case OffboardingStarted.type:
      return { ...s, regrettable: (event.data as EventData<typeof OffboardingStarted>).regrettable, primaryReason: null, countedIn: null };
    case ResignationWithdrawn.type:
      return { ...s, regrettable: null, primaryReason: null };
    case ExitInterviewRecorded.type: {
      const primaryReason = (event.data as EventData<typeof ExitInterviewRecorded>).primaryReason;
      return { ...s, primaryReason, countedIn: s.countedIn && { ...s.countedIn, primaryReason } };
    }
    case EmployeeDeparted.type:
      return { ...s, countedIn: departureCell(state, event.data as EventData<typeof EmployeeDeparted>) };
    default:
      return s;
  }
}

export interface AttritionProjectionOptions {
  catalogue?: EventCatalogue;
}

/**
 * Departures counted by month x primary reason x department x tenure band x
 * voluntary x regrettable. Fan-out: a departure increments a cell many
 * journeys feed (each stream's events count once: the kit guards every
 * patch by its stream and revision). Every journey event feeds the stage
 * fold, hence 'every-event' within journeys.
 */
export function attritionProjection(options: AttritionProjectionOptions = {}): Projection {
  const catalogue = options.catalogue ?? eventCatalogue;
  return fanOutProjection<AttritionStreamState>({
    name: 'attrition',
    // 2: a position change moves the department a departure is counted in.
    version: 2,
    canHandle: 'every-event',
    categories: [JourneyStreams],
    readModels: [AttritionReadModel],
    streamState: {
      collection: 'attrition_state',
      initial: initialAttritionState,
      evolve: (state, event) => evolveAttritionState(state, event, catalogue),
    },
    documents: cellsOf,
  });
}
