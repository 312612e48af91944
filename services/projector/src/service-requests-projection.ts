import { ServiceCatalogueStreams, ServiceRequestStreams, ServiceTeamDefined, serviceRequestEvents } from '@ejp/contracts';
import { type ServiceRequestSummary, ServiceRequestsReadModel, ServiceTeamsReadModel } from '@ejp/contracts/read-models';
import { fanOutProjection, type ProjectedEvent, type Projection, put, singleStreamProjection } from '@ejp/projection-kit';

/**
 * The service desk's read side: one summary per request (my requests, team
 * queues, SLA figures) and one document per team (its agents, for the queue's
 * access rule). Deadlines come from the events that carry them: no
 * business-hours arithmetic here.
 */

const SETTLED = new Set(['resolved', 'closed', 'rejected']);
const STATUS_OF: Record<string, string> = {
  'servicedesk.request.rejected': 'rejected',
  'servicedesk.request.acknowledged': 'acknowledged',
  'servicedesk.request.work-started': 'in-progress',
  'servicedesk.request.waiting-on-employee': 'waiting-on-employee',
  'servicedesk.request.resolved': 'resolved',
  'servicedesk.request.reopened': 'reopened',
  'servicedesk.request.closed': 'closed',
};
/** Events by an agent that count as the first response (a requester's comment does not). */
const RESPONSES = new Set(['servicedesk.request.acknowledged', 'servicedesk.request.work-started', 'servicedesk.request.waiting-on-employee', 'servicedesk.request.resolved']);

type Data = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' ? value : null);

function emptySummary(event: ProjectedEvent): ServiceRequestSummary {
  return {
    requestId: event.subject,
    requesterId: String(event.data.requesterId),
    itemId: '',
    teamId: '',
    status: 'submitted',
    resumesTo: null,
    open: true,
    assigneeId: null,
    submittedAt: event.occurredAt,
    firstResponseAt: null,
    resolvedAt: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    nextDueAt: null,
    breached: false,
    firstResponseBreachedAt: null,
    resolutionBreachedAt: null,
    rating: null,
    lastAppliedRevision: -1,
    updatedAt: event.occurredAt,
  };
}

export function evolveSummary(doc: ServiceRequestSummary, event: ProjectedEvent): ServiceRequestSummary {
  const data = event.data as Data;
  let next: ServiceRequestSummary = { ...doc, lastAppliedRevision: event.revision, updatedAt: event.occurredAt };
  switch (event.type) {
    case 'servicedesk.request.submitted': {
      const approvals = Array.isArray(data.approvals) ? data.approvals.length : 0;
      next = { ...next, itemId: String(data.itemId), teamId: String(data.teamId), status: approvals > 0 ? 'awaiting-approval' : 'submitted', submittedAt: event.occurredAt };
      break;
    }
    case 'servicedesk.request.approved':
      // The last approval starts the clocks: only then does it carry a resolution deadline.
      if (data.deadlines && (data.deadlines as Data).resolutionDueAt !== null) next.status = 'submitted';
      break;
    case 'servicedesk.request.assigned':
      next.assigneeId = str(data.agentId);
      break;
    case 'servicedesk.request.resumed':
      next.status = doc.resumesTo ?? 'in-progress';
      next.resumesTo = null;
      break;
    case 'servicedesk.request.waiting-on-employee':
      next.resumesTo = doc.status;
      break;
    case 'servicedesk.request.rated':
      next.rating = typeof data.rating === 'number' ? data.rating : null;
      break;
    case 'servicedesk.request.sla-breached':
      next.breached = true;
      if (data.clock === 'first-response') next.firstResponseBreachedAt = str(data.dueAt);
      else next.resolutionBreachedAt = str(data.dueAt);
      break;
  }
  const status = STATUS_OF[event.type];
  if (status) next.status = status;
  const agentComment = event.type === 'servicedesk.request.commented' && data.authorRole === 'agent';
  if ((RESPONSES.has(event.type) || agentComment) && next.firstResponseAt === null) next.firstResponseAt = event.occurredAt;
  if (event.type === 'servicedesk.request.resolved') next.resolvedAt = event.occurredAt;
  if (event.type === 'servicedesk.request.reopened') next.resolvedAt = null;
  if (data.deadlines && typeof data.deadlines === 'object') {
    const deadlines = data.deadlines as Data;
    next.firstResponseDueAt = str(deadlines.firstResponseDueAt);
    next.resolutionDueAt = str(deadlines.resolutionDueAt);
  }
  if (SETTLED.has(next.status)) {
    next.firstResponseDueAt = null;
    next.resolutionDueAt = null;
  }
  const due = [next.firstResponseDueAt, next.resolutionDueAt].filter((at): at is string => at !== null).sort();
  next.nextDueAt = due[0] ?? null;
  next.open = !SETTLED.has(next.status);
  return next;
}

export function serviceRequestsProjection(): Projection {
  return singleStreamProjection({
    name: 'service-requests',
    version: 1,
    category: ServiceRequestStreams,
    canHandle: serviceRequestEvents.map((definition) => definition.type),
    readModel: ServiceRequestsReadModel,
    initial: emptySummary,
    evolve: evolveSummary,
  });
}

export function serviceTeamsProjection(): Projection {
  return fanOutProjection({
    name: 'service-teams',
    version: 1,
    canHandle: [ServiceTeamDefined.type],
    categories: [ServiceCatalogueStreams],
    readModels: [ServiceTeamsReadModel],
    documents: (event) => {
      const data = event.data as { teamId: string; name: string; agentIds: string[] };
      return [put(ServiceTeamsReadModel, data.teamId, { teamId: data.teamId, name: data.name, agentIds: data.agentIds })];
    },
  });
}
