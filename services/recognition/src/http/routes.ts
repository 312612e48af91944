import { randomUUID } from 'node:crypto';
import { catalogueCodec, commandRoute, createCommandHandler, registerCommandRoutes, uuidV5 } from '@ejp/command-kit';
import { givingEvents, journeyStream, reactionEvents } from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import { type AccessPolicy, defineErrors, type ErrorDefinition, problemResponse, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import type { AddReaction, GivingCommand } from '../domain/commands.ts';
import type { RecognitionErrorCode } from '../domain/errors.ts';
import { createGivingDecider } from '../domain/giving.ts';
import { reactionDecider } from '../domain/reactions.ts';
import { RecognitionFacts } from './facts.ts';
import { BoostBody, EmployeeParams, GiveBody, ReactionBody, RecognitionParams, ShoutOutBody } from './schemas.ts';
import { registerSettingsRoutes } from './settings-routes.ts';

/** Every recognition code with its status: `Record<RecognitionErrorCode, ...>` makes the compiler insist on each. */
const domainErrors: Record<RecognitionErrorCode, ErrorDefinition> = {
  EJP_EMPLOYEE_NOT_ACTIVE: { status: 422, title: 'An employee named is not hired or has left' },
  // The code and title every journey service answers for a departed employee (onboarding, offboarding).
  EJP_EMPLOYEE_DEPARTED: { status: 409, title: 'The employee has left' },
  EJP_SELF_RECOGNITION: { status: 422, title: 'Nobody can recognise themselves' },
  EJP_INVALID_RECIPIENTS: { status: 422, title: 'A recognition names 1 to 10 different recipients' },
  EJP_INVALID_POINTS: { status: 422, title: 'Points are whole and not negative' },
  EJP_UNKNOWN_COMPANY_VALUE: { status: 422, title: 'Not an active company value' },
  EJP_RECOGNITION_EXISTS: { status: 409, title: 'The recognition was given already' },
  EJP_ALLOWANCE_EXCEEDED: { status: 409, title: 'Not enough allowance left to give these points' },
  EJP_RECOGNITION_NOT_FOUND: { status: 404, title: 'No such recognition' },
  EJP_NOT_GIVER: { status: 403, title: 'Only the giver may do this' },
  EJP_ALREADY_WITHDRAWN: { status: 409, title: 'The recognition is withdrawn already' },
  EJP_WITHDRAW_WINDOW_CLOSED: { status: 409, title: 'The recognition can no longer be withdrawn' },
  EJP_ADMIN_REQUIRED: { status: 403, title: 'Only an admin may do this' },
  EJP_COMPANY_VALUE_EXISTS: { status: 409, title: 'The company value exists' },
  EJP_COMPANY_VALUE_NOT_FOUND: { status: 404, title: 'No such company value' },
  EJP_COMPANY_VALUE_RETIRED: { status: 409, title: 'The company value is retired' },
  EJP_COMPANY_VALUE_NAME_TAKEN: { status: 409, title: 'Another company value has that name' },
};
export const RecognitionErrors = defineErrors(domainErrors);

/** Namespace of the ids made for recognitions, boosts and reactions from an Idempotency-Key. */
const RECOGNITION_ID_NAMESPACE = '9d3e0a64-1b7f-4c2e-8f5a-6b4c3d2e1f0a';

/** A new resource id: derived from the Idempotency-Key when there is one, so a retry decides the very same command. */
function newId(request: { headers: Record<string, unknown> }, scope: string, owner: string): string {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' ? uuidV5(RECOGNITION_ID_NAMESPACE, `${scope}\u0000${owner}\u0000${key}`) : randomUUID();
}

const giving = commandRoute<GivingCommand>();
/** Whoever gives, shouts out or reacts does so as themselves (the caller), so no relation is needed: the role is enough. */
const GIVERS = { roles: ['employee', 'manager', 'hr'] } as const satisfies AccessPolicy;

/** Give, shout out and withdraw: the giver is the caller, and the giver's stream is decided on. */
export function recognitionCommandRoutes(organisationId: string, facts: RecognitionFacts) {
  return [
    giving({
      method: 'POST', url: '/recognitions', operationId: 'giveRecognition', access: GIVERS, status: 201,
      summary: 'Recognise 1 to 10 colleagues for company values, optionally with points', body: GiveBody,
      toCommand: async (request, { user, events }) => {
        const { body } = request;
        const giverId = user.subject;
        const given = await facts.givingFactsOf(events, organisationId, [giverId, ...body.recipientIds]);
        return { type: 'GiveRecognition', data: { ...body, giverId, recognitionId: body.recognitionId ?? newId(request, 'recognition', giverId), facts: given } };
      },
    }),
    giving({
      method: 'POST', url: '/shout-outs', operationId: 'giveShoutOut', access: GIVERS, status: 201,
      summary: 'Recognise a whole department or team (no points)', body: ShoutOutBody,
      toCommand: async (request, { user, events }) => {
        const { body } = request;
        const giverId = user.subject;
        const given = await facts.givingFactsOf(events, organisationId, body.audience.kind === 'team' ? [giverId, body.audience.managerId] : [giverId]);
        return { type: 'GiveShoutOut', data: { ...body, giverId, recognitionId: body.recognitionId ?? newId(request, 'recognition', giverId), facts: given } };
      },
    }),
    giving({
      method: 'POST', url: '/employees/:giverId/recognitions/:recognitionId/withdrawal', operationId: 'withdrawRecognition', access: { self: 'giverId' }, status: 200,
      summary: 'Withdraw a recognition you gave, within the withdraw window; its points come back', params: RecognitionParams,
      toCommand: ({ params }, { user }) => ({ type: 'WithdrawRecognition', data: { ...params, withdrawnBy: { id: user.subject, roles: user.roles } } }),
    }),
  ];
}

export const boostCommandRoutes = (facts: RecognitionFacts) => [
  giving({
    method: 'POST', url: '/employees/:employeeId/allowance-boosts', operationId: 'grantAllowanceBoost', access: { roles: ['admin'] }, status: 201,
    summary: 'Grant a one-time allowance boost (rolls over, spent after the monthly allowance)', params: EmployeeParams, body: BoostBody,
    toCommand: async (request, { user, events }) => {
      const { employeeId } = request.params;
      const employment = await facts.employmentOf(events, [employeeId]);
      const boostId = newId(request, 'boost', employeeId);
      return { type: 'GrantAllowanceBoost', data: { employeeId, boostId, points: request.body.points, grantedBy: { id: user.subject, roles: user.roles }, facts: { employment } } };
    },
  }),
];

const reacting = commandRoute<AddReaction>();

export const reactionCommandRoutes = (facts: RecognitionFacts) => [
  reacting({
    method: 'POST', url: '/employees/:giverId/recognitions/:recognitionId/reactions', operationId: 'reactToRecognition', access: GIVERS, status: 201,
    summary: 'Cheer or comment on a recognition you can see', params: RecognitionParams, body: ReactionBody,
    toCommand: async (request, { user, events }) => {
      const { giverId, recognitionId } = request.params;
      const reactorId = user.subject;
      const [employment, giver] = await Promise.all([facts.employmentOf(events, [reactorId]), facts.givingStateOf(events, giverId)]);
      const recognition = giver.given[recognitionId] ?? null;
      // Only "recipients and their managers" needs to know whom the reactor manages.
      const managedRecipientIds = recognition?.visibility === 'recipients-and-managers' ? await facts.managedBy(events, reactorId, recognition.recipientIds) : [];
      const reactionId = newId(request, 'reaction', reactorId);
      return { type: 'AddReaction', data: { reactorId, giverId, recognitionId, reactionId, reaction: request.body, facts: { employment, recognition, managedRecipientIds } } };
    },
  }),
];

export interface RecognitionRoutesOptions {
  /** The event store to append to: in production the crypto-shredding decorator around an adapter. */
  store: EventStore;
  /** ORG_TIMEZONE: allowances refresh on the 1st there. */
  timeZone: string;
  /** ORG_ID: the organisation whose settings (`organisation-<id>`) apply. */
  organisationId: string;
  /** The clock commands are decided at (default: the system clock); tests pin it. */
  clock?: () => Date;
  /** Extra attempts after a concurrency conflict when the request had no If-Match (default 3). */
  maxConflictRetries?: number;
}

export const tags = { recognition: 'Peer recognition: give, shout out, react, withdraw, allowance boosts and the organisation settings' };
// Documented here; the kits add 400, 401, 403, 410 and 500 themselves.
export const problems = {
  404: problemResponse('No such recognition (or none you can see), or no such company value'),
  409: problemResponse('Not enough allowance left, the recognition is withdrawn or past its window, or concurrent commands kept conflicting'),
  422: problemResponse('A business rule (recipients, points, company values, employment) or a reused Idempotency-Key'),
};

/**
 * Adds the recognition command routes to an app built by `createServiceApp`
 * (the root app, or an `app.register` scope with a prefix). Three streams,
 * three handlers: the giver's journey (allowance), the reactor's journey, the
 * organisation's settings.
 */
export function registerRecognitionRoutes(app: ServiceApp, options: RecognitionRoutesOptions): void {
  const retries = options.maxConflictRetries === undefined ? {} : { maxRetries: options.maxConflictRetries };
  const common = { tags, problems, ...(options.clock ? { clock: options.clock } : {}) };
  const facts = new RecognitionFacts();

  const givingHandler = createCommandHandler({
    store: options.store,
    decider: createGivingDecider({ timeZone: options.timeZone }),
    codec: catalogueCodec(givingEvents),
    streamOf: (command: GivingCommand) => journeyStream(command.type === 'GrantAllowanceBoost' ? command.data.employeeId : command.data.giverId),
    // A giver's journey grows with every give; its folded state holds no personal data (giving-state.ts).
    stateCache: {},
    ...retries,
  });
  registerCommandRoutes(app, {
    ...common,
    handler: givingHandler,
    routes: recognitionCommandRoutes(options.organisationId, facts),
    result: { shape: { recognitionId: z.uuid() }, of: (command) => ({ recognitionId: 'recognitionId' in command.data ? command.data.recognitionId : undefined }) },
  });
  registerCommandRoutes(app, {
    ...common,
    handler: givingHandler,
    routes: boostCommandRoutes(facts),
    result: { shape: { employeeId: z.uuid(), boostId: z.uuid() }, of: (command) => (command.type === 'GrantAllowanceBoost' ? { employeeId: command.data.employeeId, boostId: command.data.boostId } : {}) },
  });

  const reactionHandler = createCommandHandler({
    store: options.store,
    decider: reactionDecider,
    codec: catalogueCodec(reactionEvents),
    streamOf: (command: AddReaction) => journeyStream(command.data.reactorId),
    ...retries,
  });
  registerCommandRoutes(app, {
    ...common,
    handler: reactionHandler,
    routes: reactionCommandRoutes(facts),
    result: { shape: { recognitionId: z.uuid(), reactionId: z.uuid() }, of: (command) => ({ recognitionId: command.data.recognitionId, reactionId: command.data.reactionId }) },
  });

  registerSettingsRoutes(app, { ...options, common, retries });
}
