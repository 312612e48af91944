import { catalogueCodec, commandRoute, createCommandHandler } from '@ejp/command-kit';
import { OpeningPosted, openingEvents, OpeningStreams } from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import { z } from 'zod';
import { type OpeningsCommand, openingDecider } from '../domain/openings.ts';
import { employeeHistoryOf } from './facts.ts';

const OpeningParams = z.object({ openingId: z.uuid() });
const ApplicationParams = OpeningParams.extend({ applicantId: z.uuid() });

const route = commandRoute<OpeningsCommand>();
const base = '/openings/:openingId';

export const openingRoutes = [
  route({
    method: 'POST', url: '/openings', operationId: 'postOpening', access: { roles: ['hr', 'manager'] }, status: 201,
    summary: 'Post an internal opening (rotation, transfer or promotion)', body: OpeningPosted.schema.extend({ openingId: z.uuid() }),
    toCommand: ({ body }) => ({ type: 'PostOpening', data: body }),
    location: ({ body }) => `/openings/${body.openingId}`,
  }),
  route({
    method: 'POST', url: `${base}/applications`, operationId: 'applyForOpening', access: { roles: ['employee', 'manager'] }, status: 201,
    summary: 'Apply for the opening; your current manager and HR decide', params: OpeningParams,
    toCommand: async ({ params }, { user, events }) => ({
      type: 'ApplyForOpening',
      data: { ...params, applicantId: user.subject, history: await employeeHistoryOf(events, user.subject) },
    }),
  }),
  route({
    method: 'POST', url: `${base}/applications/:applicantId/decision`, operationId: 'decideApplication', access: { roles: ['manager', 'hr'] }, status: 200,
    summary: "Approve or reject an application as the applicant's current manager or as HR", params: ApplicationParams,
    body: z.strictObject({ approve: z.boolean() }),
    toCommand: ({ params, body }, { user }) => ({ type: 'DecideApplication', data: { ...params, ...body, by: { id: user.subject, roles: user.roles } } }),
  }),
  route({
    method: 'POST', url: `${base}/applications/:applicantId/fill`, operationId: 'fillOpening', access: { roles: ['hr'] }, status: 200,
    summary: 'Fill the opening with an approved applicant (then record the move: changePosition with the openingId)', params: ApplicationParams,
    toCommand: ({ params }) => ({ type: 'FillOpening', data: params }),
  }),
];

export function createOpeningHandler(store: EventStore) {
  return createCommandHandler({
    store,
    decider: openingDecider,
    codec: catalogueCodec(openingEvents),
    streamOf: (command: OpeningsCommand) => OpeningStreams.streamOf(command.data.openingId),
    // Folded states kept between commands (command kit stateCache): this state holds no personal data.
    stateCache: {},
  });
}
