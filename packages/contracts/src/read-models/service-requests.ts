import { z } from 'zod';
import { defineReadModel, type ReadModelDocument } from './define-read-model.ts';

const at = z.iso.datetime();

/**
 * One document per service-desk request (id = request id), for the
 * requester's "my requests", a team's queue and the SLA figures. No personal
 * data: title, answers and comments stay in the request's events (read
 * through the service desk by the people it concerns).
 */
export const serviceRequestSummarySchema = z.object({
  requestId: z.string().min(1),
  requesterId: z.string().min(1),
  itemId: z.string(),
  teamId: z.string(),
  status: z.string().describe('awaiting-approval, submitted, acknowledged, in-progress, waiting-on-employee, resolved, closed, reopened or rejected.'),
  resumesTo: z.string().nullable().describe('While waiting on the employee: the status it goes back to.'),
  open: z.boolean().describe('Neither resolved, closed nor rejected: in the backlog.'),
  assigneeId: z.string().nullable(),
  submittedAt: at,
  firstResponseAt: at.nullable(),
  resolvedAt: at.nullable().describe('The latest resolution (null again once reopened).'),
  firstResponseDueAt: at.nullable(),
  resolutionDueAt: at.nullable(),
  nextDueAt: at.nullable().describe('The earlier of the deadlines in force: what breach risk is judged by.'),
  breached: z.boolean(),
  firstResponseBreachedAt: at.nullable().describe('The deadline the first-response clock passed, if it did.'),
  resolutionBreachedAt: at.nullable().describe('The deadline the resolution clock passed, if it did.'),
  rating: z.int().min(1).max(5).nullable(),
  lastAppliedRevision: z.int().min(-1),
  updatedAt: z.string(),
});

export const ServiceRequestsReadModel = defineReadModel({
  collection: 'service_requests',
  schema: serviceRequestSummarySchema,
  idIs: 'the request id',
  indexes: [
    ['requesterId', 'submittedAt'],
    ['teamId', 'submittedAt'],
    ['teamId', 'status', 'submittedAt'],
    ['teamId', 'itemId', 'submittedAt'],
    ['teamId', 'breached', 'submittedAt'],
    ['teamId', 'breached', 'nextDueAt'],
  ],
});

export type ServiceRequestSummary = ReadModelDocument<typeof ServiceRequestsReadModel>;

/** One document per service team (id = team id): who its agents are, for the queue's access rule. */
export const serviceTeamSchema = z.object({ teamId: z.string().min(1), name: z.string(), agentIds: z.array(z.string()) });

export const ServiceTeamsReadModel = defineReadModel({ collection: 'service_teams', schema: serviceTeamSchema, idIs: 'the team id', indexes: [] });

export type ServiceTeam = ReadModelDocument<typeof ServiceTeamsReadModel>;
