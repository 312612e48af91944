import { addDays, isoDay, type JourneyStage, type OnboardingEvent, stageOnDay } from '@ejp/contracts';
import type { BuddyKind, CheckInDay, PlanTask } from './commands.ts';

/**
 * The write-side state of one employee's onboarding: only what `decide`
 * needs to check the rules. It holds no personal data (names, messages,
 * notes), so nothing here is lost or wrong when the employee is erased.
 */

/**
 * Where the employee stands for this service. Pre-boarding and onboarding
 * are one phase: they differ only by the date (see stageOf), and the same
 * commands apply to both.
 */
export type OnboardingPhase = 'onboarding' | 'probation' | 'in-role' | 'probation-not-passed';

export interface TaskState extends PlanTask {
  done: boolean;
}

export interface HiredState {
  status: 'hired';
  employeeId: string;
  managerId: string | null;
  /** ISO date; task due dates are derived from it, so changing it moves every due date. */
  startDate: string;
  phase: OnboardingPhase;
  tasks: TaskState[];
  buddy: { id: string; kind: BuddyKind } | null;
  welcomeSent: boolean;
  /** Recorded check-in days, in the order recorded (always 30, 60, 90 by the rules). */
  checkIns: CheckInDay[];
  /** Set when probation was extended. */
  probationEndDate: string | null;
}

export type OnboardingState = { status: 'not-hired' } | HiredState;

export function initialState(): OnboardingState {
  return { status: 'not-hired' };
}

export function evolve(state: OnboardingState, event: OnboardingEvent): OnboardingState {
  if (event.type === 'journey.employee.hired') {
    const { employeeId, managerId, startDate } = event.data;
    return {
      status: 'hired',
      employeeId,
      managerId,
      startDate,
      phase: 'onboarding',
      tasks: [],
      buddy: null,
      welcomeSent: false,
      checkIns: [],
      probationEndDate: null,
    };
  }
  // Anything before the hire cannot be applied; decide never produces it.
  if (state.status !== 'hired') return state;
  switch (event.type) {
    case 'journey.onboarding.plan-assigned': {
      // A new plan replaces the old one; a task keeps its done mark when its id survives.
      const done = new Set(state.tasks.filter((task) => task.done).map((task) => task.id));
      return { ...state, tasks: event.data.tasks.map((task) => ({ ...task, done: done.has(task.id) })) };
    }
    case 'journey.onboarding.buddy-assigned':
      return { ...state, buddy: { id: event.data.buddyId, kind: event.data.kind } };
    case 'journey.onboarding.welcome-message-sent':
      return { ...state, welcomeSent: true };
    case 'journey.onboarding.task-completed':
      return {
        ...state,
        tasks: state.tasks.map((task) => (task.id === event.data.taskId ? { ...task, done: true } : task)),
      };
    case 'journey.onboarding.check-in-recorded':
      return { ...state, checkIns: [...state.checkIns, event.data.day] };
    case 'journey.employee.start-date-changed':
      return { ...state, startDate: event.data.to };
    case 'journey.onboarding.completed':
      return { ...state, phase: 'probation' };
    case 'journey.probation.outcome-recorded': {
      const outcome = event.data;
      if (outcome.outcome === 'extended') return { ...state, probationEndDate: outcome.newEndDate };
      return { ...state, phase: outcome.outcome === 'passed' ? 'in-role' : 'probation-not-passed' };
    }
  }
}

/** The UTC calendar date of an instant, as an ISO date. */
export function isoDateOf(instant: Date): string {
  return isoDay(instant);
}

/** `startDate` plus `offsetDays` calendar days (UTC, so no daylight-saving surprises). */
export function dueDate(startDate: string, offsetDays: number): string {
  return addDays(startDate, offsetDays);
}

/** The journey stage the state is in on `today`; pre-boarding turns into onboarding on the start date. */
export function stageOf(state: OnboardingState, today: string): JourneyStage | 'not-hired' {
  if (state.status !== 'hired') return 'not-hired';
  switch (state.phase) {
    case 'onboarding':
      return stageOnDay('pre-boarding', state.startDate, today);
    case 'probation':
      return 'probation';
    case 'in-role':
      return 'in-role';
    case 'probation-not-passed':
      // Not passing probation ends the employment: what follows is offboarding.
      return 'offboarding';
  }
}
