import { DomainError } from '@ejp/command-kit';

/**
 * Domain errors of the service desk: a stable code (a contract with clients)
 * and no HTTP status; the route table registers each code's status.
 */
export const SERVICEDESK_ERROR_CODES = [
  'EJP_SERVICE_TEAM_NOT_FOUND',
  'EJP_BUSINESS_CALENDAR_NOT_FOUND',
  'EJP_REQUEST_FORM_SCHEMA_INVALID',
  /** A rule across fields of a catalogue entry (closing before opening, a finance team without the finance step): a 400 naming the field. */
  'EJP_CATALOGUE_ENTRY_INVALID',
  'EJP_REQUEST_ITEM_NOT_FOUND',
  'EJP_REQUEST_ITEM_RETIRED',
  /** The answers do not fit the item's form: a 400 whose `errors` name each field. */
  'EJP_REQUEST_FORM_INVALID',
  'EJP_NO_MANAGER_TO_APPROVE',
  'EJP_SERVICE_REQUEST_EXISTS',
  'EJP_SERVICE_REQUEST_NOT_FOUND',
  /** The command does not fit the request's state (resolving a closed request, rating twice...). */
  'EJP_SERVICE_REQUEST_STATE',
  'EJP_NOT_THE_APPROVER',
  'EJP_NOT_AN_AGENT_OF_THE_TEAM',
  'EJP_NOT_THE_REQUESTER',
  'EJP_REJECTION_REASON_REQUIRED',
] as const;

export type ServicedeskErrorCode = (typeof SERVICEDESK_ERROR_CODES)[number];

export class ServicedeskError extends DomainError<ServicedeskErrorCode> {
  override name = 'ServicedeskError';
}
