import { catalogueCodec, foldEvents } from '@ejp/command-kit';
import { envelopeOf, ServiceRequestStreams, serviceRequestEvents } from '@ejp/contracts';
import type { EventStore, RecordedEvent } from '@ejp/eventstore';
import { AppError, type AuthenticatedUser, ErrorCodes, problemResponse, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { requestDecider } from './domain/request.ts';
import type { OpenRequest } from './domain/request-state.ts';
import { catalogueOf } from './facts.ts';
import { entryOf } from '@ejp/contracts';
import { liveProgress } from './live-progress.ts';

/**
 * Reads of one request for the people it concerns: the requester, the agents
 * of its owning team, HR and admins. The request itself (with its comments)
 * and its live progress as Server-Sent Events.
 */

const codec = catalogueCodec(serviceRequestEvents);
const Params = z.object({ requestId: z.uuid() });
const notFound = problemResponse('No such service request');
const OVERSEERS = new Set(['hr', 'admin']);

const RequestView = z.object({
  requestId: z.uuid(),
  revision: z.string(),
  status: z.string(),
  requesterId: z.uuid(),
  itemId: z.string(),
  teamId: z.string(),
  assigneeId: z.uuid().nullable(),
  title: z.unknown(),
  answers: z.unknown(),
  comments: z.array(z.object({ commentId: z.uuid(), authorId: z.uuid(), authorRole: z.string(), text: z.unknown(), at: z.string() })),
  breached: z.array(z.string()),
  rated: z.boolean(),
  history: z.array(z.object({ type: z.string(), revision: z.string(), occurredAt: z.string() })),
});

export interface RequestReadRoutesOptions {
  store: EventStore;
  organisationId: string;
  tags: Record<string, string>;
}

export function registerRequestReadRoutes(app: ServiceApp, options: RequestReadRoutesOptions): void {
  const { store, organisationId } = options;
  const tags = Object.keys(options.tags);
  const followRequest = liveProgress(app);

  /** The request's events, once the caller is found to be one it concerns. */
  async function readFor(user: AuthenticatedUser | null, requestId: string): Promise<{ recorded: RecordedEvent[]; state: OpenRequest }> {
    if (!user) throw new AppError(ErrorCodes.EJP_FORBIDDEN, 'Sign in to see a request.');
    const recorded = await store.readStream(ServiceRequestStreams.streamOf(requestId));
    const state = foldEvents(requestDecider, codec, recorded);
    if (state.status === 'none') throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No request ${requestId}.`);
    if (state.requesterId === user.subject || user.roles.some((role) => OVERSEERS.has(role))) return { recorded, state };
    const catalogue = await catalogueOf(store, organisationId);
    if (entryOf(catalogue.teams, state.teamId)?.agentIds.includes(user.subject)) return { recorded, state };
    throw new AppError(ErrorCodes.EJP_FORBIDDEN, 'Only the requester, agents of the owning team, HR and admins see a request.');
  }

  app.get(
    '/servicedesk/requests/:requestId',
    {
      config: { access: { roles: ['employee', 'manager', 'hr', 'admin'] } },
      schema: { operationId: 'getServiceRequest', tags, summary: 'One request with its comments (requester, agents of its team, HR, admins)', params: Params, response: { 200: RequestView, 404: notFound } },
    },
    async (request) => {
      const { requestId } = request.params as z.output<typeof Params>;
      const { recorded, state } = await readFor(request.user, requestId);
      const decoded = recorded.map((event) => ({ event, data: event.data as Record<string, unknown> }));
      const submitted = decoded[0]!.data;
      return {
        requestId,
        revision: recorded.at(-1)!.revision.toString(),
        status: state.status,
        requesterId: state.requesterId,
        itemId: state.itemId,
        teamId: state.teamId,
        assigneeId: state.assigneeId,
        title: submitted.title,
        answers: submitted.answers,
        comments: decoded
          .filter(({ event }) => event.type === 'servicedesk.request.commented')
          .map(({ data }) => ({ commentId: String(data.commentId), authorId: String(data.authorId), authorRole: String(data.authorRole), text: data.text, at: String(data.at) })),
        breached: Object.keys(state.breached),
        rated: state.rated,
        history: recorded.map((event) => ({ type: event.type, revision: event.revision.toString(), occurredAt: envelopeOf(event).occurredAt })),
      };
    },
  );

  app.get(
    '/servicedesk/requests/:requestId/events',
    {
      config: { access: { roles: ['employee', 'manager', 'hr', 'admin'] } },
      schema: {
        operationId: 'followServiceRequest',
        tags,
        summary: 'Live progress as Server-Sent Events: every change of the request, in order, as it happens (Last-Event-ID resumes)',
        params: Params,
        response: { 200: z.string().describe('text/event-stream: `id` is the stream revision, `event` the type, `data` the envelope as JSON'), 404: notFound },
      },
    },
    async (request, reply) => {
      const { requestId } = request.params as z.output<typeof Params>;
      const { recorded } = await readFor(request.user, requestId);
      const lastEventId = request.headers['last-event-id'];
      const after = typeof lastEventId === 'string' && /^\d+$/.test(lastEventId) ? BigInt(lastEventId) : -1n;
      followRequest(reply, { store, stream: ServiceRequestStreams.streamOf(requestId), recorded, afterRevision: after });
    },
  );
}
