import { describe, expect, it } from 'vitest';
import { ErrorCodes, defineErrors, listErrors, lookupError } from './error-catalogue.ts';

describe('error catalogue', () => {
  it('holds the built-in codes with status, title and a type URI', () => {
    expect(lookupError(ErrorCodes.EJP_UNAUTHENTICATED)).toEqual({
      code: 'EJP_UNAUTHENTICATED',
      status: 401,
      title: 'Authentication required',
      type: 'urn:ejp:problem:unauthenticated',
    });
    const statuses = Object.fromEntries(listErrors().map((entry) => [entry.code, entry.status]));
    expect(statuses).toMatchObject({
      EJP_VALIDATION: 400,
      EJP_FORBIDDEN: 403,
      EJP_NOT_FOUND: 404,
      EJP_CONFLICT: 409,
      EJP_PRECONDITION_FAILED: 412,
      EJP_PAYLOAD_TOO_LARGE: 413,
      EJP_UNSUPPORTED_MEDIA_TYPE: 415,
      EJP_INTERNAL: 500,
      EJP_UNAVAILABLE: 503,
    });
  });

  it('lets services add codes and returns them as constants', () => {
    const codes = defineErrors({
      EJP_SURVEY_CLOSED: { status: 409, title: 'The survey is closed' },
      EJP_GROUP_TOO_SMALL: { status: 403, title: 'Group too small to show', type: 'https://docs.example/problems/k-anonymity' },
    });
    expect(codes.EJP_SURVEY_CLOSED).toBe('EJP_SURVEY_CLOSED');
    expect(lookupError('EJP_SURVEY_CLOSED')?.type).toBe('urn:ejp:problem:survey-closed');
    expect(lookupError('EJP_GROUP_TOO_SMALL')?.type).toBe('https://docs.example/problems/k-anonymity');
  });

  it('accepts the same definition twice but not a changed one', () => {
    defineErrors({ EJP_TWICE: { status: 409, title: 'Twice' } });
    expect(() => defineErrors({ EJP_TWICE: { status: 409, title: 'Twice' } })).not.toThrow();
    expect(() => defineErrors({ EJP_TWICE: { status: 410, title: 'Twice' } })).toThrow('already defined');
  });

  it('rejects malformed codes and non-error statuses', () => {
    expect(() => defineErrors({ 'stage-mismatch': { status: 409, title: 'x' } })).toThrow('must look like');
    expect(() => defineErrors({ EJP_OK: { status: 200, title: 'x' } })).toThrow('not an HTTP error status');
  });
});
