import { describe, expect, expectTypeOf, it } from 'vitest';
import { eventCatalogue } from '../event-catalogue.ts';
import { EmployeeHired, type OnboardingEvent, onboardingEvents, splitFullName, StartDateChanged } from './onboarding.ts';
import { samples, zodOnlyInvalid } from './onboarding.samples.ts';

describe('onboarding event schemas', () => {
  it('has samples for every type and version in the catalogue', () => {
    const covered = Object.entries(samples).flatMap(([type, byVersion]) => Object.keys(byVersion).map((v) => `${type}.v${v}`));
    const defined = [...eventCatalogue.entries()].map((e) => `${e.definition.type}.v${e.version}`);
    expect(covered.sort()).toEqual(defined.sort());
    expect(onboardingEvents.map((d) => d.type).sort()).toEqual(eventCatalogue.types());
  });

  for (const [type, byVersion] of Object.entries(samples)) {
    for (const [version, { valid, invalid }] of Object.entries(byVersion)) {
      const schema = eventCatalogue.schemaFor(type, Number(version));
      it.each(valid.map((data, i) => [i, data] as const))(`${type} v${version} accepts valid payload #%i`, (_, data) => {
        expect(schema.safeParse(data).error).toBeUndefined();
      });
      it.each(invalid.map(({ why, data }) => [why, data] as const))(`${type} v${version} rejects: %s`, (_, data) => {
        expect(schema.safeParse(data).success).toBe(false);
      });
    }
  }

  it.each(Object.entries(zodOnlyInvalid))('%s rejects a payload breaking a cross-field rule', (type, data) => {
    expect(eventCatalogue.schemaFor(type, eventCatalogue.latestVersion(type)).safeParse(data).success).toBe(false);
  });

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
