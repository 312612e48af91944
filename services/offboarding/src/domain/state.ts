import {
  addDays,
  employmentStatus,
  type EmploymentStatus,
  evolveJourneyStage,
  initialJourneyStage,
  type JourneyStageState,
  type OffboardingEvent,
  type OFFBOARDING_KINDS,
  type OnboardingEvent,
  STAGES_BEFORE_OFFBOARDING,
  type StageBeforeOffboarding,
} from '@ejp/contracts';
import type { OffboardingTask } from './commands.ts';

/**
 * The write-side state of one employee's offboarding and alumni chapter end:
 * only what `decide` needs to check the rules. It folds the whole journey
 * stream (the onboarding service's events too: the hire says who the
 * employee is, and every event may move the stage). It holds no personal
 * data (notes, reasons, contact details), so nothing here is lost or wrong
 * when the employee is erased.
 */

/** Every event of the journey stream this decider understands. */
export type JourneyEvent = OnboardingEvent | OffboardingEvent;

export interface TaskState extends OffboardingTask {
  done: boolean;
}

/** The offboarding of the current chapter, from its start until a rehire opens the next chapter. */
export interface OffboardingRecord {
  kind: (typeof OFFBOARDING_KINDS)[number];
  voluntary: boolean;
  /** ISO date; due dates are offsets from it, so changing it moves every due date. */
  lastDay: string;
  /**
   * The stage before the offboarding started, where a withdrawn resignation
   * returns; null when the employment was ending anyway (probation not passed).
   */
  returnsTo: StageBeforeOffboarding | null;
  tasks: TaskState[];
  interviewed: boolean;
  /** The day access removal was announced; the last day no longer moves after it. */
  accessRemovalDueOn: string | null;
  departedOn: string | null;
}

export interface HiredState {
  status: 'hired';
  employeeId: string;
  /**
   * Where the employee stands, folded by the one stage fold every service
   * shares (contracts' journey-stage.ts): active or departed comes from it.
   */
  journey: JourneyStageState;
  offboarding: OffboardingRecord | null;
  enrolled: boolean;
  /** Every referral id this alumnus made, across chapters (ids only: the referred person is personal data). */
  referralIds: string[];
  /** HR's latest decision in this chapter; null when none was made (not eligible). */
  rehireEligible: boolean | null;
}

export type OffboardingState = { status: 'not-hired' } | HiredState;

export function initialState(): OffboardingState {
  return { status: 'not-hired' };
}

export function evolve(state: OffboardingState, event: JourneyEvent): OffboardingState {
  if (state.status !== 'hired') {
    // Only the hire opens the state; decide never produces anything before it.
    if (event.type !== 'journey.employee.hired') return state;
    return {
      status: 'hired',
      employeeId: event.data.employeeId,
      journey: evolveJourneyStage(initialJourneyStage(), event),
      offboarding: null,
      enrolled: false,
      referralIds: [],
      rehireEligible: null,
    };
  }
  const next: HiredState = { ...state, journey: evolveJourneyStage(state.journey, event) };
  const offboarding = state.offboarding;
  const withOffboarding = (change: Partial<OffboardingRecord>): HiredState =>
    offboarding ? { ...next, offboarding: { ...offboarding, ...change } } : next;
  switch (event.type) {
    case 'journey.offboarding.started': {
      const { kind, voluntary, lastDay } = event.data;
      const before = state.journey.stage;
      const returnsTo = (STAGES_BEFORE_OFFBOARDING as readonly (string | null)[]).includes(before) ? (before as StageBeforeOffboarding) : null;
      return {
        ...next,
        offboarding: { kind, voluntary, lastDay, returnsTo, tasks: [], interviewed: false, accessRemovalDueOn: null, departedOn: null },
      };
    }
    case 'journey.offboarding.resignation-withdrawn':
      // The offboarding is void: its plan and interview belong to a departure that will not happen.
      return { ...next, offboarding: null, rehireEligible: null };
    case 'journey.offboarding.plan-assigned': {
      // A new plan replaces the old one; a task keeps its done mark when its id survives.
      const done = new Set(offboarding?.tasks.filter((task) => task.done).map((task) => task.id));
      return withOffboarding({ tasks: event.data.tasks.map((task) => ({ ...task, done: done.has(task.id) })) });
    }
    case 'journey.offboarding.task-completed':
      return withOffboarding({ tasks: offboarding?.tasks.map((task) => (task.id === event.data.taskId ? { ...task, done: true } : task)) ?? [] });
    case 'journey.offboarding.last-day-changed':
      return withOffboarding({ lastDay: event.data.to });
    case 'journey.offboarding.access-removal-due':
      return withOffboarding({ accessRemovalDueOn: event.data.dueOn });
    case 'journey.offboarding.exit-interview-recorded':
      return withOffboarding({ interviewed: true });
    case 'journey.employee.departed':
      return withOffboarding({ departedOn: event.data.departedOn });
    case 'journey.alumni.enrolled':
      return { ...next, enrolled: true };
    case 'journey.alumni.consent-withdrawn':
      return { ...next, enrolled: false };
    case 'journey.alumni.referral-made':
      return { ...next, referralIds: [...state.referralIds, event.data.referralId] };
    case 'journey.alumni.rehire-eligibility-set':
      return { ...next, rehireEligible: event.data.eligible };
    case 'journey.employee.rehired':
      // A new chapter: the old offboarding, programme membership and eligibility stay in the old one.
      return { ...next, offboarding: null, enrolled: false, rehireEligible: null };
    default:
      return next;
  }
}

/** Active (hired, not departed) or departed, by the shared rule; 'not-hired' before the hire. */
export function employmentOf(state: OffboardingState): EmploymentStatus {
  return state.status === 'hired' ? employmentStatus(state.journey) : 'not-hired';
}

/** The day a task is due: an offset from the last day (UTC calendar days). */
export function dueDate(offboarding: Pick<OffboardingRecord, 'lastDay'>, task: Pick<OffboardingTask, 'dueOffsetDays'>): string {
  return addDays(offboarding.lastDay, task.dueOffsetDays);
}
