import { etagOf } from '@ejp/command-kit';
import { MentoringStreams, OpeningStreams } from '@ejp/contracts';
import { AppError, ErrorCodes, problemResponse, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import type { createMentoringHandler } from './mentoring-routes.ts';
import type { createOpeningHandler } from './opening-routes.ts';

/**
 * The write-side state of a round and of an opening, with its revision and
 * ETag (for If-Match, and for a client that seeds idempotently and counts
 * what it appended, as the standalone demo does). The journey API is the read side.
 */

const revision = z.string().describe('The stream revision: what If-Match names.');
const RoundView = z.object({ roundId: z.uuid(), status: z.enum(['open', 'matched']), mentors: z.int(), mentees: z.int(), pairs: z.int(), revision });
const OpeningView = z.object({ openingId: z.uuid(), status: z.enum(['open', 'filled']), applications: z.int(), filledBy: z.uuid().nullable(), revision });
const notFound = { 404: problemResponse('No such round or opening') };

export function registerStateRoutes(
  app: ServiceApp,
  handlers: { mentoring: ReturnType<typeof createMentoringHandler>; openings: ReturnType<typeof createOpeningHandler> },
  tags: { mentoring: string[]; openings: string[] },
): void {
  app.get(
    '/mentoring-rounds/:roundId',
    { config: { access: { roles: ['hr'] } }, schema: { operationId: 'getMentoringRoundState', tags: tags.mentoring, summary: 'The write-side state of a mentoring round (the journey API is the read side)', params: z.object({ roundId: z.uuid() }), response: { 200: RoundView, ...notFound } } },
    async (request, reply) => {
      const { roundId } = request.params;
      const { state, revision } = await handlers.mentoring.load(MentoringStreams.streamOf(roundId));
      if (state.status === 'none' || revision === undefined) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No mentoring round ${roundId} was opened.`);
      reply.header('etag', etagOf(revision));
      const count = (record: object) => Object.keys(record).length;
      return { roundId, status: state.status, mentors: count(state.mentors), mentees: count(state.mentees), pairs: count(state.pairs), revision: revision.toString() };
    },
  );
  app.get(
    '/openings/:openingId',
    { config: { access: { roles: ['hr', 'manager'] } }, schema: { operationId: 'getOpeningState', tags: tags.openings, summary: 'The write-side state of an internal opening (the journey API is the read side)', params: z.object({ openingId: z.uuid() }), response: { 200: OpeningView, ...notFound } } },
    async (request, reply) => {
      const { openingId } = request.params;
      const { state, revision } = await handlers.openings.load(OpeningStreams.streamOf(openingId));
      if (state.status === 'none' || revision === undefined) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No opening ${openingId} was posted.`);
      reply.header('etag', etagOf(revision));
      return { openingId, status: state.status, applications: Object.keys(state.applications).length, filledBy: state.filledBy, revision: revision.toString() };
    },
  );
}
