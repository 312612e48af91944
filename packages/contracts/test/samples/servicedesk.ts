// Valid and invalid payloads per service-desk event type and version (see
// test/event-modules.ts). Each invalid payload breaks exactly one rule.
import type { SamplesByType } from '../event-modules.ts';

const requesterId = '5b0c4a5e-0d7c-4c43-9a4e-2f3c1d9b8a71';
const agentId = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const at = '2026-03-02T09:30:00.000Z';
const deadlines = { firstResponseDueAt: '2026-03-03T09:30:00.000Z', resolutionDueAt: '2026-03-06T09:30:00.000Z' };
const paused = { firstResponseDueAt: null, resolutionDueAt: null };
const calendar = {
  calendarId: 'london-office',
  timeZone: 'Europe/London',
  workingDays: [1, 2, 3, 4, 5],
  opensAt: '09:00',
  closesAt: '17:30',
  holidays: ['2026-04-03', '2026-04-06'],
};
const policy = { firstResponseMinutes: 1_440, resolutionMinutes: 4_800, calendar };
const item = {
  itemId: 'laptop-replacement',
  title: 'Replace my laptop',
  category: 'it',
  owningTeamId: 'it-support',
  form: { type: 'object', required: ['assetTag'], properties: { assetTag: { type: 'string', minLength: 4 } } },
  approvalChain: 'manager',
  financeTeamId: null,
  sla: { firstResponseMinutes: 1_440, resolutionMinutes: 4_800, calendarId: 'london-office' },
};
const submitted = {
  requesterId,
  at,
  itemId: 'laptop-replacement',
  teamId: 'it-support',
  title: 'My laptop will not boot',
  answers: { assetTag: 'LT-0042' },
  approvals: [{ step: 'manager', approverId: agentId, teamId: null }],
  policy,
  deadlines: paused,
};
const base = { requesterId, at };
const comment = { ...base, commentId: '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d', authorId: agentId, authorRole: 'agent', text: 'Which model?', deadlines };

const simple = (valid: Record<string, unknown>, invalid: { why: string; data: Record<string, unknown> }[]) => ({ 1: { valid: [valid], invalid } });
const noRequester = (data: Record<string, unknown>) => {
  const { requesterId: _, ...rest } = data;
  return { why: 'no requester', data: rest };
};

export const samples: SamplesByType = {
  'servicedesk.team.defined': simple({ teamId: 'it-support', name: 'IT support', agentIds: [agentId] }, [
    { why: 'team id with capitals', data: { teamId: 'IT', name: 'IT support', agentIds: [] } },
    { why: 'agent id not a uuid', data: { teamId: 'it-support', name: 'IT support', agentIds: ['bob'] } },
  ]),
  'servicedesk.calendar.defined': {
    1: {
      valid: [calendar, { ...calendar, calendarId: 'always', timeZone: 'UTC', workingDays: [1, 2, 3, 4, 5, 6, 7], opensAt: '00:00', closesAt: '24:00', holidays: [] }],
      invalid: [
        { why: 'weekday 8', data: { ...calendar, workingDays: [1, 8] } },
        { why: 'no working day', data: { ...calendar, workingDays: [] } },
        { why: 'opening at 25:00', data: { ...calendar, opensAt: '25:00' } },
        { why: 'a holiday that is no day', data: { ...calendar, holidays: ['2026-02-30'] } },
      ],
    },
  },
  'servicedesk.item.defined': {
    1: {
      valid: [item, { ...item, itemId: 'expense-claim', category: 'expenses', approvalChain: 'manager-then-finance', financeTeamId: 'finance' }],
      invalid: [
        { why: 'unknown category', data: { ...item, category: 'travel' } },
        { why: 'unknown approval chain', data: { ...item, approvalChain: 'ceo' } },
        { why: 'resolution target of zero minutes', data: { ...item, sla: { ...item.sla, resolutionMinutes: 0 } } },
        { why: 'form that is not an object', data: { ...item, form: 'string' } },
      ],
    },
  },
  'servicedesk.item.retired': simple({ itemId: 'laptop-replacement' }, [{ why: 'no item', data: {} }]),
  'servicedesk.request.submitted': {
    1: {
      valid: [submitted, { ...submitted, approvals: [], deadlines }],
      invalid: [
        noRequester(submitted),
        { why: 'empty title', data: { ...submitted, title: '' } },
        { why: 'unknown approval step', data: { ...submitted, approvals: [{ step: 'ceo', approverId: null, teamId: null }] } },
        { why: 'deadline that is no instant', data: { ...submitted, deadlines: { ...deadlines, resolutionDueAt: 'soon' } } },
      ],
    },
  },
  'servicedesk.request.approved': simple({ ...base, step: 'manager', approverId: agentId, deadlines }, [
    { why: 'unknown step', data: { ...base, step: 'ceo', approverId: agentId, deadlines } },
    noRequester({ ...base, step: 'manager', approverId: agentId, deadlines }),
  ]),
  'servicedesk.request.rejected': simple({ ...base, step: 'finance', approverId: agentId, reason: 'Over the budget for this quarter' }, [
    { why: 'no reason', data: { ...base, step: 'finance', approverId: agentId } },
    { why: 'empty reason', data: { ...base, step: 'finance', approverId: agentId, reason: '' } },
  ]),
  'servicedesk.request.acknowledged': simple({ ...base, agentId, deadlines }, [{ why: 'no deadlines', data: { ...base, agentId } }]),
  'servicedesk.request.assigned': simple({ ...base, agentId, assignedBy: agentId }, [{ why: 'agent not a uuid', data: { ...base, agentId: 'bob', assignedBy: agentId } }]),
  'servicedesk.request.work-started': simple({ ...base, agentId, deadlines }, [{ why: 'instant without time', data: { ...base, at: '2026-03-02', agentId, deadlines } }]),
  'servicedesk.request.waiting-on-employee': simple({ ...base, agentId, deadlines: paused }, [{ why: 'no agent', data: { ...base, deadlines: paused } }]),
  'servicedesk.request.resumed': simple({ ...base, deadlines }, [noRequester({ ...base, deadlines })]),
  'servicedesk.request.commented': {
    1: {
      valid: [comment, { ...comment, authorId: requesterId, authorRole: 'requester' }],
      invalid: [
        { why: 'empty text', data: { ...comment, text: '' } },
        { why: 'unknown author role', data: { ...comment, authorRole: 'bystander' } },
      ],
    },
  },
  'servicedesk.request.resolved': simple({ ...base, agentId, resolution: 'Replaced the SSD', deadlines: paused }, [
    { why: 'no resolution', data: { ...base, agentId, deadlines: paused } },
  ]),
  'servicedesk.request.reopened': simple({ ...base, reason: 'It fails again', deadlines }, [{ why: 'empty reason', data: { ...base, reason: '', deadlines } }]),
  'servicedesk.request.closed': simple({ ...base, closedBy: requesterId }, [{ why: 'no one closed it', data: base }]),
  'servicedesk.request.rated': {
    1: {
      valid: [{ ...base, rating: 5, comment: 'Fast, thanks!' }, { ...base, rating: 1, comment: null }],
      invalid: [
        { why: 'rating 0', data: { ...base, rating: 0, comment: null } },
        { why: 'rating 6', data: { ...base, rating: 6, comment: null } },
        { why: 'fractional rating', data: { ...base, rating: 4.5, comment: null } },
      ],
    },
  },
  'servicedesk.request.sla-recomputed': simple({ ...base, policy, deadlines }, [
    { why: 'policy without a calendar', data: { ...base, policy: { firstResponseMinutes: 60, resolutionMinutes: 120 }, deadlines } },
  ]),
  'servicedesk.request.sla-breached': simple({ ...base, clock: 'first-response', dueAt: at }, [{ why: 'unknown clock', data: { ...base, clock: 'lunch', dueAt: at } }]),
};

/** Invalid only by rules JSON Schema cannot express (checked by zod alone). */
export const zodOnlyInvalid: Record<string, Record<string, unknown>> = {
  'servicedesk.calendar.defined': { ...calendar, opensAt: '18:00', closesAt: '09:00' },
  'servicedesk.item.defined': { ...item, approvalChain: 'manager-then-finance', financeTeamId: null },
};
