import type { Command, Decider } from '@ejp/command-kit';
import type { ReportingLineEvent } from '@ejp/contracts';
import { requireHired, requireNotDeparted } from './decide.ts';
import { OnboardingError } from './errors.ts';
import { evolve, initialState, type JourneyEvent, type OnboardingState } from './state.ts';

/**
 * Whom an employee reports to after the hire. Onboarding owns the employee
 * record, so it decides the change; the access read model projects it, and
 * from then on the new manager reaches the journey and the previous one no
 * longer does. Null: reports to nobody.
 */
export type ChangeManager = Command<'ChangeManager', { employeeId: string; managerId: string | null }>;

export function decideChangeManager(command: ChangeManager, state: OnboardingState): ReportingLineEvent[] {
  const { employeeId } = command.data;
  const managerId = command.data.managerId?.toLowerCase() ?? null;
  const hired = requireHired(state, employeeId);
  requireNotDeparted(hired);
  if (managerId === employeeId.toLowerCase()) throw new OnboardingError('EJP_INVALID_COMMAND', 'An employee cannot report to themselves.');
  const previousManagerId = hired.managerId?.toLowerCase() ?? null;
  // The same manager again changes nothing: a retried PUT stays a no-op.
  if (managerId === previousManagerId) return [];
  return [{ type: 'journey.employee.manager-changed', data: { managerId, previousManagerId } }];
}

/** Folds the whole journey (the hire names the first manager, a departure refuses the change) with onboarding's own evolve. */
export const reportingLineDecider: Decider<ChangeManager, OnboardingState, JourneyEvent> = {
  decide: decideChangeManager,
  evolve,
  initialState,
};
