import { catalogueCodec, type CommandHandler, commandRoute, createCommandHandler, registerCommandRoutes } from '@ejp/command-kit';
import { type CausationContext, ServiceRequestStreams, serviceRequestEvents, type ServiceRequestEvent } from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import { type AuthenticatedUser, defineErrors, type ErrorDefinition, problemResponse, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { registerCatalogueRoutes } from './catalogue-routes.ts';
import { itemFacts } from './domain/catalogue.ts';
import type { RequestCommand } from './domain/commands.ts';
import type { ServicedeskErrorCode } from './domain/errors.ts';
import { requestDecider } from './domain/request.ts';
import type { RequestState } from './domain/request-state.ts';
import { catalogueOf, managerOf, requestFactsOf } from './facts.ts';
import { registerRequestReadRoutes } from './read-routes.ts';

/** The service-desk codes in the catalogue: the only place where a domain rule meets an HTTP status. */
const domainErrors: Record<ServicedeskErrorCode, ErrorDefinition> = {
  EJP_SERVICE_TEAM_NOT_FOUND: { status: 422, title: 'No such service team in the catalogue' },
  EJP_BUSINESS_CALENDAR_NOT_FOUND: { status: 422, title: 'No such business calendar in the catalogue' },
  EJP_REQUEST_FORM_SCHEMA_INVALID: { status: 400, title: 'The form is not a JSON Schema of an object' },
  EJP_CATALOGUE_ENTRY_INVALID: { status: 400, title: 'The catalogue entry breaks a rule across its fields' },
  EJP_REQUEST_ITEM_NOT_FOUND: { status: 404, title: 'No such request item' },
  EJP_REQUEST_ITEM_RETIRED: { status: 409, title: 'The request item is retired' },
  EJP_REQUEST_FORM_INVALID: { status: 400, title: "The answers do not fit the item's form" },
  EJP_NO_MANAGER_TO_APPROVE: { status: 422, title: 'The item needs a manager approval and the requester has no manager' },
  EJP_SERVICE_REQUEST_EXISTS: { status: 409, title: 'The service request exists' },
  EJP_SERVICE_REQUEST_NOT_FOUND: { status: 404, title: 'No such service request' },
  EJP_SERVICE_REQUEST_STATE: { status: 409, title: "The command does not fit the service request's state" },
  EJP_NOT_THE_APPROVER: { status: 403, title: 'The approval is not yours to give' },
  EJP_NOT_AN_AGENT_OF_THE_TEAM: { status: 403, title: 'Only agents of the owning team handle the request' },
  EJP_NOT_THE_REQUESTER: { status: 403, title: 'Only the requester may do this' },
  EJP_REJECTION_REASON_REQUIRED: { status: 400, title: 'A rejection needs a reason' },
};
export const ServicedeskErrors = defineErrors(domainErrors);

export const RequestParams = z.object({ requestId: z.uuid() });
const text = (max: number) => z.string().trim().min(1).max(max);
const SubmitBody = z.object({ requestId: z.uuid(), itemId: z.string().min(1).max(60), title: text(200), answers: z.record(z.string(), z.unknown()).default({}) });

const EVERYONE = ['employee', 'manager', 'hr', 'admin'] as const;
const WATCHER = ['service', 'admin'] as const;
const route = commandRoute<RequestCommand>();

/** One row per request command; who may give it beyond the role (requester, agent, approver) is the decider's rule. */
export function requestCommandRoutes(organisationId: string) {
  const facts = (events: Parameters<typeof requestFactsOf>[0], user: AuthenticatedUser) => requestFactsOf(events, organisationId, user);
  const base = '/servicedesk/requests/:requestId';
  const row = <T extends RequestCommand['type']>(
    type: T, url: string, operationId: string, summary: string,
    body?: z.ZodObject, roles: readonly (typeof EVERYONE)[number][] | typeof WATCHER = EVERYONE,
  ) =>
    route({
      method: 'POST', url: `${base}${url}`, operationId, summary, access: { roles }, status: 200, params: RequestParams, ...(body ? { body } : {}),
      toCommand: async ({ params, body: payload }, { user, events }) =>
        ({ type, data: { ...params, ...(payload as object), ...(await facts(events, user)) } }) as never,
    });
  return [
    route({
      method: 'POST', url: '/servicedesk/requests', operationId: 'submitServiceRequest', access: { roles: EVERYONE }, status: 201,
      summary: 'Submit a request for a catalogue item; the answers are checked against its form', body: SubmitBody,
      toCommand: async ({ body: { itemId, ...body } }, { user, events }) => {
        const [catalogue, managerId] = await Promise.all([catalogueOf(events, organisationId), managerOf(events, user.subject)]);
        return {
          type: 'SubmitRequest',
          data: { ...body, item: itemFacts(catalogue, itemId), managerId, caller: { id: user.subject, roles: user.roles }, teams: {} },
        };
      },
      location: ({ body }) => `/servicedesk/requests/${body.requestId}`,
    }),
    row('DecideApproval', '/approval', 'decideServiceRequestApproval', 'Approve or reject (with a reason) the pending approval step',
      z.object({ decision: z.enum(['approve', 'reject']), reason: text(2_000).optional() })),
    row('Acknowledge', '/acknowledgement', 'acknowledgeServiceRequest', 'An agent of the owning team acknowledges the request (the first response)'),
    row('Assign', '/assignment', 'assignServiceRequest', 'Assign the request to an agent of the owning team', z.object({ agentId: z.uuid() })),
    row('StartWork', '/work', 'startServiceRequestWork', 'Put the request in progress'),
    row('WaitOnEmployee', '/waiting-on-employee', 'waitOnEmployee', 'The team needs something from the requester: the clocks pause'),
    row('Resume', '/resumption', 'resumeServiceRequest', 'Take the request back from the employee: the clocks run again'),
    row('Comment', '/comments', 'commentOnServiceRequest', 'Comment (requester or agent); a requester comment while waiting on them resumes the request',
      z.object({ commentId: z.uuid(), text: text(5_000) })),
    row('Resolve', '/resolution', 'resolveServiceRequest', 'Resolve the request, saying how', z.object({ resolution: text(2_000) })),
    row('Reopen', '/reopening', 'reopenServiceRequest', 'The requester reopens a resolved request, saying why', z.object({ reason: text(2_000) })),
    row('Close', '/closure', 'closeServiceRequest', 'Close a resolved request (requester or agent)'),
    row('Rate', '/satisfaction', 'rateServiceRequest', 'The requester rates the resolution 1 to 5, with an optional comment',
      z.object({ rating: z.int().min(1).max(5), comment: text(2_000).nullable().default(null) })),
    row('CheckSla', '/sla-check', 'checkServiceRequestSla', 'Record the breaches the clocks show now (the SLA watcher sends it)', undefined, WATCHER),
  ];
}

export type RequestHandler = CommandHandler<RequestCommand, RequestState, ServiceRequestEvent, CausationContext>;

/** The handler of every request command, on the request's stream; routes and the SLA watcher share it. */
export function createRequestHandler(store: EventStore): RequestHandler {
  return createCommandHandler({
    store,
    decider: requestDecider,
    codec: catalogueCodec(serviceRequestEvents),
    streamOf: (command: RequestCommand) => ServiceRequestStreams.streamOf(command.data.requestId),
    // Folded states kept between commands (command kit stateCache): this state holds no personal data.
    stateCache: {},
  });
}

export interface ServicedeskRoutesOptions {
  store: EventStore;
  /** The organisation whose catalogue applies (`servicecatalogue-<ORG_ID>`). */
  organisationId: string;
  handler?: RequestHandler;
  clock?: () => Date;
}

const tags = { servicedesk: 'The employee service desk: catalogue, requests, approvals, SLA clocks and live progress' };
// Documented here; the kits add 400, 401, 403, 410 and 500 themselves.
const problems = {
  404: problemResponse('No such request or item'),
  409: problemResponse("The command does not fit the request's state, or conflicts with a concurrent one"),
  422: problemResponse('The catalogue refers to something it lacks, the item needs a manager, or a reused Idempotency-Key'),
};

/** Adds the service desk's routes (catalogue, request commands and reads) to an app built by `createServiceApp`. */
export function registerServicedeskRoutes(app: ServiceApp, options: ServicedeskRoutesOptions): void {
  const common = { tags, problems, ...(options.clock ? { clock: options.clock } : {}) };
  registerCatalogueRoutes(app, { store: options.store, organisationId: options.organisationId, common });
  registerCommandRoutes(app, {
    ...common,
    handler: options.handler ?? createRequestHandler(options.store),
    routes: requestCommandRoutes(options.organisationId),
    result: { shape: { requestId: z.uuid() }, of: (command) => ({ requestId: command.data.requestId }) },
  });
  registerRequestReadRoutes(app, { store: options.store, organisationId: options.organisationId, tags });
}
