import { DomainError } from '@ejp/command-kit';

/**
 * Domain errors of the offboarding decider: a stable code (a contract with
 * clients) and no HTTP status; the HTTP layer registers each code's status.
 * Codes are process-wide in the standalone shape, so a code another service
 * also uses (EJP_EMPLOYEE_NOT_FOUND, EJP_INVALID_COMMAND) means the same
 * there, and codes whose title would differ carry the offboarding name.
 */
export const OFFBOARDING_ERROR_CODES = [
  'EJP_EMPLOYEE_NOT_FOUND',
  /** The employee has left: every command that needs an active employee says so (from the shared stage fold). */
  'EJP_EMPLOYEE_DEPARTED',
  'EJP_OFFBOARDING_ALREADY_STARTED',
  'EJP_OFFBOARDING_NOT_STARTED',
  'EJP_NOT_A_RESIGNATION',
  'EJP_LAST_DAY_REACHED',
  'EJP_LAST_DAY_NOT_REACHED',
  'EJP_OFFBOARDING_TASK_NOT_FOUND',
  'EJP_OFFBOARDING_TASK_ALREADY_DONE',
  'EJP_NOT_OFFBOARDING_TASK_OWNER',
  'EJP_REQUIRED_OFFBOARDING_TASKS_OPEN',
  'EJP_EXIT_INTERVIEW_ALREADY_RECORDED',
  'EJP_NOT_DEPARTED',
  'EJP_ALUMNI_CONSENT_REQUIRED',
  'EJP_ALUMNUS_ALREADY_ENROLLED',
  'EJP_ALUMNUS_NOT_ENROLLED',
  'EJP_REFERRAL_ALREADY_MADE',
  'EJP_NOT_ELIGIBLE_FOR_REHIRE',
  'EJP_INVALID_COMMAND',
] as const;

export type OffboardingErrorCode = (typeof OFFBOARDING_ERROR_CODES)[number];

export class OffboardingError extends DomainError<OffboardingErrorCode> {
  override name = 'OffboardingError';
}
