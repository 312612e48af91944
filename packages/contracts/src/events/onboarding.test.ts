import { describe, expect, expectTypeOf, it } from 'vitest';
import { EmployeeHired, type OnboardingEvent, splitFullName, StartDateChanged } from './onboarding.ts';

// Samples of every type and version are checked for all modules alike in event-catalogue.test.ts.
describe('onboarding event schemas', () => {
  it('reports the cross-field error on the offending field', () => {
    const result = StartDateChanged.schema.safeParse({ from: '2025-03-03', to: '2025-03-03' });
    expect(result.error?.issues[0]?.path).toEqual(['to']);
  });

  it('EmployeeHired is at version 2 with an upcaster from 1', () => {
    expect(EmployeeHired.version).toBe(2);
    expect(EmployeeHired.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it.each([
    ['Ada Lovelace', 'Ada', 'Lovelace'],
    ['  Ada King   Lovelace ', 'Ada', 'King   Lovelace'],
    ['Teller', 'Teller', ''],
  ])('splits full name %j into given %j and family %j', (full, given, family) => {
    expect(splitFullName(full)).toEqual({ givenName: given, familyName: family });
  });
});

describe('OnboardingEvent type', () => {
  it('narrows data by type (checked by tsc)', () => {
    const events: OnboardingEvent[] = [
      { type: 'journey.onboarding.buddy-assigned', data: { buddyId: 'b', kind: 'buddy' } },
      { type: 'journey.probation.outcome-recorded', data: { outcome: 'extended', newEndDate: '2025-12-01' } },
    ];
    const kinds = events.map((e) => (e.type === 'journey.onboarding.buddy-assigned' ? e.data.kind : e.type));
    expectTypeOf(events[0]!.data).not.toBeAny();
    expect(kinds).toEqual(['buddy', 'journey.probation.outcome-recorded']);
  });
});
