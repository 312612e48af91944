/**
 * Domain errors of the onboarding decider. The decider is pure and knows
 * nothing about HTTP: it throws a stable code (a contract with clients) and
 * the HTTP layer registers each code's status with the service kit
 * (src/http/errors.ts), which alone maps it onto the wire.
 */
export const ONBOARDING_ERROR_CODES = [
  'EJP_EMPLOYEE_ALREADY_HIRED',
  'EJP_EMPLOYEE_NOT_FOUND',
  'EJP_TASK_NOT_FOUND',
  'EJP_TASK_ALREADY_DONE',
  'EJP_NOT_TASK_OWNER',
  'EJP_CHECKIN_OUT_OF_ORDER',
  'EJP_CHECKIN_ALREADY_RECORDED',
  'EJP_WELCOME_ALREADY_SENT',
  'EJP_STAGE_MISMATCH',
  'EJP_REQUIRED_TASKS_OPEN',
  'EJP_INVALID_COMMAND',
] as const;

export type OnboardingErrorCode = (typeof ONBOARDING_ERROR_CODES)[number];

export class OnboardingError extends Error {
  override name = 'OnboardingError';
  readonly code: OnboardingErrorCode;
  /** Human-readable explanation of this occurrence (RFC 9457 `detail`). */
  readonly detail: string;
  /** Machine-readable facts for the client, e.g. `{ currentStage: 'probation' }` or the open task ids. */
  readonly extensions: Record<string, unknown>;

  constructor(code: OnboardingErrorCode, detail: string, extensions: Record<string, unknown> = {}) {
    super(`${code}: ${detail}`);
    this.code = code;
    this.detail = detail;
    this.extensions = extensions;
  }
}
