import {
  type ServiceRequestSummary,
  ServiceRequestsReadModel,
  serviceRequestSummarySchema,
  type ServiceTeam,
  ServiceTeamsReadModel,
} from '@ejp/contracts/read-models';
import { InvalidCursorError, type Page, type Query } from '@ejp/readstore';
import { AppError, type AuthenticatedUser, ErrorCodes, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { READER_ROLES } from './access.ts';
import type { RouteContext } from './routes.ts';

/**
 * The service desk's read side: a requester's own requests, a team's queue
 * (by state, item, breach risk; cursor pages) and its SLA figures per item as
 * of an instant. Queues and figures are for the team's agents, HR and admins.
 */

const MAX_PAGE = 200;
/** A request is at risk when its next deadline is this close (wall clock). */
export const AT_RISK_HOURS = 4;
const page = {
  cursor: z.string().min(1).max(2_000).optional().describe('`nextCursor` of the previous page; send the same filters with it.'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50).describe(`Requests per page (1..${MAX_PAGE}).`),
};
const summary = serviceRequestSummarySchema.omit({ lastAppliedRevision: true, updatedAt: true, resumesTo: true });
const pageOf = z.object({ items: z.array(summary), nextCursor: z.string().nullable() });
const TeamParams = z.object({ teamId: z.string().min(1).max(60) });
const asOfQuery = z.iso.datetime({ offset: true }).optional().describe('The instant the figures are for (default now).');

const figures = z.object({
  requests: z.int().describe('Submitted up to asOf.'),
  backlog: z.int().describe('Submitted and not resolved, closed or rejected as of asOf.'),
  firstResponseAttainment: z.number().nullable().describe('Share of first responses given by asOf within their deadline (null: none yet).'),
  resolutionAttainment: z.number().nullable().describe('Share of resolutions by asOf within their deadline (null: none yet).'),
  medianMinutesToFirstResponse: z.number().nullable().describe('Wall-clock minutes from submission to the first response, median over those given by asOf.'),
});
const SlaReport = z.object({ teamId: z.string(), asOf: z.iso.datetime(), team: figures, items: z.record(z.string(), figures) });

async function assertTeamReader(context: RouteContext, user: AuthenticatedUser | null, teamId: string): Promise<void> {
  if (user?.roles.some((role) => role === 'hr' || role === 'admin')) return;
  const team = user ? await context.readStore.get<ServiceTeam>(ServiceTeamsReadModel.collection, teamId) : undefined;
  if (user && team?.doc.agentIds.includes(user.subject)) return;
  throw new AppError(ErrorCodes.EJP_FORBIDDEN, `Only agents of team ${teamId}, HR and admins read its queue.`);
}

async function queryPage(context: RouteContext, query: Query): Promise<z.output<typeof pageOf>> {
  let found: Page<ServiceRequestSummary>;
  try {
    found = await context.readStore.query<ServiceRequestSummary>(ServiceRequestsReadModel.collection, query);
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new AppError(ErrorCodes.EJP_BAD_REQUEST, 'The cursor is not one this list issued; start again without it.', { cause: error });
    throw error;
  }
  return { items: found.items.map(({ doc: { lastAppliedRevision: _, updatedAt: __, resumesTo: ___, ...rest } }) => rest), nextCursor: found.nextCursor ?? null };
}

export function registerServicedeskQueryRoutes(app: ServiceApp, context: RouteContext): void {
  const tags = ['servicedesk-reports'];
  app.get(
    '/servicedesk/my-requests',
    {
      config: { roles: READER_ROLES },
      schema: { operationId: 'listMyServiceRequests', tags, summary: "The caller's own service-desk requests, newest first", querystring: z.object(page), response: { 200: pageOf } },
    },
    async (request) => {
      const { cursor, limit } = request.query as { cursor?: string; limit: number };
      const where = { requesterId: request.user?.subject ?? '' };
      return queryPage(context, { where, orderBy: [{ field: 'submittedAt', direction: 'desc' }], limit, ...(cursor ? { cursor } : {}) });
    },
  );

  const QueueQuery = z.object({
    ...page,
    status: z.string().min(1).max(40).optional().describe('Only requests in this status (e.g. waiting-on-employee).'),
    itemId: z.string().min(1).max(60).optional(),
    risk: z.enum(['breached', 'at-risk']).optional().describe(`breached: a clock passed its deadline; at-risk: not breached, the next deadline within ${AT_RISK_HOURS} hours (soonest first).`),
  });
  app.get(
    '/servicedesk/teams/:teamId/queue',
    {
      config: { roles: READER_ROLES },
      schema: { operationId: 'getServiceTeamQueue', tags, summary: "A team's open requests, oldest first", params: TeamParams, querystring: QueueQuery, response: { 200: pageOf } },
    },
    async (request) => {
      const { teamId } = request.params as z.output<typeof TeamParams>;
      await assertTeamReader(context, request.user, teamId);
      const { cursor, limit, status, itemId, risk } = request.query as z.output<typeof QueueQuery>;
      const soon = new Date(context.clock().getTime() + AT_RISK_HOURS * 3_600_000).toISOString();
      const where: NonNullable<Query['where']> = {
        teamId,
        ...(status ? { status } : { open: true }),
        ...(itemId ? { itemId } : {}),
        ...(risk === 'breached' ? { breached: true } : {}),
        ...(risk === 'at-risk' ? { breached: false, nextDueAt: { lt: soon } } : {}),
      };
      const orderBy = [{ field: risk === 'at-risk' ? 'nextDueAt' : 'submittedAt' }];
      return queryPage(context, { where, orderBy, limit, ...(cursor ? { cursor } : {}) });
    },
  );

  app.get(
    '/servicedesk/teams/:teamId/sla',
    {
      config: { roles: READER_ROLES },
      schema: {
        operationId: 'getServiceTeamSla', tags, params: TeamParams, querystring: z.object({ asOf: asOfQuery }), response: { 200: SlaReport },
        summary: 'SLA attainment, backlog and median time to first response of a team, and per item, as of an instant',
      },
    },
    async (request) => {
      const { teamId } = request.params as z.output<typeof TeamParams>;
      await assertTeamReader(context, request.user, teamId);
      const { asOf } = request.query as { asOf?: string };
      const at = (asOf ? new Date(asOf) : context.clock()).toISOString();
      const docs: ServiceRequestSummary[] = [];
      let cursor: string | undefined;
      do {
        const found = await context.readStore.query<ServiceRequestSummary>(ServiceRequestsReadModel.collection, {
          where: { teamId, submittedAt: { lte: at } }, orderBy: [{ field: 'submittedAt' }], limit: 1_000, ...(cursor ? { cursor } : {}),
        });
        docs.push(...found.items.map((item) => item.doc));
        cursor = found.nextCursor;
      } while (cursor);
      const items = [...new Set(docs.map((doc) => doc.itemId))];
      const perItem = items.map((itemId) => [itemId, figuresOf(docs.filter((doc) => doc.itemId === itemId), at)] as const);
      return { teamId, asOf: at, team: figuresOf(docs, at), items: Object.fromEntries(perItem) };
    },
  );
}

/** The figures of some requests as of `at`, from their timestamps (a breach counts once its deadline is before `at`). */
export function figuresOf(docs: readonly ServiceRequestSummary[], at: string): z.output<typeof figures> {
  const responded = docs.filter((doc) => doc.firstResponseAt !== null && doc.firstResponseAt <= at);
  const resolved = docs.filter((doc) => doc.resolvedAt !== null && doc.resolvedAt <= at);
  const share = (list: readonly ServiceRequestSummary[], late: (doc: ServiceRequestSummary) => string | null) =>
    list.length === 0 ? null : list.filter((doc) => late(doc) === null).length / list.length;
  const minutes = responded.map((doc) => (Date.parse(doc.firstResponseAt!) - Date.parse(doc.submittedAt)) / 60_000).sort((a, b) => a - b);
  const middle = minutes.length / 2;
  return {
    requests: docs.length,
    backlog: docs.filter((doc) => doc.open || (doc.resolvedAt !== null && doc.resolvedAt > at)).length,
    firstResponseAttainment: share(responded, (doc) => doc.firstResponseBreachedAt),
    resolutionAttainment: share(resolved, (doc) => doc.resolutionBreachedAt),
    medianMinutesToFirstResponse: minutes.length === 0 ? null : minutes.length % 2 ? minutes[Math.floor(middle)]! : (minutes[middle - 1]! + minutes[middle]!) / 2,
  };
}
