import { catalogueCodec, commandRoute, createCommandHandler } from '@ejp/command-kit';
import { MenteeEnrolled, MentorOffered, MentoringRoundOpened, MentoringSessionRecorded, mentoringEvents, MentoringStreams } from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import { z } from 'zod';
import { type MentoringCommand, mentoringDecider } from '../domain/mentoring.ts';
import { employeeHistoryOf } from './facts.ts';

const RoundParams = z.object({ roundId: z.uuid() });
const ProposalParams = RoundParams.extend({ menteeId: z.uuid() });
const offer = MentorOffered.schema.shape;
const PEOPLE = ['employee', 'manager', 'hr'] as const;

const route = commandRoute<MentoringCommand>();
const base = '/mentoring-rounds/:roundId';

/** Mentors and mentees join for themselves: who they are is the token's subject, where they sit comes from their journey. */
export const mentoringRoutes = [
  route({
    method: 'POST', url: '/mentoring-rounds', operationId: 'openMentoringRound', access: { roles: ['hr'] }, status: 201,
    summary: 'Open a mentoring round', body: MentoringRoundOpened.schema.extend({ roundId: z.uuid() }),
    toCommand: ({ body }) => ({ type: 'OpenMentoringRound', data: body }),
    location: ({ body }) => `/mentoring-rounds/${body.roundId}`,
  }),
  route({
    method: 'PUT', url: `${base}/mentors/me`, operationId: 'offerMentoring', access: { roles: [...PEOPLE] }, status: 200,
    summary: 'Offer to mentor in the round: skills, topics and how many mentees (again: replace the offer)', params: RoundParams,
    body: z.strictObject({ skills: offer.skills, topics: offer.topics, capacity: offer.capacity }),
    toCommand: async ({ params, body }, { user, events }) => ({
      type: 'OfferMentoring',
      data: { ...params, mentorId: user.subject, history: await employeeHistoryOf(events, user.subject), ...body },
    }),
  }),
  route({
    method: 'PUT', url: `${base}/mentees/me`, operationId: 'enrolMentee', access: { roles: [...PEOPLE] }, status: 200,
    summary: 'Join the round as a mentee with your goals (again: replace them)', params: RoundParams,
    body: z.strictObject({ goals: MenteeEnrolled.schema.shape.goals }),
    toCommand: async ({ params, body }, { user, events }) => ({
      type: 'EnrolMentee',
      data: { ...params, menteeId: user.subject, history: await employeeHistoryOf(events, user.subject), ...body },
    }),
  }),
  route({
    method: 'POST', url: `${base}/proposals`, operationId: 'proposeMentorPairs', access: { roles: ['hr'] }, status: 201,
    summary: 'Match the round as a whole: the optimal pairs, each with its score and reasons; the round then closes to newcomers', params: RoundParams,
    toCommand: ({ params }) => ({ type: 'ProposeMentorPairs', data: params }),
  }),
  route({
    method: 'POST', url: `${base}/proposals/:menteeId/accept`, operationId: 'acceptMentorProposal', access: { roles: [...PEOPLE] }, status: 200,
    summary: 'Accept the proposal as its mentor or mentee (both accepted: the mentorship starts)', params: ProposalParams,
    toCommand: ({ params }, { user }) => ({ type: 'AnswerMentorProposal', data: { ...params, accept: true, by: user.subject } }),
  }),
  route({
    method: 'POST', url: `${base}/proposals/:menteeId/decline`, operationId: 'declineMentorProposal', access: { roles: [...PEOPLE] }, status: 200,
    summary: 'Decline the proposal as its mentor or mentee', params: ProposalParams,
    toCommand: ({ params }, { user }) => ({ type: 'AnswerMentorProposal', data: { ...params, accept: false, by: user.subject } }),
  }),
  route({
    method: 'POST', url: `${base}/proposals/:menteeId/sessions`, operationId: 'recordMentoringSession', access: { roles: [...PEOPLE] }, status: 201,
    summary: 'Record a session of the mentorship (its mentor or mentee)', params: ProposalParams,
    body: MentoringSessionRecorded.schema.pick({ sessionId: true, heldOn: true, durationMinutes: true }),
    toCommand: ({ params, body }, { user }) => ({ type: 'RecordMentoringSession', data: { ...params, ...body, by: user.subject } }),
  }),
];

export function createMentoringHandler(store: EventStore) {
  return createCommandHandler({
    store,
    decider: mentoringDecider,
    codec: catalogueCodec(mentoringEvents),
    streamOf: (command: MentoringCommand) => MentoringStreams.streamOf(command.data.roundId),
    // Folded states kept between commands (command kit stateCache): this state holds no personal data.
    stateCache: {},
  });
}
