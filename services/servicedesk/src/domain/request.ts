import type { Decider } from '@ejp/command-kit';
import { SLA_CLOCKS, type ServiceRequestEvent } from '@ejp/contracts';
import type { RequestCommand, RequestFacts, SubmitRequest } from './commands.ts';
import { entryOf } from '@ejp/contracts';
import { ServicedeskError } from './errors.ts';
import { checkAnswers } from './form.ts';
import { evolveRequest, initialRequest, type OpenRequest, REQUEST_STATUSES, type RequestState, type RequestStatus, SETTLED } from './request-state.ts';
import { clockDeadlines, deadlinesInForce } from './sla.ts';

/**
 * The decider of one request (`servicerequest-<requestId>`). Requesters
 * submit, comment, reopen, close and rate their own requests; agents of the
 * owning team acknowledge, assign, work, ask, resolve; approvers approve or
 * reject with a reason. Before any command it records the breaches the
 * clocks show at `now` (so a late first response is a breach even if the
 * watcher had not noticed yet), and every event that moves a clock carries
 * the deadlines in force after it.
 */

type Data = Record<string, unknown>;
const PAUSED = { firstResponseDueAt: null, resolutionDueAt: null };

function requireOpen(state: RequestState, requestId: string): OpenRequest {
  if (state.status === 'none') throw new ServicedeskError('EJP_SERVICE_REQUEST_NOT_FOUND', `No request ${requestId}.`);
  return state;
}

function requireStatus(state: OpenRequest, allowed: readonly RequestStatus[], doing: string): void {
  if (!allowed.includes(state.status)) {
    throw new ServicedeskError('EJP_SERVICE_REQUEST_STATE', `A request that is ${state.status} cannot be ${doing}.`, { status: state.status, allowed });
  }
}

const isAgent = (facts: RequestFacts, teamId: string, id = facts.caller.id) => entryOf(facts.teams, teamId)?.includes(id) === true;

function requireAgent(facts: RequestFacts, state: OpenRequest): void {
  if (!isAgent(facts, state.teamId)) throw new ServicedeskError('EJP_NOT_AN_AGENT_OF_THE_TEAM', `Only agents of team ${state.teamId} handle this request.`, { teamId: state.teamId });
}

function requireRequester(facts: RequestFacts, state: OpenRequest): void {
  if (facts.caller.id !== state.requesterId) throw new ServicedeskError('EJP_NOT_THE_REQUESTER', 'Only the requester may do this.');
}

/** Breaches the clocks show at `now` and that are not recorded yet. */
function dueBreaches(state: OpenRequest, now: Date, base: Data): ServiceRequestEvent[] {
  const due = clockDeadlines(state.policy, state);
  return SLA_CLOCKS.flatMap((clock) => {
    const at = clock === 'first-response' ? due.firstResponse : due.resolution;
    if (state.breached[clock] || at === null || at > now) return [];
    return [{ type: 'servicedesk.request.sla-breached', data: { ...base, clock, dueAt: at.toISOString() } } as ServiceRequestEvent];
  });
}

/** Fills in the deadlines of every event that carries them, from the state after it. */
function withDeadlines(state: RequestState, events: ServiceRequestEvent[]): ServiceRequestEvent[] {
  let folded = state;
  return events.map((event) => {
    folded = evolveRequest(folded, event);
    if (!('deadlines' in event.data) || folded.status === 'none') return event;
    return { ...event, data: { ...event.data, deadlines: deadlinesInForce(folded.policy, folded) } } as ServiceRequestEvent;
  });
}

function submit(command: SubmitRequest, state: RequestState, at: string): ServiceRequestEvent[] {
  const { requestId, item, caller, title, answers, managerId } = command.data;
  if (state.status !== 'none') throw new ServicedeskError('EJP_SERVICE_REQUEST_EXISTS', `Request ${requestId} exists.`);
  if (!item) throw new ServicedeskError('EJP_REQUEST_ITEM_NOT_FOUND', 'No such item in the catalogue.');
  if (item.retired) throw new ServicedeskError('EJP_REQUEST_ITEM_RETIRED', `Item ${item.itemId} is retired: no new requests.`);
  checkAnswers(item.form, answers);
  const approvals = [];
  if (item.approvalChain !== 'none') {
    if (managerId === null) throw new ServicedeskError('EJP_NO_MANAGER_TO_APPROVE', 'The item needs your manager to approve it, and you have none on record.');
    approvals.push({ step: 'manager' as const, approverId: managerId, teamId: null });
  }
  if (item.approvalChain === 'manager-then-finance') approvals.push({ step: 'finance' as const, approverId: null, teamId: item.financeTeamId });
  const data = { requesterId: caller.id, at, itemId: item.itemId, teamId: item.owningTeamId, title, answers, approvals, policy: item.policy, deadlines: PAUSED };
  return [{ type: 'servicedesk.request.submitted', data }];
}

function decideOnRequest(command: Exclude<RequestCommand, SubmitRequest>, state: OpenRequest, at: string): ServiceRequestEvent[] {
  const facts = command.data;
  const base = { requesterId: state.requesterId, at };
  const event = (type: ServiceRequestEvent['type'], data: Data = {}) => ({ type, data: { ...base, ...data } }) as ServiceRequestEvent;
  const agent = () => {
    requireAgent(facts, state);
    return facts.caller.id;
  };
  const OPEN: RequestStatus[] = ['submitted', 'acknowledged', 'in-progress', 'reopened'];
  switch (command.type) {
    case 'DecideApproval': {
      requireStatus(state, ['awaiting-approval'], 'approved or rejected');
      const step = state.pendingApprovals[0]!;
      const approver = facts.caller.id;
      const allowed = step.step === 'manager' ? step.approverId === approver : isAgent(facts, step.teamId ?? '', approver);
      if (!allowed) throw new ServicedeskError('EJP_NOT_THE_APPROVER', `The ${step.step} approval is not yours to give.`, { step: step.step });
      if (command.data.decision === 'approve') return [event('servicedesk.request.approved', { step: step.step, approverId: approver, deadlines: PAUSED })];
      if (!command.data.reason) throw new ServicedeskError('EJP_REJECTION_REASON_REQUIRED', 'A rejection needs a reason.', { errors: [{ path: 'body.reason', message: 'is required to reject' }] });
      return [event('servicedesk.request.rejected', { step: step.step, approverId: approver, reason: command.data.reason })];
    }
    case 'Acknowledge':
      requireStatus(state, ['submitted', 'reopened'], 'acknowledged');
      return [event('servicedesk.request.acknowledged', { agentId: agent(), deadlines: PAUSED })];
    case 'Assign': {
      const by = agent();
      requireStatus(state, [...OPEN, 'waiting-on-employee'], 'assigned');
      if (!isAgent(facts, state.teamId, command.data.agentId)) {
        throw new ServicedeskError('EJP_NOT_AN_AGENT_OF_THE_TEAM', `Agent ${command.data.agentId} is not in team ${state.teamId}.`, { errors: [{ path: 'body.agentId', message: 'is not an agent of the owning team' }] });
      }
      return state.assigneeId === command.data.agentId ? [] : [event('servicedesk.request.assigned', { agentId: command.data.agentId, assignedBy: by })];
    }
    case 'StartWork':
      requireStatus(state, ['submitted', 'acknowledged', 'reopened'], 'started');
      return [event('servicedesk.request.work-started', { agentId: agent(), deadlines: PAUSED })];
    case 'WaitOnEmployee':
      requireStatus(state, OPEN, 'put on the employee');
      return [event('servicedesk.request.waiting-on-employee', { agentId: agent(), deadlines: PAUSED })];
    case 'Resume':
      requireStatus(state, ['waiting-on-employee'], 'resumed');
      agent();
      return [event('servicedesk.request.resumed', { deadlines: PAUSED })];
    case 'Comment': {
      requireStatus(state, REQUEST_STATUSES.filter((status) => !SETTLED.has(status)), 'commented on');
      const asRequester = facts.caller.id === state.requesterId;
      if (!asRequester) agent();
      const comment = event('servicedesk.request.commented', {
        commentId: command.data.commentId, authorId: facts.caller.id, authorRole: asRequester ? 'requester' : 'agent', text: command.data.text, deadlines: PAUSED,
      });
      // The employee answered: the ball is back with the team.
      return asRequester && state.status === 'waiting-on-employee' ? [comment, event('servicedesk.request.resumed', { deadlines: PAUSED })] : [comment];
    }
    case 'Resolve':
      requireStatus(state, [...OPEN, 'waiting-on-employee'], 'resolved');
      return [event('servicedesk.request.resolved', { agentId: agent(), resolution: command.data.resolution, deadlines: PAUSED })];
    case 'Reopen':
      requireRequester(facts, state);
      requireStatus(state, ['resolved'], 'reopened');
      return [event('servicedesk.request.reopened', { reason: command.data.reason, deadlines: PAUSED })];
    case 'Close':
      if (facts.caller.id !== state.requesterId) agent();
      requireStatus(state, ['resolved'], 'closed');
      return [event('servicedesk.request.closed', { closedBy: facts.caller.id })];
    case 'Rate':
      requireRequester(facts, state);
      requireStatus(state, ['resolved', 'closed'], 'rated');
      if (state.rated) throw new ServicedeskError('EJP_SERVICE_REQUEST_STATE', 'The request is rated already.', { status: state.status });
      return [event('servicedesk.request.rated', { rating: command.data.rating, comment: command.data.comment })];
    case 'RecomputeSla':
      if (SETTLED.has(state.status) || JSON.stringify(state.policy) === JSON.stringify(command.data.policy)) return [];
      return [event('servicedesk.request.sla-recomputed', { policy: command.data.policy, deadlines: PAUSED })];
    case 'CheckSla':
      return [];
  }
}

function decide(command: RequestCommand, state: RequestState): ServiceRequestEvent[] {
  const at = command.metadata.now.toISOString();
  if (command.type === 'SubmitRequest') return withDeadlines(state, submit(command, state, at));
  const open = requireOpen(state, command.data.requestId);
  const breaches = dueBreaches(open, command.metadata.now, { requesterId: open.requesterId, at });
  const decided = decideOnRequest(command, open, at);
  // A recomputation judges breaches by the new policy: the old one's deadline no longer holds.
  if (command.type === 'RecomputeSla' && decided.length > 0) {
    const recomputed = evolveRequest(open, decided[0]!) as OpenRequest;
    return withDeadlines(state, [...decided, ...dueBreaches(recomputed, command.metadata.now, { requesterId: open.requesterId, at })]);
  }
  return withDeadlines(state, [...breaches, ...decided]);
}

export const requestDecider: Decider<RequestCommand, RequestState, ServiceRequestEvent> = {
  initialState: initialRequest,
  evolve: evolveRequest,
  decide,
};
