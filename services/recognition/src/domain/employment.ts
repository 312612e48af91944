import type { JourneyStageState } from '@ejp/contracts';

/**
 * "Hired and not departed", judged from the shared journey-stage fold of the
 * employee's own stream. Written here in ONE function until contracts exports
 * its `isActiveEmployee` (being added with the offboarding events): then this
 * file becomes a re-export. Offboarding still counts as employed (people work
 * until their last day); alumni and never-hired do not.
 */
export type EmploymentStatus = 'not-hired' | 'active' | 'departed';

export function employmentStatusOf(journey: JourneyStageState): EmploymentStatus {
  if (journey.stage === null) return 'not-hired';
  return journey.stage === 'alumni' ? 'departed' : 'active';
}
