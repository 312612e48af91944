import { DomainError } from '@ejp/command-kit';

/** Stable codes of the feedback deciders; their HTTP statuses are in routes.ts. */
export const FEEDBACK_ERROR_CODES = [
  'EJP_SURVEY_EXISTS',
  'EJP_SURVEY_NOT_FOUND',
  'EJP_UNKNOWN_BANK_QUESTION',
  'EJP_SURVEY_ALREADY_LAUNCHED',
  'EJP_SURVEY_NOT_OPEN',
  'EJP_SURVEY_CLOSED',
  'EJP_SCHEDULE_IN_PAST',
  'EJP_EMPTY_AUDIENCE',
  'EJP_NOT_INVITED',
  'EJP_ALREADY_RESPONDED',
  'EJP_INVALID_ANSWER',
  'EJP_SUGGESTION_EXISTS',
  'EJP_SUGGESTION_NOT_FOUND',
  'EJP_SUGGESTION_NOT_OVERDUE',
  'EJP_NOT_SUGGESTION_SUBMITTER',
  'EJP_CHECK_IN_EXISTS',
] as const;
export type FeedbackErrorCode = (typeof FEEDBACK_ERROR_CODES)[number];

export class FeedbackError extends DomainError<FeedbackErrorCode> {
  override name = 'FeedbackError';
}
