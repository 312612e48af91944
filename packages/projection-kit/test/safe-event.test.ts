import { eventCatalogue, UnknownEventVersionError } from '@ejp/contracts';
import { describe, expect, it } from 'vitest';
import { toSafeEvent } from '../src/safe-event.ts';

const employeeId = '5b0c4a5e-0d7c-4c43-9a4e-2f3c1d9b8a71';
const ciphertext = { $enc: 'v1', kid: employeeId, iv: 'aXY=', ct: 'Y3Q=', tag: 'dGFn' };
const hiredV1 = {
  employeeId,
  department: 'Platform',
  role: 'Senior Engineer',
  level: 'L5',
  managerId: null,
  location: 'London',
  startDate: '2025-03-03',
};

describe('toSafeEvent', () => {
  it('upcasts a v1 event whose personal fields are ciphertext, and shows none of them', () => {
    const safe = toSafeEvent(eventCatalogue, 'journey.employee.hired', 1, { ...hiredV1, fullName: ciphertext, email: ciphertext })!;
    expect(safe.version).toBe(2);
    expect(safe.data).toEqual(hiredV1);
    expect(safe.withheld.sort()).toEqual(['$.email', '$.familyName', '$.givenName']);
  });

  it('leaves plaintext personal fields out too (a rebuild from a decrypting store)', () => {
    const safe = toSafeEvent(eventCatalogue, 'journey.onboarding.check-in-recorded', 1, { day: 30, rating: 4, notes: 'Ada is doing fine' })!;
    expect(safe.data).toEqual({ day: 30, rating: 4 });
    expect(safe.withheld).toEqual(['$.notes']);
    expect(JSON.stringify(safe)).not.toContain('Ada');
  });

  it('leaves out ciphertext the catalogue does not mark (a field marked after it was written), in objects and arrays', () => {
    const safe = toSafeEvent(eventCatalogue, 'journey.onboarding.task-completed', 1, { taskId: 'x', extra: ciphertext, list: [1, ciphertext] })!;
    expect(safe.data).toEqual({ taskId: 'x', list: [1, null] });
    expect(safe.withheld).toEqual(['$.extra', '$.list[1]']);
  });

  it('does not modify the delivered event', () => {
    const data = { ...hiredV1, fullName: 'Ada Lovelace', email: 'ada@example.com' };
    toSafeEvent(eventCatalogue, 'journey.employee.hired', 1, data);
    expect(data.fullName).toBe('Ada Lovelace');
  });

  it('skips a type the catalogue does not know and refuses a version it does not know', () => {
    expect(toSafeEvent(eventCatalogue, 'journey.not-in-catalogue.happened', 1, {})).toBeUndefined();
    expect(() => toSafeEvent(eventCatalogue, 'journey.employee.hired', 3, hiredV1)).toThrow(UnknownEventVersionError);
  });
});
