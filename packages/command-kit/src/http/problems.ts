import { DuplicateEventIdError, SubjectErasedError, WrongExpectedRevisionError } from '@ejp/eventstore';
import { AppError, defineErrors, ErrorCodes, lookupError, problemResponse } from '@ejp/service-kit';
import { IdempotencyKeyReusedError } from '../command-handler.ts';
import { DomainError } from '../decider.ts';

/**
 * What the command side throws, mapped onto the service kit's catalogue in
 * this one place; services only register their domain codes.
 */

/** The kit's own codes (412 and 409 are the service kit's EJP_PRECONDITION_FAILED and EJP_CONFLICT). */
export const CommandKitErrors = defineErrors({
  EJP_IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'The idempotency key was used for a different request' },
  EJP_SUBJECT_ERASED: { status: 410, title: "The employee's personal data was erased" },
});

/** OpenAPI entries for what every command route may answer because of the kit; a service's own entries replace them by status. */
export const commandProblems = {
  409: problemResponse('Concurrent commands kept changing the stream (retried already); retry'),
  410: problemResponse("The subject's personal data was erased; no new personal data is recorded"),
  412: problemResponse('If-Match does not name the current revision'),
  422: problemResponse('The Idempotency-Key was used for another request'),
};

/** Turns what the command side throws into an AppError; anything unknown stays a 500. */
export function toAppError(error: unknown, withIfMatch: boolean): unknown {
  if (error instanceof DomainError) {
    // An unregistered code would reach the client as a bare 500: say why in the log instead.
    if (!lookupError(error.code)) return new Error(`domain error code ${error.code} is not registered; add it with defineErrors`, { cause: error });
    return new AppError(error.code, error.detail, { extensions: error.extensions, cause: error });
  }
  if (error instanceof WrongExpectedRevisionError) {
    const currentRevision = error.actual === 'no-stream' ? null : error.actual.toString();
    if (withIfMatch) {
      return new AppError(ErrorCodes.EJP_PRECONDITION_FAILED, 'The stream changed since the revision in If-Match; reload and retry.', {
        extensions: { currentRevision },
        cause: error,
      });
    }
    // Retried internally already: this is a stream under heavy contention.
    return new AppError(ErrorCodes.EJP_CONFLICT, 'Concurrent commands kept changing the stream; retry.', { cause: error });
  }
  if (error instanceof IdempotencyKeyReusedError || error instanceof DuplicateEventIdError) {
    return new AppError(
      CommandKitErrors.EJP_IDEMPOTENCY_KEY_REUSED,
      'This Idempotency-Key was already used for another request on this stream; use a new key per command.',
      { cause: error },
    );
  }
  if (error instanceof SubjectErasedError) {
    return new AppError(CommandKitErrors.EJP_SUBJECT_ERASED, 'The employee asked to be forgotten; no new personal data is recorded.', {
      cause: error,
    });
  }
  return error;
}
