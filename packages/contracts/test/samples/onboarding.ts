// Valid and invalid payloads per onboarding event type and version, shared by
// the schema, JSON Schema and catalogue tests (test/event-modules.ts finds
// them by the module's name). Each invalid payload breaks exactly one rule.
import type { SamplesByType } from '../event-modules.ts';

const employeeId = '5b0c4a5e-0d7c-4c43-9a4e-2f3c1d9b8a71';
const managerId = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

const hiredCommon = {
  employeeId,
  email: 'ada.lovelace@example.com',
  department: 'Engineering',
  role: 'Software Engineer',
  level: 'L3',
  managerId,
  location: 'London',
  startDate: '2025-03-03',
};

export const samples: SamplesByType = {
  'privacy.personal-data.requested': {
    1: {
      valid: [
        { employeeId, outcome: 'disclosed', fields: ['givenName', 'familyName', 'email'], purpose: 'account-provisioning', scopes: ['personal-data:contact'] },
        { employeeId, outcome: 'refused', fields: [], purpose: null, scopes: [] },
      ],
      invalid: [
        { why: 'unknown outcome', data: { employeeId, outcome: 'leaked', fields: [], purpose: null, scopes: [] } },
        { why: 'a field that is not personal', data: { employeeId, outcome: 'disclosed', fields: ['department'], purpose: null, scopes: [] } },
        { why: 'free text as purpose', data: { employeeId, outcome: 'disclosed', fields: [], purpose: 'Ada asked me', scopes: [] } },
        { why: 'no employee id', data: { employeeId: 'ada', outcome: 'refused', fields: [], purpose: null, scopes: [] } },
      ],
    },
  },
  'journey.employee.hired': {
    1: {
      valid: [{ ...hiredCommon, fullName: 'Ada King Lovelace' }],
      invalid: [{ why: 'v2 fields on v1', data: { ...hiredCommon, givenName: 'Ada', familyName: 'Lovelace' } }],
    },
    2: {
      valid: [
        { ...hiredCommon, givenName: 'Ada', familyName: 'Lovelace' },
        { ...hiredCommon, givenName: 'Teller', familyName: '', managerId: null },
      ],
      invalid: [
        { why: 'bad email', data: { ...hiredCommon, email: 'not-an-email', givenName: 'Ada', familyName: 'Lovelace' } },
        { why: 'bad start date', data: { ...hiredCommon, startDate: '2025-02-30', givenName: 'Ada', familyName: 'Lovelace' } },
        { why: 'missing given name', data: { ...hiredCommon, familyName: 'Lovelace' } },
      ],
    },
  },
  'journey.onboarding.plan-assigned': {
    1: {
      valid: [
        {
          tasks: [
            { id: 'laptop', title: 'Ship laptop', owner: 'it', dueOffsetDays: -5, required: true },
            { id: 'coffee', title: 'Coffee with the team', owner: 'buddy', dueOffsetDays: 3, required: false },
          ],
        },
      ],
      invalid: [
        { why: 'unknown owner', data: { tasks: [{ id: 'x', title: 'X', owner: 'ceo', dueOffsetDays: 1, required: true }] } },
        { why: 'fractional offset', data: { tasks: [{ id: 'x', title: 'X', owner: 'hr', dueOffsetDays: 1.5, required: true }] } },
        { why: 'no tasks', data: { tasks: [] } },
      ],
    },
  },
  'journey.onboarding.buddy-assigned': {
    1: {
      valid: [{ buddyId: managerId, kind: 'mentor' }],
      invalid: [{ why: 'unknown kind', data: { buddyId: managerId, kind: 'coach' } }],
    },
  },
  'journey.onboarding.welcome-message-sent': {
    1: {
      valid: [{ message: 'Welcome aboard, Ada!' }],
      invalid: [{ why: 'empty message', data: { message: '' } }],
    },
  },
  'journey.onboarding.task-completed': {
    1: {
      valid: [{ taskId: 'laptop' }],
      invalid: [{ why: 'missing task id', data: {} }],
    },
  },
  'journey.onboarding.check-in-recorded': {
    1: {
      valid: [{ day: 30, rating: 4, notes: 'Settling in well' }, { day: 90, rating: 1 }],
      invalid: [
        { why: 'day 45', data: { day: 45, rating: 4 } },
        { why: 'rating 6', data: { day: 60, rating: 6 } },
      ],
    },
  },
  'journey.employee.start-date-changed': {
    1: {
      valid: [{ from: '2025-03-03', to: '2025-03-10' }],
      invalid: [{ why: 'not a date', data: { from: '2025-03-03', to: 'next monday' } }],
    },
  },
  'journey.onboarding.completed': {
    1: {
      valid: [{}],
      invalid: [{ why: 'unexpected field', data: { done: true } }],
    },
  },
  'journey.probation.outcome-recorded': {
    1: {
      valid: [{ outcome: 'passed' }, { outcome: 'extended', newEndDate: '2025-12-01' }, { outcome: 'not-passed' }],
      invalid: [
        { why: 'extended without new end date', data: { outcome: 'extended' } },
        { why: 'new end date when passed', data: { outcome: 'passed', newEndDate: '2025-12-01' } },
        { why: 'unknown outcome', data: { outcome: 'maybe' } },
      ],
    },
  },
  'journey.employee.erased': {
    1: {
      valid: [{ reason: 'employee-request' }, { reason: 'retention-expired' }],
      invalid: [
        { why: 'free text reason (could hold personal data)', data: { reason: 'Ada asked us by email' } },
        { why: 'no reason', data: {} },
        { why: 'extra field', data: { reason: 'employee-request', name: 'Ada' } },
      ],
    },
  },
  'journey.employee.manager-changed': {
    1: {
      valid: [{ managerId, previousManagerId: null }, { managerId: null, previousManagerId: managerId }],
      invalid: [
        { why: 'not a uuid', data: { managerId: 'someone', previousManagerId: null } },
        { why: 'no previous manager field', data: { managerId } },
      ],
    },
  },
};

/** Invalid only by rules JSON Schema cannot express (checked by zod alone). */
export const zodOnlyInvalid: Record<string, Record<string, unknown>> = {
  'journey.onboarding.plan-assigned': {
    tasks: [
      { id: 'x', title: 'X', owner: 'hr', dueOffsetDays: 1, required: true },
      { id: 'x', title: 'Y', owner: 'it', dueOffsetDays: 2, required: true },
    ],
  },
  'journey.employee.start-date-changed': { from: '2025-03-03', to: '2025-03-03' },
  'journey.employee.manager-changed': { managerId: '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a', previousManagerId: '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a' },
};
