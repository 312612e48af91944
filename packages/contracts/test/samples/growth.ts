// Valid and invalid payloads per growth event type and version (development
// plans, position changes, mentoring rounds, openings, courses), shared by the
// schema, JSON Schema and catalogue tests. Each invalid payload breaks one rule.
import type { SamplesByType } from '../event-modules.ts';

const goalId = '5d1c9e2a-3b4f-4a6e-9c8d-7e6f5a4b3c2d';
const actionId = '6e2d0f3b-4c5a-4b7f-8d9e-8f7a6b5c4d3e';
const mentorId = '7f3e1a4c-5d6b-4c8a-9e0f-9a8b7c6d5e4f';
const menteeId = '8a4f2b5d-6e7c-4d9b-8f1a-0b9c8d7e6f5a';
const managerId = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const openingId = '9b5a3c6e-7f8d-4e0c-9a2b-1c0d9e8f7a6b';
const was = { department: 'Sales', role: 'Sales Engineer', level: 'IC4', managerId };
const now = { department: 'Engineering', role: 'Software Engineer', level: 'IC4', managerId: mentorId };
const transfer = { kind: 'transfer', effectiveOn: '2026-09-01', ...now, from: was, openingId };
const task = { id: 'handover', title: 'Hand over open deals', owner: 'previous-manager', dueOffsetDays: -5, required: true };
const mentor = { mentorId, department: 'Engineering', seniority: 5, skills: ['typescript'], topics: ['career'], capacity: 2 };
const mentee = { menteeId, department: 'Sales', seniority: 3, managerId, goals: ['typescript', 'public-speaking'] };
const reason = { factor: 'skills', points: 10, detail: 'offers typescript' };
const proposal = { mentorId, menteeId, score: 19, reasons: [reason, { factor: 'seniority', points: 6, detail: '2 levels more senior' }] };
const opening = { kind: 'rotation', title: 'Six months with the platform team', ...now, skills: ['kubernetes'], startsOn: '2026-10-01' };

export const samples: SamplesByType = {
  'journey.development-plan.goal-set': {
    1: {
      valid: [{ goalId, title: 'Lead a design review', skills: ['system-design'], targetDate: '2026-12-31' }, { goalId, title: 'Speak at a meetup', skills: [] }],
      invalid: [
        { why: 'empty title', data: { goalId, title: '', skills: [] } },
        { why: 'a tag with capitals', data: { goalId, title: 'Learn', skills: ['TypeScript'] } },
      ],
    },
  },
  'journey.development-plan.action-added': {
    1: {
      valid: [{ actionId, goalId, title: 'Shadow two design reviews', dueOn: '2026-10-15' }],
      invalid: [{ why: 'no due date', data: { actionId, goalId, title: 'Shadow' } }],
    },
  },
  'journey.development-plan.action-completed': {
    1: { valid: [{ actionId, completedOn: '2026-10-10' }], invalid: [{ why: 'not a uuid', data: { actionId: 'a1', completedOn: '2026-10-10' } }] },
  },
  'journey.development-plan.goal-achieved': {
    1: { valid: [{ goalId }], invalid: [{ why: 'no goal', data: {} }] },
  },
  'journey.development-plan.check-in-recorded': {
    1: {
      valid: [{ checkInId: actionId, progress: 40, notes: 'Good start on the reviews' }, { checkInId: actionId, progress: 100 }],
      invalid: [{ why: 'progress over 100', data: { checkInId: actionId, progress: 120 } }],
    },
  },
  'journey.employee.position-changed': {
    1: {
      valid: [transfer, { kind: 'promotion', effectiveOn: '2026-07-01', ...was, level: 'IC5', from: was }, { ...transfer, kind: 'rotation', endsOn: '2027-03-01' }],
      invalid: [
        { why: 'no previous position', data: { kind: 'promotion', effectiveOn: '2026-07-01', ...was } },
        { why: 'unknown kind', data: { ...transfer, kind: 'secondment' } },
      ],
    },
  },
  'journey.move.plan-assigned': {
    1: {
      valid: [{ effectiveOn: '2026-09-01', tasks: [task, { id: 'access', title: 'Grant access', owner: 'it', dueOffsetDays: 0, required: true }] }],
      invalid: [
        { why: 'no tasks', data: { effectiveOn: '2026-09-01', tasks: [] } },
        { why: 'a buddy is no owner here', data: { effectiveOn: '2026-09-01', tasks: [{ ...task, owner: 'buddy' }] } },
      ],
    },
  },
  'journey.move.task-completed': {
    1: { valid: [{ taskId: 'handover' }], invalid: [{ why: 'empty task id', data: { taskId: '' } }] },
  },
  'growth.mentoring.round-opened': {
    1: { valid: [{ title: 'Autumn 2026' }], invalid: [{ why: 'empty title', data: { title: '' } }] },
  },
  'growth.mentoring.mentor-offered': {
    1: {
      valid: [mentor, { ...mentor, skills: [], capacity: 1 }],
      invalid: [
        { why: 'no capacity', data: { ...mentor, capacity: 0 } },
      ],
    },
  },
  'growth.mentoring.mentee-enrolled': {
    1: {
      valid: [mentee, { ...mentee, managerId: null }],
      invalid: [
        { why: 'no goals', data: { ...mentee, goals: [] } },
        { why: 'no manager field', data: { menteeId, department: 'Sales', seniority: 3, goals: ['sql'] } },
      ],
    },
  },
  'growth.mentoring.pairs-proposed': {
    1: {
      valid: [{ proposals: [proposal], unmatched: [], total: 19 }, { proposals: [], unmatched: [menteeId], total: 0 }],
      invalid: [
        { why: 'a proposal without reasons', data: { proposals: [{ ...proposal, reasons: [] }], unmatched: [], total: 19 } },
        { why: 'unknown factor', data: { proposals: [{ ...proposal, reasons: [{ ...reason, factor: 'luck' }] }], unmatched: [], total: 19 } },
      ],
    },
  },
  'growth.mentoring.proposal-accepted': {
    1: { valid: [{ mentorId, menteeId, by: 'mentee' }], invalid: [{ why: 'unknown side', data: { mentorId, menteeId, by: 'hr' } }] },
  },
  'growth.mentoring.proposal-declined': {
    1: { valid: [{ mentorId, menteeId, by: 'mentor' }], invalid: [{ why: 'no side', data: { mentorId, menteeId } }] },
  },
  'growth.mentoring.mentorship-started': {
    1: { valid: [{ mentorId, menteeId }], invalid: [{ why: 'no mentee', data: { mentorId } }] },
  },
  'growth.mentoring.session-recorded': {
    1: {
      valid: [{ sessionId: goalId, mentorId, menteeId, heldOn: '2026-10-02', durationMinutes: 45 }],
      invalid: [{ why: 'too short', data: { sessionId: goalId, mentorId, menteeId, heldOn: '2026-10-02', durationMinutes: 1 } }],
    },
  },
  'growth.opening.posted': {
    1: {
      valid: [opening, { ...opening, kind: 'promotion', managerId: null }],
      invalid: [
        { why: 'no start day', data: { ...opening, startsOn: undefined } },
        { why: 'unknown kind', data: { ...opening, kind: 'gig' } },
      ],
    },
  },
  'growth.opening.application-submitted': {
    1: { valid: [{ applicantId: menteeId, currentManagerId: managerId }], invalid: [{ why: 'no applicant', data: { currentManagerId: managerId } }] },
  },
  'growth.opening.application-approved': {
    1: { valid: [{ applicantId: menteeId, by: 'manager' }, { applicantId: menteeId, by: 'hr' }], invalid: [{ why: 'unknown approver', data: { applicantId: menteeId, by: 'ceo' } }] },
  },
  'growth.opening.application-rejected': {
    1: { valid: [{ applicantId: menteeId, by: 'hr' }], invalid: [{ why: 'no approver', data: { applicantId: menteeId } }] },
  },
  'growth.opening.filled': {
    1: { valid: [{ applicantId: menteeId }], invalid: [{ why: 'not a uuid', data: { applicantId: 'x' } }] },
  },
  'growth.course.added': {
    1: {
      valid: [{ title: 'Kubernetes basics', provider: 'external', url: 'https://learn.example.com/k8s', skills: ['kubernetes'] }, { title: 'Our codebase', provider: 'internal', skills: [] }],
      invalid: [
        { why: 'not a link', data: { title: 'Kubernetes basics', provider: 'external', url: 'learn k8s', skills: [] } },
      ],
    },
  },
  'growth.course.enrolled': {
    1: { valid: [{ employeeId: menteeId }], invalid: [{ why: 'no employee', data: {} }] },
  },
  'growth.course.completed': {
    1: {
      valid: [{ employeeId: menteeId, completedOn: '2026-11-02' }, { employeeId: menteeId, completedOn: '2026-11-02', externalId: 'lms-4711' }],
      invalid: [{ why: 'empty external id', data: { employeeId: menteeId, completedOn: '2026-11-02', externalId: '' } }],
    },
  },
};

/** Invalid only by rules JSON Schema cannot express (checked by zod alone). */
export const zodOnlyInvalid: Record<string, Record<string, unknown>> = {
  'journey.development-plan.goal-set': { goalId, title: 'Learn', skills: ['sql', 'sql'] },
  'journey.employee.position-changed': { ...transfer, kind: 'rotation' },
  'journey.move.plan-assigned': { effectiveOn: '2026-09-01', tasks: [task, task] },
  'growth.mentoring.mentor-offered': { ...mentor, skills: [], topics: [] },
  'growth.course.added': { title: 'Kubernetes basics', provider: 'external', skills: [] },
};

/** A rotation that ends before it starts (zod alone; the test names the field). */
export const rotationEndingEarly = { ...transfer, kind: 'rotation', endsOn: '2026-08-01' };
