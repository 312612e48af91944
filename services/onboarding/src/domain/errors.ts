import { DomainError } from '@ejp/command-kit';

/**
 * Domain errors of the onboarding decider. The decider is pure and knows
 * nothing about HTTP: it throws a stable code (a contract with clients) and
 * the route table registers each code's status with the service kit
 * (src/http/routes.ts); the command kit maps it onto the wire.
 */
export const ONBOARDING_ERROR_CODES = [
  'EJP_EMPLOYEE_ALREADY_HIRED',
  'EJP_EMPLOYEE_NOT_FOUND',
  /** The employee has left (the shared stage fold says departed): no onboarding command applies until a rehire. */
  'EJP_EMPLOYEE_DEPARTED',
  'EJP_TASK_NOT_FOUND',
  'EJP_TASK_ALREADY_DONE',
  /** A touchpoint's task (welcome, buddy, check-ins) completes only through its command, never by ticking it. */
  'EJP_TASK_DONE_BY_TOUCHPOINT',
  'EJP_NOT_TASK_OWNER',
  'EJP_CHECKIN_OUT_OF_ORDER',
  'EJP_CHECKIN_ALREADY_RECORDED',
  'EJP_WELCOME_ALREADY_SENT',
  'EJP_STAGE_MISMATCH',
  'EJP_REQUIRED_TASKS_OPEN',
  'EJP_INVALID_COMMAND',
] as const;

export type OnboardingErrorCode = (typeof ONBOARDING_ERROR_CODES)[number];

export class OnboardingError extends DomainError<OnboardingErrorCode> {
  override name = 'OnboardingError';
}
