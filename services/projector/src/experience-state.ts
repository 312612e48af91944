import {
  addDays,
  EmployeeDeparted,
  EmployeeHired,
  EmployeeRehired,
  type EventCatalogue,
  type EventData,
  isoDay,
  journeyStageOn,
  ManagerChanged,
  OnboardingCompleted,
  OnboardingPlanAssigned,
  OnboardingTaskCompleted,
  OneToOneRecorded,
  PositionChanged,
  ProbationOutcomeRecorded,
  RecognitionGiven,
  RecognitionWithdrawn,
  StartDateChanged,
  SurveyCompleted,
} from '@ejp/contracts';
import type { ProfileRecognition, ProfileSnapshot, ProfileTask } from '@ejp/contracts/read-models';
import type { ProjectedEvent } from '@ejp/projection-kit';
import { type AttritionStreamState, evolveAttritionState, initialAttritionState } from './attrition-projection.ts';

/**
 * What the employee-experience projection remembers per journey: the
 * profile's dated facts as they stand (written to the employee's profile
 * whenever they change), and what the dated deltas need from earlier events
 * (the department, the start date, the open tasks, the attrition fold).
 */

/** Months of probation from the start date, unless an extension names its own end. */
export const PROBATION_MONTHS = 6;

export interface JourneyFacts {
  kind: 'journey';
  attrition: AttritionStreamState;
  position: Omit<ProfileSnapshot, 'on' | 'eventId' | 'stage' | 'chapter' | 'startDate'>;
  history: ProfileSnapshot[];
  tasks: ProfileTask[];
  oneToOnes: { eventId: string; on: string; heldOn: string; mood: number }[];
  surveys: { eventId: string; on: string; surveyId: string; title: string; completedBy: string }[];
  given: ProfileRecognition[];
  /** The departure day of the current chapter: an exit interview recorded later moves its departure. */
  departedOn: string | null;
}

export function initialJourneyFacts(): JourneyFacts {
  return {
    kind: 'journey',
    attrition: initialAttritionState(),
    position: { department: null, level: null, location: null, managerId: null, probationEndsOn: null },
    history: [],
    tasks: [],
    oneToOnes: [],
    surveys: [],
    given: [],
    departedOn: null,
  };
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return isoDay(new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))));
}

export const dayOf = (event: ProjectedEvent) => isoDay(event.occurredAt);

/** The day a task of the plan is due: the start date plus its offset. */
export const dueOn = (facts: JourneyFacts, task: ProfileTask) => (facts.attrition.stageFold.startDate ? addDays(facts.attrition.stageFold.startDate, task.dueOffsetDays) : null);

/** Open tasks of the current chapter. */
export const openTasks = (facts: JourneyFacts) => facts.tasks.filter((t) => t.completedOn === null && t.chapter === facts.attrition.stageFold.chapter);

export function evolveJourneyFacts(state: JourneyFacts, event: ProjectedEvent, catalogue: EventCatalogue): JourneyFacts {
  const on = dayOf(event);
  const attrition = evolveAttritionState(state.attrition, event, catalogue);
  let { position, tasks, oneToOnes, surveys, given, departedOn } = state;
  const chapter = attrition.stageFold.chapter;
  switch (event.type) {
    case EmployeeHired.type:
    case EmployeeRehired.type: {
      const d = event.data as EventData<typeof EmployeeRehired>;
      position = { department: d.department, level: d.level, location: d.location, managerId: d.managerId, probationEndsOn: addMonths(d.startDate, PROBATION_MONTHS) };
      departedOn = null;
      break;
    }
    case EmployeeDeparted.type: {
      departedOn = (event.data as EventData<typeof EmployeeDeparted>).departedOn;
      break;
    }
    case PositionChanged.type: {
      const d = event.data as EventData<typeof PositionChanged>;
      position = { ...position, department: d.department, level: d.level, managerId: d.managerId };
      break;
    }
    case StartDateChanged.type:
      // Start dates move in pre-boarding, before any probation extension: the end moves with them.
      position = { ...position, probationEndsOn: addMonths((event.data as EventData<typeof StartDateChanged>).to, PROBATION_MONTHS) };
      break;
    case ManagerChanged.type:
      position = { ...position, managerId: (event.data as EventData<typeof ManagerChanged>).managerId };
      break;
    case ProbationOutcomeRecorded.type: {
      const d = event.data as EventData<typeof ProbationOutcomeRecorded>;
      if (d.outcome === 'extended') position = { ...position, probationEndsOn: d.newEndDate };
      break;
    }
    case OnboardingPlanAssigned.type: {
      const plan = (event.data as EventData<typeof OnboardingPlanAssigned>).tasks;
      const others = tasks.filter((t) => t.chapter !== chapter);
      tasks = [...others, ...plan.map((t) => ({ taskId: t.id, owner: t.owner, required: t.required, dueOffsetDays: t.dueOffsetDays, chapter, on, eventId: event.eventId, completedOn: null, completedEventId: null }))];
      break;
    }
    case OnboardingTaskCompleted.type: {
      const { taskId } = event.data as EventData<typeof OnboardingTaskCompleted>;
      tasks = tasks.map((t) => (t.taskId === taskId && t.chapter === chapter && t.completedOn === null ? { ...t, completedOn: on, completedEventId: event.eventId } : t));
      break;
    }
    case OneToOneRecorded.type: {
      const d = event.data as EventData<typeof OneToOneRecorded>;
      oneToOnes = [...oneToOnes, { eventId: event.eventId, on, heldOn: d.heldOn, mood: d.mood }];
      break;
    }
    case SurveyCompleted.type: {
      const d = event.data as EventData<typeof SurveyCompleted>;
      surveys = [...surveys, { eventId: event.eventId, on, surveyId: d.surveyId, title: d.title, completedBy: d.completedBy }];
      break;
    }
    case RecognitionGiven.type: {
      const d = event.data as EventData<typeof RecognitionGiven>;
      given = [...given, { recognitionId: d.recognitionId, on, values: d.values, withdrawnOn: null }];
      break;
    }
    case RecognitionWithdrawn.type: {
      const { recognitionId } = event.data as EventData<typeof RecognitionWithdrawn>;
      given = given.map((g) => (g.recognitionId === recognitionId && g.withdrawnOn === null ? { ...g, withdrawnOn: on } : g));
      break;
    }
    default:
      break;
  }
  const stage = journeyStageOn(attrition.stageFold, on);
  const last = state.history.at(-1);
  const snapshot: ProfileSnapshot = { on, eventId: event.eventId, stage, chapter, startDate: attrition.stageFold.startDate, ...position };
  const changed = !last || (['stage', 'chapter', 'startDate', 'department', 'level', 'location', 'managerId', 'probationEndsOn'] as const).some((k) => last[k] !== snapshot[k]);
  const history = changed && stage !== null ? [...state.history, snapshot] : state.history;
  return { kind: 'journey', attrition, position, history, tasks, oneToOnes, surveys, given, departedOn };
}

export const onboardingDone = (event: ProjectedEvent) => event.type === OnboardingCompleted.type;
