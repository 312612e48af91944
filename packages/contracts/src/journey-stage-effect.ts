import type { JourneyStage } from './vocabulary.ts';

/**
 * What an event type does to the employee's journey stage, declared next to
 * its schema (`defineEvent({ journey: ... })`), so the one stage fold
 * (journey-stage.ts) knows every service's events without a switch over
 * type names. `Data` is the current version's data; the fold reads only
 * fields that are never personal, so erased events still fold.
 */
export interface JourneyStageEffect<Data> {
  /** The stage the employee is in after the event; a function when it depends on the data. */
  moveTo?: JourneyStage | ((data: Data) => JourneyStage);
  /** A hire: opens a new chapter of the journey (the first, or a rehire after alumni). */
  opensChapter?: boolean;
  /** The start date the event sets; pre-boarding ends on it without any event. */
  startDate?: (data: Data) => string;
}

export const PROBATION_OUTCOMES = ['passed', 'extended', 'not-passed'] as const;
export type ProbationOutcome = (typeof PROBATION_OUTCOMES)[number];

/** Passing probation puts the employee in role; not passing it ends the employment, so offboarding follows. */
export function stageAfterProbation(outcome: ProbationOutcome): JourneyStage {
  switch (outcome) {
    case 'passed':
      return 'in-role';
    case 'extended':
      return 'probation';
    case 'not-passed':
      return 'offboarding';
  }
}

/**
 * The stages of an employment before it starts to end. A withdrawn
 * resignation returns to one of them (never to offboarding or alumni).
 */
export const STAGES_BEFORE_OFFBOARDING = ['pre-boarding', 'onboarding', 'probation', 'in-role'] as const satisfies readonly JourneyStage[];
export type StageBeforeOffboarding = (typeof STAGES_BEFORE_OFFBOARDING)[number];

/**
 * Hired and not departed: the stages in which an employee takes part in the
 * platform (recognition, surveys, tasks, check-ins). Offboarding still counts:
 * the employee works until the last day. Alumni do not.
 */
export const ACTIVE_STAGES = [...STAGES_BEFORE_OFFBOARDING, 'offboarding'] as const satisfies readonly JourneyStage[];
