import type { EventData, MeasuredPolicy, ServiceRequestEvent, ServiceRequestSubmitted, SLA_CLOCKS } from '@ejp/contracts';
import type { ClockHistory, RunningPeriod } from './sla.ts';

/**
 * One request as its decider folds it. `status` follows the lifecycle:
 * awaiting approval, submitted, acknowledged, in progress, waiting on the
 * employee, resolved, closed, reopened (and rejected: closed by an approver).
 * The SLA clocks run while the team has the ball: not while an approval is
 * pending, not while waiting on the employee, not once resolved.
 */

export const REQUEST_STATUSES = [
  'awaiting-approval',
  'submitted',
  'acknowledged',
  'in-progress',
  'waiting-on-employee',
  'resolved',
  'closed',
  'reopened',
  'rejected',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type SlaClock = (typeof SLA_CLOCKS)[number];
type Approval = EventData<typeof ServiceRequestSubmitted>['approvals'][number];

export interface OpenRequest extends ClockHistory {
  status: RequestStatus;
  requesterId: string;
  itemId: string;
  teamId: string;
  assigneeId: string | null;
  /** Steps still to approve, in order. */
  pendingApprovals: Approval[];
  policy: MeasuredPolicy;
  /** Where a request waiting on the employee goes back to. */
  statusBeforeWaiting: RequestStatus | null;
  breached: Partial<Record<SlaClock, true>>;
  rated: boolean;
}

export type RequestState = { status: 'none' } | OpenRequest;

export const initialRequest = (): RequestState => ({ status: 'none' });

/** The clocks run in these: the team has the ball. */
const RUNNING: ReadonlySet<RequestStatus> = new Set(['submitted', 'acknowledged', 'in-progress', 'reopened']);
/** Nothing changes any more. */
export const SETTLED: ReadonlySet<RequestStatus> = new Set(['closed', 'rejected']);

/** Opens or closes the running period as the status crosses the running set. */
function withStatus(state: OpenRequest, status: RequestStatus, at: string): OpenRequest {
  const wasRunning = RUNNING.has(state.status);
  const runs = RUNNING.has(status);
  let running: RunningPeriod[] = [...state.running];
  if (!wasRunning && runs) running.push({ from: at, to: null });
  if (wasRunning && !runs) running = running.map((p) => (p.to === null ? { ...p, to: at } : p));
  return { ...state, status, running, resolved: status === 'resolved' || status === 'closed' ? true : status === 'reopened' ? false : state.resolved };
}

const responded = (state: OpenRequest, at: string): OpenRequest => (state.firstResponseAt === null ? { ...state, firstResponseAt: at } : state);

export function evolveRequest(state: RequestState, event: ServiceRequestEvent): RequestState {
  if (event.type === 'servicedesk.request.submitted') {
    const { requesterId, itemId, teamId, approvals, policy, at } = event.data;
    const fresh: OpenRequest = {
      status: 'awaiting-approval',
      requesterId,
      itemId,
      teamId,
      assigneeId: null,
      pendingApprovals: approvals,
      policy,
      statusBeforeWaiting: null,
      breached: {},
      rated: false,
      running: [],
      firstResponseAt: null,
      resolved: false,
    };
    return approvals.length === 0 ? withStatus(fresh, 'submitted', at) : fresh;
  }
  if (state.status === 'none') return state;
  const { at } = event.data;
  switch (event.type) {
    case 'servicedesk.request.approved': {
      const pendingApprovals = state.pendingApprovals.slice(1);
      const next = { ...state, pendingApprovals };
      return pendingApprovals.length === 0 ? withStatus(next, 'submitted', at) : next;
    }
    case 'servicedesk.request.rejected':
      return withStatus({ ...state, pendingApprovals: [] }, 'rejected', at);
    case 'servicedesk.request.acknowledged':
      return withStatus(responded(state, at), 'acknowledged', at);
    case 'servicedesk.request.assigned':
      return { ...state, assigneeId: event.data.agentId };
    case 'servicedesk.request.work-started':
      return withStatus(responded(state, at), 'in-progress', at);
    case 'servicedesk.request.waiting-on-employee':
      return { ...withStatus(responded(state, at), 'waiting-on-employee', at), statusBeforeWaiting: state.status };
    case 'servicedesk.request.resumed':
      return { ...withStatus(state, state.statusBeforeWaiting ?? 'in-progress', at), statusBeforeWaiting: null };
    case 'servicedesk.request.commented':
      return event.data.authorRole === 'agent' ? responded(state, at) : state;
    case 'servicedesk.request.resolved':
      return withStatus(responded({ ...state, statusBeforeWaiting: null }, at), 'resolved', at);
    case 'servicedesk.request.reopened':
      return withStatus(state, 'reopened', at);
    case 'servicedesk.request.closed':
      return withStatus(state, 'closed', at);
    case 'servicedesk.request.rated':
      return { ...state, rated: true };
    case 'servicedesk.request.sla-recomputed':
      return { ...state, policy: event.data.policy };
    case 'servicedesk.request.sla-breached':
      return { ...state, breached: { ...state.breached, [event.data.clock]: true } };
  }
}
