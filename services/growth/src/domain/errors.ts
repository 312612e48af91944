import { DomainError, recordedEvent } from '@ejp/command-kit';
import type { EventData, EventDefinition, EventOf } from '@ejp/contracts';

/**
 * Domain errors of the growth centre: a stable code and no HTTP status (the
 * route table gives it). Codes are process-wide in standalone, so those
 * shared with onboarding and offboarding (employee not found or departed,
 * invalid command) mean the same here.
 */
export const GROWTH_ERROR_CODES = [
  'EJP_EMPLOYEE_NOT_FOUND',
  'EJP_EMPLOYEE_DEPARTED',
  'EJP_INVALID_COMMAND',
  'EJP_DEVELOPMENT_GOAL_NOT_FOUND',
  'EJP_DEVELOPMENT_ACTION_NOT_FOUND',
  'EJP_DEVELOPMENT_ACTION_ALREADY_DONE',
  'EJP_NOT_THE_MANAGER',
  'EJP_MOVE_TASK_NOT_FOUND',
  'EJP_MOVE_TASK_ALREADY_DONE',
  'EJP_NO_MOVE_PLAN',
  'EJP_MENTORING_ROUND_EXISTS',
  'EJP_MENTORING_ROUND_NOT_FOUND',
  'EJP_MENTORING_ROUND_MATCHED',
  'EJP_MENTORING_ROUND_NOT_MATCHED',
  'EJP_MENTORING_ROUND_FULL',
  'EJP_MENTOR_PROPOSAL_NOT_FOUND',
  'EJP_MENTOR_PROPOSAL_ANSWERED',
  'EJP_MENTORSHIP_NOT_STARTED',
  'EJP_OPENING_EXISTS',
  'EJP_OPENING_NOT_FOUND',
  'EJP_OPENING_FILLED',
  'EJP_APPLICATION_EXISTS',
  'EJP_APPLICATION_NOT_FOUND',
  'EJP_APPLICATION_DECIDED',
  'EJP_APPLICATION_NOT_APPROVED',
  'EJP_COURSE_EXISTS',
  'EJP_COURSE_NOT_FOUND',
  'EJP_COURSE_ALREADY_COMPLETED',
] as const;

export type GrowthErrorCode = (typeof GROWTH_ERROR_CODES)[number];

export class GrowthError extends DomainError<GrowthErrorCode> {
  override name = 'GrowthError';
}

/** Builds an event validated against its contracts schema; a broken rule is EJP_INVALID_COMMAND naming the field. */
export function recorded<D extends EventDefinition>(definition: D, data: EventData<D>): EventOf<D> {
  return recordedEvent(definition, data, (field, message) => new GrowthError('EJP_INVALID_COMMAND', `${field || 'the command'}: ${message}`, { field }));
}
