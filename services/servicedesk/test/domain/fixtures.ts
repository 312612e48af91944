import type { BusinessCalendar, MeasuredPolicy, ServiceRequestEvent } from '@ejp/contracts';
import type { ItemFacts, RequestCommand, RequestFacts } from '../../src/domain/commands.ts';

export const requestId = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98';
export const requesterId = '5b0c4a5e-0d7c-4c43-9a4e-2f3c1d9b8a71';
export const managerId = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
export const agentId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const otherAgentId = '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
export const financeId = '2e3d4c5b-6a7f-4b8c-9d0e-1f2a3b4c5d6e';
export const strangerId = '4f5e6d7c-8b9a-4c0d-8e1f-2a3b4c5d6e7f';
export const commentId = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';

/** London office hours: Monday to Friday 09:00-17:00, Good Friday and Easter Monday off (2026: 3 and 6 April). */
export const londonOffice: BusinessCalendar = {
  calendarId: 'london-office',
  timeZone: 'Europe/London',
  workingDays: [1, 2, 3, 4, 5],
  opensAt: '09:00',
  closesAt: '17:00',
  holidays: ['2026-04-03', '2026-04-06'],
};

/** A first answer within 8 business hours (one working day), resolution within 16. */
export const policy: MeasuredPolicy = { firstResponseMinutes: 480, resolutionMinutes: 960, calendar: londonOffice };

export const item: ItemFacts = {
  itemId: 'laptop-replacement',
  owningTeamId: 'it-support',
  form: { type: 'object', required: ['assetTag'], properties: { assetTag: { type: 'string', minLength: 4 }, urgent: { type: 'boolean' } } },
  approvalChain: 'none',
  financeTeamId: null,
  policy,
  retired: false,
};

export const teams = { 'it-support': [agentId, otherAgentId], finance: [financeId] };

export const as = (id: string, roles: string[] = ['employee']): RequestFacts => ({ caller: { id, roles }, teams });

/** Monday 2 March 2026, 10:00 in London (GMT, UTC+0). */
export const monday10 = new Date('2026-03-02T10:00:00.000Z');

export function command<T extends RequestCommand['type']>(type: T, data: object, now: Date, caller = as(requesterId)): RequestCommand {
  return { type, data: { requestId, ...caller, ...data }, metadata: { now } } as RequestCommand;
}

export const submit = (now = monday10, facts: Partial<ItemFacts> = {}, answers: Record<string, unknown> = { assetTag: 'LT-0042' }) =>
  command('SubmitRequest', { title: 'My laptop will not boot', answers, item: { ...item, ...facts }, managerId, teams: {} }, now);

const base = (at: Date) => ({ requesterId, at: at.toISOString() });

export const deadlines = (firstResponseDueAt: string | null, resolutionDueAt: string | null) => ({ firstResponseDueAt, resolutionDueAt });

export function submitted(at = monday10, extra: object = {}): ServiceRequestEvent {
  return {
    type: 'servicedesk.request.submitted',
    data: {
      ...base(at),
      itemId: item.itemId,
      teamId: 'it-support',
      title: 'My laptop will not boot',
      answers: { assetTag: 'LT-0042' },
      approvals: [],
      policy,
      deadlines: deadlines(null, null),
      ...extra,
    },
  } as ServiceRequestEvent;
}

/** An event of the request at `at`, with the requester and the instant filled in. */
export function happened(type: ServiceRequestEvent['type'], at: Date, data: object = {}): ServiceRequestEvent {
  return { type, data: { ...base(at), ...data } } as ServiceRequestEvent;
}
