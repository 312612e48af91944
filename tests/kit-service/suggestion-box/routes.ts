import { catalogueCodec, commandRoute, createCommandHandler, registerCommandRoutes } from '@ejp/command-kit';
import type { EventStore } from '@ejp/eventstore';
import { defineErrors, type ErrorDefinition, problemResponse, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { BoxStreams, suggestionBoxEvents } from '../contracts/suggestion-box.ts';
import { type BoxCommand, type BoxErrorCode, boxDecider } from './domain.ts';

/**
 * The suggestion box's route table: one row per command. The command kit
 * gives every row the same HTTP side (Idempotency-Key, If-Match, ETag,
 * causation metadata, problem+json errors), so a row says only what differs.
 */

// The one place where a domain rule meets an HTTP status; the Record makes tsc insist on every code.
const domainErrors: Record<BoxErrorCode, ErrorDefinition> = {
  EJP_BOX_EXISTS: { status: 409, title: 'The suggestion box exists' },
  EJP_BOX_NOT_FOUND: { status: 404, title: 'No such suggestion box' },
  EJP_BOX_CLOSED: { status: 409, title: 'The suggestion box is closed' },
  EJP_NOT_BOX_OWNER: { status: 403, title: "Only the box's owner may do this" },
  EJP_SUGGESTION_EXISTS: { status: 409, title: 'The suggestion is in the box already' },
  EJP_SUGGESTION_NOT_FOUND: { status: 404, title: 'No such suggestion' },
  EJP_SUGGESTION_ANSWERED: { status: 409, title: 'The suggestion has its answer' },
  EJP_SUGGESTIONS_UNANSWERED: { status: 409, title: 'Suggestions wait for an answer' },
};
export const BoxErrors = defineErrors(domainErrors);

const BoxParams = z.object({ boxId: z.uuid() });
const SuggestionParams = BoxParams.extend({ suggestionId: z.uuid() });
const route = commandRoute<BoxCommand>();

export const boxCommandRoutes = [
  route({
    method: 'POST', url: '/boxes', operationId: 'openSuggestionBox', access: { roles: ['manager'] }, status: 201,
    summary: 'Open a suggestion box; the caller answers its suggestions',
    body: z.object({ boxId: z.uuid(), title: z.string().min(1).max(200), responseDays: z.int().min(1).max(90).default(14) }),
    toCommand: ({ body }, { user }) => ({ type: 'OpenBox', data: { ...body, ownerId: user.subject } }),
    location: ({ body }) => `/boxes/${body.boxId}`,
  }),
  route({
    method: 'POST', url: '/boxes/:boxId/suggestions', operationId: 'dropSuggestion', access: { roles: ['employee'] }, status: 201,
    summary: 'Drop a suggestion into the box', params: BoxParams,
    body: z.object({ suggestionId: z.uuid(), text: z.string().min(1).max(2_000) }),
    toCommand: ({ params, body }) => ({ type: 'DropSuggestion', data: { ...params, ...body } }),
  }),
  route({
    method: 'POST', url: '/boxes/:boxId/suggestions/:suggestionId/answer', operationId: 'answerSuggestion', access: { roles: ['manager'] }, status: 200,
    summary: 'Answer a suggestion (the box owner)', params: SuggestionParams, body: z.object({ answer: z.string().min(1).max(2_000) }),
    toCommand: ({ params, body }, { user }) => ({ type: 'AnswerSuggestion', data: { ...params, ...body, answeredBy: user.subject } }),
  }),
  route({
    method: 'DELETE', url: '/boxes/:boxId', operationId: 'closeSuggestionBox', access: { roles: ['manager'] }, status: 200,
    summary: 'Close the box (every suggestion answered)', params: BoxParams,
    toCommand: ({ params }, { user }) => ({ type: 'CloseBox', data: { ...params, closedBy: user.subject } }),
  }),
];

// Documented here; the kits add 400, 401, 403, 410, 412, 422 and 500 themselves.
const problems = {
  404: problemResponse('No such box or suggestion'),
  409: problemResponse('The command conflicts with the state of the box, or concurrent commands kept changing it'),
};

export interface SuggestionBoxRoutesOptions {
  store: EventStore;
  /** The clock commands are decided at (default: the system clock). */
  clock?: () => Date;
}

/** Adds the routes to an app from `createServiceApp`, or to an `app.register` scope (standalone mounts it so). */
export function registerSuggestionBoxRoutes(app: ServiceApp, options: SuggestionBoxRoutesOptions): void {
  const handler = createCommandHandler({
    store: options.store,
    decider: boxDecider,
    codec: catalogueCodec(suggestionBoxEvents),
    streamOf: (command: BoxCommand) => BoxStreams.streamOf(command.data.boxId),
  });
  registerCommandRoutes(app, {
    handler,
    routes: boxCommandRoutes,
    tags: { 'suggestion-box': 'Open boxes, drop suggestions and answer them' },
    problems,
    ...(options.clock ? { clock: options.clock } : {}),
    result: { shape: { boxId: z.uuid() }, of: (command) => ({ boxId: command.data.boxId }) },
  });
}
