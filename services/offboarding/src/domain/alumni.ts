import {
  AlumniConsentWithdrawn,
  AlumnusEnrolled,
  EmployeeRehired,
  type OffboardingEvent,
  ReferralMade,
  RehireEligibilitySet,
} from '@ejp/contracts';
import type { EnrolAlumnus, MakeReferral, OffboardingCommand, Rehire } from './commands.ts';
import { OffboardingError } from './errors.ts';
import { recorded, requireDeparted, requireOffboarding } from './guards.ts';
import type { HiredState } from './state.ts';

type AlumniCommand = Extract<
  OffboardingCommand,
  { type: 'EnrolAlumnus' | 'WithdrawAlumniConsent' | 'MakeReferral' | 'SetRehireEligibility' | 'Rehire' }
>;

/** After the departure: the alumni programme, rehire eligibility and the rehire that opens the next chapter. */
export function decideAlumni(command: AlumniCommand, state: HiredState): OffboardingEvent[] {
  switch (command.type) {
    case 'EnrolAlumnus':
      return enrol(command, state);
    case 'WithdrawAlumniConsent':
      requireEnrolled(state, 'withdraw consent');
      return [recorded(AlumniConsentWithdrawn, {})];
    case 'MakeReferral':
      return refer(command, state);
    case 'SetRehireEligibility': {
      // HR may decide at the exit already, or later; never before an offboarding exists.
      requireOffboarding(state);
      const { employeeId: _, ...eligibility } = command.data;
      return [recorded(RehireEligibilitySet, eligibility)];
    }
    case 'Rehire':
      return rehire(command, state);
  }
}

function enrol(command: EnrolAlumnus, state: HiredState): OffboardingEvent[] {
  requireDeparted(state, 'join the alumni programme');
  if (!command.data.consent) {
    throw new OffboardingError('EJP_ALUMNI_CONSENT_REQUIRED', 'Joining the alumni programme needs consent to be contacted.', { field: 'consent' });
  }
  if (state.enrolled) throw new OffboardingError('EJP_ALUMNUS_ALREADY_ENROLLED', `Employee ${state.employeeId} is already in the alumni programme.`);
  return [recorded(AlumnusEnrolled, { consent: true, ...command.data.contact })];
}

function refer(command: MakeReferral, state: HiredState): OffboardingEvent[] {
  requireEnrolled(state, 'make referrals');
  const { employeeId: _, ...referral } = command.data;
  if (state.referralIds.includes(referral.referralId)) {
    throw new OffboardingError('EJP_REFERRAL_ALREADY_MADE', `Referral ${referral.referralId} was already made.`, { referralId: referral.referralId });
  }
  return [recorded(ReferralMade, referral)];
}

function rehire(command: Rehire, state: HiredState): OffboardingEvent[] {
  const { departedOn } = requireDeparted(state, 'be rehired');
  if (state.rehireEligible !== true) {
    throw new OffboardingError('EJP_NOT_ELIGIBLE_FOR_REHIRE', `HR has not set employee ${state.employeeId} eligible for rehire.`, {
      rehireEligible: state.rehireEligible,
    });
  }
  const { employeeId, ...position } = command.data;
  // The new chapter follows the old one: the timeline shows both in order.
  if (position.startDate <= departedOn) {
    throw new OffboardingError('EJP_INVALID_COMMAND', `The new start date must come after the departure (${departedOn}).`, { field: 'startDate' });
  }
  if (position.managerId === employeeId) throw new OffboardingError('EJP_INVALID_COMMAND', 'An employee cannot be their own manager.', { field: 'managerId' });
  return [recorded(EmployeeRehired, position)];
}

function requireEnrolled(state: HiredState, action: string): void {
  if (!state.enrolled) throw new OffboardingError('EJP_ALUMNUS_NOT_ENROLLED', `Only enrolled alumni can ${action}; employee ${state.employeeId} is not enrolled.`);
}
