import { DomainError } from '@ejp/command-kit';

/**
 * Domain errors of the recognition deciders: stable codes, no HTTP status
 * (src/http/routes.ts registers one per code).
 */
export const RECOGNITION_ERROR_CODES = [
  'EJP_EMPLOYEE_NOT_ACTIVE',
  'EJP_EMPLOYEE_DEPARTED',
  'EJP_SELF_RECOGNITION',
  'EJP_INVALID_RECIPIENTS',
  'EJP_INVALID_POINTS',
  'EJP_UNKNOWN_COMPANY_VALUE',
  'EJP_RECOGNITION_EXISTS',
  'EJP_ALLOWANCE_EXCEEDED',
  'EJP_RECOGNITION_NOT_FOUND',
  'EJP_NOT_GIVER',
  'EJP_ALREADY_WITHDRAWN',
  'EJP_WITHDRAW_WINDOW_CLOSED',
  'EJP_ADMIN_REQUIRED',
  'EJP_COMPANY_VALUE_EXISTS',
  'EJP_COMPANY_VALUE_NOT_FOUND',
  'EJP_COMPANY_VALUE_RETIRED',
  'EJP_COMPANY_VALUE_NAME_TAKEN',
] as const;

export type RecognitionErrorCode = (typeof RECOGNITION_ERROR_CODES)[number];

export class RecognitionError extends DomainError<RecognitionErrorCode> {
  override name = 'RecognitionError';
}
