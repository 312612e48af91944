import { describe, expect, it } from 'vitest';
import { zodOnlyInvalid } from '../../test/samples/offboarding.ts';
import { eventCatalogue } from '../event-catalogue.ts';
import { EmployeeDeparted, ExitInterviewRecorded, OffboardingStarted, offboardingEvents } from './offboarding.ts';

// Samples of every type and version are checked for all modules alike in event-catalogue.test.ts.
describe('offboarding and alumni event schemas', () => {
  it('name the offending field of a cross-field rule', () => {
    const pathOf = (schema: { safeParse(d: unknown): { error?: { issues: { path: PropertyKey[] }[] } } }, type: string) =>
      schema.safeParse(zodOnlyInvalid[type]).error?.issues[0]?.path;
    expect(pathOf(OffboardingStarted.schema, OffboardingStarted.type)).toEqual(['voluntary']);
    expect(pathOf(ExitInterviewRecorded.schema, ExitInterviewRecorded.type)).toEqual(['secondaryReasons']);
    expect(pathOf(EmployeeDeparted.schema, EmployeeDeparted.type)).toEqual(['override']);
  });

  it('mark notes, reasons, contact details and the referred person as personal data, and nothing the stage fold reads', () => {
    const paths = Object.fromEntries(offboardingEvents.map((d) => [d.type, eventCatalogue.personalDataPaths(d.type, d.version).sort()]));
    expect(paths).toEqual({
      'journey.offboarding.started': [],
      'journey.offboarding.resignation-withdrawn': [],
      'journey.offboarding.plan-assigned': [],
      'journey.offboarding.task-completed': [],
      'journey.offboarding.last-day-changed': [],
      'journey.offboarding.access-removal-due': [],
      'journey.offboarding.exit-interview-recorded': ['$.notes'],
      'journey.employee.departed': ['$.override.reason'],
      'journey.alumni.enrolled': ['$.email', '$.phone'],
      'journey.alumni.consent-withdrawn': [],
      'journey.alumni.referral-made': ['$.note', '$.referredEmail', '$.referredName'],
      'journey.alumni.rehire-eligibility-set': ['$.reason'],
      'journey.employee.rehired': [],
    });
  });
});
