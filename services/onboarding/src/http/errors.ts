import { DuplicateEventIdError, SubjectErasedError, WrongExpectedRevisionError } from '@ejp/eventstore';
import { AppError, defineErrors, type ErrorDefinition, ErrorCodes } from '@ejp/service-kit';
import { IdempotencyKeyReusedError } from '../command-handler.ts';
import { OnboardingError, type OnboardingErrorCode } from '../domain/errors.ts';

/**
 * The onboarding codes in the kit's catalogue: this table is the only place
 * where a domain rule meets an HTTP status. `Record<OnboardingErrorCode, ...>`
 * makes the compiler insist that every domain code has one.
 */
const domainErrors: Record<OnboardingErrorCode, ErrorDefinition> = {
  EJP_EMPLOYEE_ALREADY_HIRED: { status: 409, title: 'The employee is already hired' },
  EJP_EMPLOYEE_NOT_FOUND: { status: 404, title: 'No such employee' },
  EJP_TASK_NOT_FOUND: { status: 404, title: 'No such onboarding task' },
  EJP_TASK_ALREADY_DONE: { status: 409, title: 'The onboarding task is already done' },
  EJP_NOT_TASK_OWNER: { status: 403, title: 'Only the task owner may complete this task' },
  EJP_CHECKIN_OUT_OF_ORDER: { status: 409, title: 'Check-ins happen at 30, then 60, then 90 days' },
  EJP_CHECKIN_ALREADY_RECORDED: { status: 409, title: 'The check-in is already recorded' },
  EJP_WELCOME_ALREADY_SENT: { status: 409, title: 'The welcome message was already sent' },
  // Same title as the kit's README example, so another service may define it too (codes are process-wide).
  EJP_STAGE_MISMATCH: { status: 409, title: 'The journey stage does not allow this command' },
  EJP_REQUIRED_TASKS_OPEN: { status: 409, title: 'Required onboarding tasks are still open' },
  EJP_INVALID_COMMAND: { status: 422, title: 'The command breaks a business rule' },
};

export const OnboardingErrors = defineErrors({
  ...domainErrors,
  EJP_IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'The idempotency key was used for a different request' },
  EJP_SUBJECT_ERASED: { status: 410, title: "The employee's personal data was erased" },
});

/** Turns what the command side throws into the kit's AppError; anything unknown stays a 500. */
export function toAppError(error: unknown, withIfMatch: boolean): unknown {
  if (error instanceof OnboardingError) return new AppError(error.code, error.detail, { extensions: error.extensions, cause: error });
  if (error instanceof WrongExpectedRevisionError) {
    const currentRevision = error.actual === 'no-stream' ? null : error.actual.toString();
    if (withIfMatch) {
      return new AppError(ErrorCodes.EJP_PRECONDITION_FAILED, 'The employee changed since the revision in If-Match; reload and retry.', {
        extensions: { currentRevision },
        cause: error,
      });
    }
    // Retried internally already: this is a stream under heavy contention.
    return new AppError(ErrorCodes.EJP_CONFLICT, 'Concurrent commands kept changing the employee; retry.', { cause: error });
  }
  if (error instanceof IdempotencyKeyReusedError || error instanceof DuplicateEventIdError) {
    return new AppError(
      OnboardingErrors.EJP_IDEMPOTENCY_KEY_REUSED,
      'This Idempotency-Key was already used for another request on this employee; use a new key per command.',
      { cause: error },
    );
  }
  if (error instanceof SubjectErasedError) {
    return new AppError(OnboardingErrors.EJP_SUBJECT_ERASED, 'The employee asked to be forgotten; no new personal data is recorded.', {
      cause: error,
    });
  }
  return error;
}
