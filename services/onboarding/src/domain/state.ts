import {
  addDays,
  evolveJourneyStage,
  initialJourneyStage,
  isoDay,
  type JourneyStage,
  type JourneyStageState,
  journeyStageOn,
  type OffboardingEvent,
  type OnboardingEvent,
} from '@ejp/contracts';
import type { BuddyKind, CheckInDay, PlanTask } from './commands.ts';

/**
 * The write-side state of one employee's onboarding: only what `decide`
 * needs to check the rules. It holds no personal data (names, messages,
 * notes), so nothing here is lost or wrong when the employee is erased.
 */

export interface TaskState extends PlanTask {
  done: boolean;
}

export interface HiredState {
  status: 'hired';
  employeeId: string;
  managerId: string | null;
  /** ISO date; task due dates are derived from it, so changing it moves every due date. */
  startDate: string;
  /**
   * Where the employee stands in their journey, folded by the one stage fold
   * every service shares (contracts' journey-stage.ts), so the stage rules
   * (probation not passed leads to offboarding, ...) are not written here.
   * Judge it on a day with `stageOf`.
   */
  journey: JourneyStageState;
  tasks: TaskState[];
  buddy: { id: string; kind: BuddyKind } | null;
  welcomeSent: boolean;
  /** Recorded check-in days, in the order recorded (always 30, 60, 90 by the rules). */
  checkIns: CheckInDay[];
  /** Set when probation was extended. */
  probationEndDate: string | null;
}

export type OnboardingState = { status: 'not-hired' } | HiredState;

/**
 * Every event of the journey stream this decider folds: its own, and the
 * offboarding service's (a departure refuses its commands, a rehire opens a
 * new onboarding). The command kit's journeyCodec makes sure no type that
 * moves the stage is missing.
 */
export type JourneyEvent = OnboardingEvent | OffboardingEvent;

export function initialState(): OnboardingState {
  return { status: 'not-hired' };
}

export function evolve(state: OnboardingState, event: JourneyEvent): OnboardingState {
  if (event.type === 'journey.employee.hired') {
    const { employeeId, managerId, startDate } = event.data;
    return newChapter(employeeId, managerId, startDate, evolveJourneyStage(state.status === 'hired' ? state.journey : initialJourneyStage(), event));
  }
  // Anything before the hire cannot be applied; decide never produces it.
  if (state.status !== 'hired') return state;
  if (event.type === 'journey.employee.rehired') {
    // A boomerang starts onboarding afresh: the old plan, buddy and check-ins stay in the old chapter.
    const { managerId, startDate } = event.data;
    return newChapter(state.employeeId, managerId, startDate, evolveJourneyStage(state.journey, event));
  }
  const next: HiredState = { ...state, journey: evolveJourneyStage(state.journey, event) };
  switch (event.type) {
    case 'journey.onboarding.plan-assigned': {
      // A new plan replaces the old one; a task keeps its done mark when its id survives.
      const done = new Set(state.tasks.filter((task) => task.done).map((task) => task.id));
      return { ...next, tasks: event.data.tasks.map((task) => ({ ...task, done: done.has(task.id) })) };
    }
    case 'journey.onboarding.buddy-assigned':
      return { ...next, buddy: { id: event.data.buddyId, kind: event.data.kind } };
    case 'journey.onboarding.welcome-message-sent':
      return { ...next, welcomeSent: true };
    case 'journey.onboarding.task-completed':
      return {
        ...next,
        tasks: state.tasks.map((task) => (task.id === event.data.taskId ? { ...task, done: true } : task)),
      };
    case 'journey.onboarding.check-in-recorded':
      return { ...next, checkIns: [...state.checkIns, event.data.day] };
    case 'journey.employee.start-date-changed':
      return { ...next, startDate: event.data.to };
    case 'journey.employee.manager-changed':
      return { ...next, managerId: event.data.managerId };
    case 'journey.onboarding.completed':
      return next;
    case 'journey.probation.outcome-recorded':
      return event.data.outcome === 'extended' ? { ...next, probationEndDate: event.data.newEndDate } : next;
    default:
      // Another service's event: only the stage it may move matters here.
      return next;
  }
}

function newChapter(employeeId: string, managerId: string | null, startDate: string, journey: JourneyStageState): HiredState {
  return { status: 'hired', employeeId, managerId, startDate, journey, tasks: [], buddy: null, welcomeSent: false, checkIns: [], probationEndDate: null };
}

/** The UTC calendar date of an instant, as an ISO date. */
export function isoDateOf(instant: Date): string {
  return isoDay(instant);
}

/** `startDate` plus `offsetDays` calendar days (UTC, so no daylight-saving surprises). */
export function dueDate(startDate: string, offsetDays: number): string {
  return addDays(startDate, offsetDays);
}

/** The journey stage on `today`, by the shared fold: pre-boarding turns into onboarding on the start date. */
export function stageOf(state: OnboardingState, today: string): JourneyStage | 'not-hired' {
  if (state.status !== 'hired') return 'not-hired';
  return journeyStageOn(state.journey, today) ?? 'not-hired';
}
