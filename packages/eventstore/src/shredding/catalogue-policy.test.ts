import { randomUUID } from 'node:crypto';
import { journeyStream } from '@ejp/contracts';
import { describe, expect, it } from 'vitest';
import { catalogueShreddingPolicy } from './catalogue-policy.ts';

describe('catalogueShreddingPolicy', () => {
  const policy = catalogueShreddingPolicy();
  const event = { id: randomUUID(), type: 'journey.onboarding.welcome-message-sent', data: {} };

  it('takes personal paths from the catalogue for the version in the metadata', () => {
    expect(policy.personalPaths('journey.employee.hired', {}, { version: 1 }).sort()).toEqual(['$.email', '$.fullName']);
    expect(policy.personalPaths('journey.employee.hired', {}, { version: 2 }).sort()).toEqual(['$.email', '$.familyName', '$.givenName']);
  });

  it('fails closed on unknown types, versions and missing versions', () => {
    expect(() => policy.personalPaths('journey.unknown.thing', {}, { version: 1 })).toThrow(/unknown event type/);
    expect(() => policy.personalPaths('journey.employee.hired', {}, { version: 9 })).toThrow(/no version 9/);
    expect(() => policy.personalPaths('journey.employee.hired', {}, {})).toThrow(/metadata.version/);
  });

  it('names the employee of a journey stream as the subject, and refuses other streams', () => {
    const employeeId = randomUUID();
    expect(policy.subjectOf(journeyStream(employeeId), event)).toBe(employeeId);
    expect(() => policy.subjectOf('survey-123', event)).toThrow(/not a journey stream/);
  });
});
