import { ANONYMITY_MODES, envelopeOf, MinGroupSizeChanged, SURVEY_KINDS, QUESTION_BANK, SurveyStreams, surveyQuestionSchema, surveyResults, surveyResultsResponseSchema } from '@ejp/contracts';
import { type SurveyComment, SurveyCommentsReadModel, type SurveyResults, SurveyResultsReadModel } from '@ejp/contracts/read-models';
import type { EventReader } from '@ejp/command-kit';
import type { KeyStore } from '@ejp/eventstore';
import type { ReadStore } from '@ejp/readstore';
import { AppError, declareTags, ErrorCodes, problemResponse, type ServiceApp } from '@ejp/service-kit';

/** A survey id nobody created (or results not computed yet) answers 404. */
const noSuchSurvey = problemResponse('No such survey');
import { z } from 'zod';
import { SURVEYS_TAG, SurveyParams } from './routes.ts';
import { secretSubjectOf, surveyStates } from './survey-round.ts';

/**
 * The read side of the feedback service: results only through
 * `surveyResults` (the suppression rules), the audit of threshold changes
 * from the survey's own events, and the question bank.
 */

const thresholdChanges = z.object({
  surveyId: z.uuid(),
  changes: z.array(z.object({ at: z.iso.datetime({ offset: true }), by: z.string(), from: z.int(), to: z.int(), reason: z.string() })),
});

async function allComments(readStore: ReadStore, surveyId: string): Promise<SurveyComment[]> {
  const comments: SurveyComment[] = [];
  let cursor: string | undefined;
  do {
    const page = await readStore.query<SurveyComment>(SurveyCommentsReadModel.collection, { where: { surveyId }, limit: 1000, ...(cursor ? { cursor } : {}) });
    comments.push(...page.items.map((item) => item.doc));
    cursor = page.nextCursor;
  } while (cursor);
  return comments;
}

const surveySummary = z.object({
  surveyId: z.uuid(),
  title: z.string(),
  kind: z.enum(SURVEY_KINDS),
  anonymity: z.enum(ANONYMITY_MODES),
  status: z.enum(['draft', 'scheduled', 'open', 'closed']),
  completed: z.boolean().describe('Closed, completion markers appended and the survey secret destroyed: no token can be computed any more.'),
  invited: z.int(),
  minGroupSize: z.int(),
  questions: z.array(surveyQuestionSchema),
});

export function registerFeedbackReadRoutes(app: ServiceApp, options: { readStore: ReadStore; events: EventReader; secrets: KeyStore }): void {
  const { readStore, events, secrets } = options;
  const surveyState = surveyStates(events);
  declareTags(app, { surveys: SURVEYS_TAG });
  app.get(
    '/surveys/:surveyId',
    {
      config: { access: { roles: ['hr', 'admin', 'manager', 'employee'] } },
      schema: { operationId: 'getSurvey', summary: 'A survey: its questions, status and whether its round is completed', tags: ['surveys'], params: SurveyParams, response: { 200: surveySummary, 404: noSuchSurvey } },
    },
    async (request) => {
      const { surveyId } = request.params as z.output<typeof SurveyParams>;
      const state = await surveyState(surveyId);
      if (state.status === 'none') throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No survey ${surveyId}.`);
      const secret = await secrets.findKey(secretSubjectOf(surveyId));
      return {
        surveyId,
        title: state.title,
        kind: state.kind!,
        anonymity: state.anonymity,
        status: state.status,
        completed: state.status === 'closed' && secret.state === 'erased',
        invited: state.invited.length,
        minGroupSize: state.minGroupSize,
        questions: state.questions,
      };
    },
  );
  app.get(
    '/surveys/:surveyId/results',
    {
      config: { access: { roles: ['hr', 'admin'] } },
      schema: {
        operationId: 'getSurveyResults',
        summary: 'Survey results behind the suppression rules',
        description:
          'Per dimension, driver and question: average, favourable share, eNPS, response rate and change against the previous round; overall and by segment. A group below the minimum group size, one whose complement is that small, the next-smallest when one is hidden, and one of two overlapping groups that differ by fewer than the minimum are withheld; so is everything while fewer than the minimum have responded. Comments only after the close, shuffled, dated to the close.',
        tags: ['surveys'],
        params: SurveyParams,
        response: { 200: surveyResultsResponseSchema, 404: noSuchSurvey },
      },
    },
    async (request) => {
      const { surveyId } = request.params as z.output<typeof SurveyParams>;
      const doc = (await readStore.get<SurveyResults>(SurveyResultsReadModel.collection, surveyId))?.doc;
      if (!doc) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No results for survey ${surveyId} (yet).`);
      const previous = doc.previousSurveyId ? (await readStore.get<SurveyResults>(SurveyResultsReadModel.collection, doc.previousSurveyId))?.doc : undefined;
      const comments = doc.closedOn ? await allComments(readStore, surveyId) : [];
      return surveyResults({ doc, previous, comments });
    },
  );

  app.get(
    '/surveys/:surveyId/min-group-size-changes',
    {
      config: { access: { roles: ['hr', 'admin'] } },
      schema: { operationId: 'listSurveyMinGroupSizeChanges', summary: 'Every change of the survey’s minimum group size: who, when, old and new value, why', tags: ['surveys'], params: SurveyParams, response: { 200: thresholdChanges, 404: noSuchSurvey } },
    },
    async (request) => {
      const { surveyId } = request.params as z.output<typeof SurveyParams>;
      const recorded = await events.readStream(SurveyStreams.streamOf(surveyId));
      if (recorded.length === 0) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No survey ${surveyId}.`);
      const changes = recorded
        .filter((event) => event.type === MinGroupSizeChanged.type)
        .map((event) => {
          const data = event.data as z.output<typeof MinGroupSizeChanged.schema>;
          return { at: envelopeOf(event).occurredAt, by: data.changedBy, from: data.from, to: data.to, reason: data.reason };
        });
      return { surveyId, changes };
    },
  );

  app.get(
    '/survey-questions',
    {
      config: { access: { roles: ['hr', 'admin', 'manager'] } },
      schema: { operationId: 'listSurveyQuestionBank', summary: 'The question bank: the five need dimensions with their drivers, eNPS, engagement outcomes', tags: ['surveys'], response: { 200: z.object({ questions: z.array(surveyQuestionSchema) }) } },
    },
    async () => ({ questions: [...QUESTION_BANK] }),
  );
}
