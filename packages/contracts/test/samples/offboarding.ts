// Valid and invalid payloads per offboarding and alumni event type and version,
// shared by the schema, JSON Schema and catalogue tests (test/event-modules.ts
// finds them by the module's name). Each invalid payload breaks exactly one rule.
import type { SamplesByType } from '../event-modules.ts';

const newcomerId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const managerId = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

const resignation = { kind: 'resignation', voluntary: true, regrettable: true, lastDay: '2026-06-30', initiatedBy: 'employee' };
const handover = { id: 'handover', title: 'Hand over buddy duty', kind: 'buddy-handover', owner: 'manager', dueOffsetDays: -5, required: true, buddyOf: newcomerId };
const access = { id: 'access', title: 'Remove access', kind: 'access-removal', owner: 'it', dueOffsetDays: 0, required: true };
const interview = { primaryReason: 'growth', secondaryReasons: ['pay', 'workload'], wouldRecommend: 8, wouldReturn: true };
const departed = { kind: 'resignation', voluntary: true, lastDay: '2026-06-30', departedOn: '2026-06-30' };
const early = { reason: 'Garden leave agreed with HR', openTasks: [], beforeLastDay: true };
const referral = { referralId: '3f2e1d0c-9b8a-4765-8432-10fedcba9876', referredName: 'Grace Hopper', referredEmail: 'grace@example.com' };
const rehired = { department: 'Engineering', role: 'Staff Engineer', level: 'L5', managerId, location: 'London', startDate: '2027-02-01' };

export const samples: SamplesByType = {
  'journey.offboarding.started': {
    1: {
      valid: [
        resignation,
        { kind: 'termination', voluntary: false, regrettable: false, lastDay: '2026-05-31', initiatedBy: 'manager' },
        { kind: 'end-of-contract', voluntary: false, regrettable: true, lastDay: '2026-12-31', initiatedBy: 'hr' },
      ],
      invalid: [
        { why: 'unknown kind', data: { ...resignation, kind: 'sabbatical' } },
        { why: 'bad last day', data: { ...resignation, lastDay: '2026-02-30' } },
        { why: 'missing regrettable', data: { kind: 'retirement', voluntary: true, lastDay: '2026-06-30', initiatedBy: 'employee' } },
      ],
    },
  },
  'journey.offboarding.resignation-withdrawn': {
    1: {
      valid: [{ returnsTo: 'in-role' }, { returnsTo: 'pre-boarding' }],
      invalid: [
        { why: 'back to offboarding', data: { returnsTo: 'offboarding' } },
        { why: 'no stage', data: {} },
      ],
    },
  },
  'journey.offboarding.plan-assigned': {
    1: {
      valid: [{ tasks: [handover, access, { id: 'cake', title: 'Farewell', kind: 'farewell', owner: 'manager', dueOffsetDays: -1, required: false }] }],
      invalid: [
        { why: 'buddy is no owner here', data: { tasks: [{ ...access, owner: 'buddy' }] } },
        { why: 'unknown task kind', data: { tasks: [{ ...access, kind: 'party' }] } },
        { why: 'no tasks', data: { tasks: [] } },
      ],
    },
  },
  'journey.offboarding.task-completed': {
    1: {
      valid: [{ taskId: 'access' }],
      invalid: [{ why: 'empty task id', data: { taskId: '' } }],
    },
  },
  'journey.offboarding.last-day-changed': {
    1: {
      valid: [{ from: '2026-06-30', to: '2026-07-15' }],
      invalid: [{ why: 'not a date', data: { from: '2026-06-30', to: 'end of July' } }],
    },
  },
  'journey.offboarding.access-removal-due': {
    1: {
      valid: [{ dueOn: '2026-06-30' }],
      invalid: [{ why: 'missing day', data: {} }],
    },
  },
  'journey.offboarding.exit-interview-recorded': {
    1: {
      valid: [interview, { ...interview, secondaryReasons: [], wouldRecommend: 0, wouldReturn: false, notes: 'Wants to lead a team' }],
      invalid: [
        { why: 'reason outside the taxonomy', data: { ...interview, primaryReason: 'boredom' } },
        { why: 'would recommend 11', data: { ...interview, wouldRecommend: 11 } },
        { why: 'would return as text', data: { ...interview, wouldReturn: 'maybe' } },
      ],
    },
  },
  'journey.employee.departed': {
    1: {
      valid: [
        departed,
        { ...departed, departedOn: '2026-06-20', override: early },
        { ...departed, override: { reason: 'Laptop lost in transit', openTasks: ['equipment'], beforeLastDay: false } },
      ],
      invalid: [
        { why: 'override without reason', data: { ...departed, override: { openTasks: ['equipment'], beforeLastDay: false } } },
        { why: 'empty override reason', data: { ...departed, override: { ...early, reason: '' } } },
      ],
    },
  },
  'journey.alumni.enrolled': {
    1: {
      valid: [
        { consent: true, contactPreference: 'email', email: 'ada@home.example' },
        { consent: true, contactPreference: 'phone', phone: '+442071234567' },
      ],
      invalid: [
        { why: 'no consent', data: { consent: false, contactPreference: 'email', email: 'ada@home.example' } },
        { why: 'email preference without email', data: { consent: true, contactPreference: 'email', phone: '+442071234567' } },
        { why: 'phone not E.164', data: { consent: true, contactPreference: 'phone', phone: '020 7123 4567' } },
      ],
    },
  },
  'journey.alumni.consent-withdrawn': {
    1: {
      valid: [{}],
      invalid: [{ why: 'unexpected field', data: { reason: 'moved on' } }],
    },
  },
  'journey.alumni.referral-made': {
    1: {
      valid: [referral, { ...referral, position: 'Platform Engineer', note: 'Worked with her for years' }],
      invalid: [
        { why: 'bad email', data: { ...referral, referredEmail: 'grace' } },
        { why: 'referral id not a uuid', data: { ...referral, referralId: 'r-1' } },
      ],
    },
  },
  'journey.alumni.rehire-eligibility-set': {
    1: {
      valid: [{ eligible: true, reason: 'Strong performer, left for relocation' }],
      invalid: [{ why: 'no reason', data: { eligible: false } }],
    },
  },
  'journey.employee.rehired': {
    1: {
      valid: [rehired, { ...rehired, managerId: null }],
      invalid: [
        { why: 'bad start date', data: { ...rehired, startDate: '2027-13-01' } },
        { why: 'hire-only field', data: { ...rehired, email: 'ada@example.com' } },
      ],
    },
  },
};

/** Invalid only by rules JSON Schema cannot express (checked by zod alone). */
export const zodOnlyInvalid: Record<string, Record<string, unknown>> = {
  'journey.offboarding.started': { ...resignation, voluntary: false },
  'journey.offboarding.plan-assigned': { tasks: [{ ...access, buddyOf: newcomerId }] },
  'journey.offboarding.last-day-changed': { from: '2026-06-30', to: '2026-06-30' },
  'journey.offboarding.exit-interview-recorded': { ...interview, secondaryReasons: ['growth'] },
  'journey.employee.departed': { ...departed, departedOn: '2026-06-20' },
};
