import { commandRoute, createCommandHandler, catalogueCodec, registerCommandRoutes } from '@ejp/command-kit';
import {
  answerSchema,
  DEFAULT_MIN_GROUP_SIZE,
  ANONYMITY_MODES,
  JOURNEY_STAGES,
  minGroupSize,
  SURVEY_KINDS,
  segmentValue,
  surveyAudienceSchema,
  surveyQuestionSchema,
  surveyResponseEvents,
  surveyResponseStream,
  MAX_QUESTIONS,
} from '@ejp/contracts';
import type { EventStore, KeyStore } from '@ejp/eventstore';
import { defineErrors, type ErrorDefinition, problemResponse, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { FeedbackError, type FeedbackErrorCode } from './domain/errors.ts';
import { responseDecider, type SubmitResponse } from './domain/response.ts';
import type { SurveyCommand } from './domain/survey.ts';
import { launchData, responseTokenOf, secretSubjectOf, surveyCommandHandler, surveyStates } from './survey-round.ts';

const domainErrors: Record<FeedbackErrorCode, ErrorDefinition> = {
  EJP_SURVEY_EXISTS: { status: 409, title: 'The survey exists' },
  EJP_SURVEY_NOT_FOUND: { status: 404, title: 'No such survey' },
  EJP_UNKNOWN_BANK_QUESTION: { status: 400, title: 'No such question in the bank' },
  EJP_SURVEY_ALREADY_LAUNCHED: { status: 409, title: 'The survey was launched already' },
  EJP_SURVEY_NOT_OPEN: { status: 409, title: 'The survey is not open' },
  EJP_SURVEY_CLOSED: { status: 409, title: 'The survey is closed' },
  EJP_SCHEDULE_IN_PAST: { status: 422, title: 'A survey cannot open in the past' },
  EJP_EMPTY_AUDIENCE: { status: 422, title: 'Nobody is in the audience' },
  EJP_NOT_INVITED: { status: 403, title: 'You are not in the survey audience' },
  EJP_ALREADY_RESPONDED: { status: 409, title: 'You have responded already' },
  EJP_INVALID_ANSWER: { status: 400, title: 'An answer does not fit its question' },
  EJP_SUGGESTION_EXISTS: { status: 409, title: 'The suggestion exists' },
  EJP_SUGGESTION_NOT_FOUND: { status: 404, title: 'No such suggestion' },
  EJP_SUGGESTION_NOT_OVERDUE: { status: 409, title: 'The suggestion is not overdue' },
  EJP_NOT_SUGGESTION_SUBMITTER: { status: 403, title: 'Only the submitter or leadership replies' },
  EJP_CHECK_IN_EXISTS: { status: 409, title: 'The check-in is recorded already' },
};
export const FeedbackErrors = defineErrors(domainErrors);

export const SurveyParams = z.object({ surveyId: z.uuid() });
export const SURVEYS_TAG = 'Need surveys: draft, schedule, launch, remind, close, minimum group size, results';
const HR = ['hr', 'admin'] as const;

const CreateSurveyBody = z.object({
  surveyId: z.uuid(),
  title: z.string().trim().min(1).max(200),
  kind: z.enum(SURVEY_KINDS),
  anonymity: z.enum(ANONYMITY_MODES).optional().describe('Default: anonymous for pulse and engagement, confidential for onboarding, attributed for exit.'),
  questions: z.array(z.union([z.object({ bankId: z.string().min(1).max(60) }), surveyQuestionSchema])).min(1).max(MAX_QUESTIONS),
  audience: surveyAudienceSchema,
  minGroupSize: minGroupSize.optional(),
  previousSurveyId: z.uuid().optional(),
});
const RosterEntry = z.object({
  employeeId: z.uuid(),
  department: segmentValue,
  level: segmentValue,
  location: segmentValue,
  hiredOn: z.iso.date(),
  stage: z.enum(JOURNEY_STAGES),
});
const LaunchBody = z.object({ roster: z.array(RosterEntry).min(1).max(5_000).describe('Everyone who may be in the audience, with their attributes as of today (frozen at launch).') });

const route = commandRoute<SurveyCommand>();
/** Who may change what a survey is: HR; the reasons and thresholds are audited in the survey's events. */
export function surveyCommandRoutes(secrets: KeyStore, defaultMinGroupSize: number) {
  return [
    route({
      method: 'POST', url: '/surveys', operationId: 'createSurvey', access: { roles: HR }, status: 201,
      summary: 'Draft a survey from the question bank and custom questions', body: CreateSurveyBody,
      toCommand: ({ body }) => ({ type: 'CreateSurvey', data: { ...body, minGroupSize: body.minGroupSize ?? defaultMinGroupSize } }),
      location: ({ body }) => `/surveys/${body.surveyId}`,
    }),
    route({
      method: 'POST', url: '/surveys/:surveyId/schedule', operationId: 'scheduleSurvey', access: { roles: HR }, status: 200,
      summary: 'Schedule when the survey opens and closes', params: SurveyParams,
      body: z.object({ opensOn: z.iso.date(), closesOn: z.iso.date() }).refine((b) => b.opensOn <= b.closesOn, { path: ['closesOn'], message: 'closesOn must not be before opensOn' }),
      toCommand: ({ params, body }) => ({ type: 'ScheduleSurvey', data: { ...params, ...body } }),
    }),
    route({
      method: 'POST', url: '/surveys/:surveyId/launch', operationId: 'launchSurvey', access: { roles: HR }, status: 200,
      summary: 'Open the survey to its audience; segment attributes are frozen under response tokens', params: SurveyParams, body: LaunchBody,
      toCommand: async ({ params, body }) => ({ type: 'LaunchSurvey', data: await launchData(secrets, params.surveyId, body.roster) }),
    }),
    route({
      method: 'POST', url: '/surveys/:surveyId/reminders', operationId: 'remindSurvey', access: { roles: HR }, status: 200,
      summary: 'Remind the whole audience (never only those who have not answered: that would tell who has)', params: SurveyParams,
      toCommand: ({ params }) => ({ type: 'RemindSurvey', data: params }),
    }),
    route({
      method: 'POST', url: '/surveys/:surveyId/close', operationId: 'closeSurvey', access: { roles: HR }, status: 200,
      summary: 'Close the survey: no more responses; completion markers follow and the survey secret is destroyed', params: SurveyParams,
      toCommand: ({ params }) => ({ type: 'CloseSurvey', data: params }),
    }),
    route({
      method: 'PUT', url: '/surveys/:surveyId/min-group-size', operationId: 'changeSurveyMinGroupSize', access: { roles: HR }, status: 200,
      summary: 'Change the minimum group size of the results (never below 3); audited with who, when, old and new value and why', params: SurveyParams,
      body: z.object({ minGroupSize, reason: z.string().trim().min(1).max(500) }),
      toCommand: ({ params, body }, { user }) => ({ type: 'ChangeMinGroupSize', data: { ...params, to: body.minGroupSize, reason: body.reason, changedBy: user.subject } }),
    }),
  ];
}

const respond = commandRoute<SubmitResponse>();
export function responseRoutes(secrets: KeyStore, surveyState: ReturnType<typeof surveyStates>) {
  // The secret of an open survey, kept in memory while the survey is open (one key-store read per survey,
  // not per response); dropped as soon as this process sees the survey in any other state.
  const openSecrets = new Map<string, Buffer>();
  async function openSurveySecret(surveyId: string, status: string): Promise<Buffer> {
    const cached = openSecrets.get(surveyId);
    if (status !== 'open') openSecrets.delete(surveyId);
    else if (cached) return cached;
    const secret = await secrets.findKey(secretSubjectOf(surveyId));
    if (secret.state !== 'active') throw new FeedbackError(secret.state === 'erased' ? 'EJP_SURVEY_CLOSED' : 'EJP_SURVEY_NOT_OPEN', `Survey ${surveyId} takes no responses.`);
    if (status === 'open') openSecrets.set(surveyId, secret.key);
    return secret.key;
  }
  return [
    respond({
      method: 'POST', url: '/surveys/:surveyId/responses', operationId: 'respondToSurvey', access: { roles: ['employee', 'manager', 'hr'] }, status: 201,
      summary: 'Respond, once; an anonymous survey keeps no link from the response to you',
      description: 'The response is stored under a token only this survey’s secret can compute, timed to the day, with no actor or request id. A second response is 409; a retry with the same Idempotency-Key answers the first.',
      params: SurveyParams, body: z.object({ answers: z.array(answerSchema).min(1).max(MAX_QUESTIONS) }),
      anonymous: true,
      toCommand: async ({ params, body }, { user }) => {
        const survey = await surveyState(params.surveyId);
        if (survey.status === 'none') throw new FeedbackError('EJP_SURVEY_NOT_FOUND', `No survey ${params.surveyId}.`);
        const secret = await openSurveySecret(params.surveyId, survey.status);
        const token = responseTokenOf(secret, user.subject);
        return {
          type: 'SubmitResponse',
          data: {
            ...params,
            token,
            answers: body.answers,
            respondentId: user.subject,
            survey: { status: survey.status, anonymity: survey.anonymity, questions: survey.questions, segment: survey.segments.get(token) },
          },
        };
      },
    }),
  ];
}


export interface FeedbackRoutesOptions {
  store: EventStore;
  /** The survey secrets: a key store of its own, apart from the events and from the employees' keys. */
  secrets: KeyStore;
  /** The minimum group size of a survey that names none (SURVEY_MIN_GROUP_SIZE, default 5, never below 3). */
  minGroupSize?: number;
  clock?: () => Date;
}

const problems = {
  400: problemResponse('A field or an answer does not fit (the problem names the question and the field)'),
  403: problemResponse('Not allowed, or not in the survey audience'),
  404: problemResponse('No such survey'),
  409: problemResponse('The survey is not open, was launched, is closed, or you have responded already'),
  422: problemResponse('A schedule in the past, an empty audience, or a reused Idempotency-Key'),
};

export function registerFeedbackRoutes(app: ServiceApp, options: FeedbackRoutesOptions): void {
  const clock = options.clock ? { clock: options.clock } : {};
  const surveys = surveyCommandHandler(options.store);
  registerCommandRoutes(app, {
    handler: surveys,
    routes: surveyCommandRoutes(options.secrets, options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE),
    tags: { surveys: SURVEYS_TAG },
    problems,
    ...clock,
    result: { shape: { surveyId: z.uuid() }, of: (command) => ({ surveyId: command.data.surveyId }) },
  });
  const responses = createCommandHandler({
    store: options.store,
    decider: responseDecider,
    codec: catalogueCodec(surveyResponseEvents),
    streamOf: (c: SubmitResponse) => surveyResponseStream(c.data.surveyId, c.data.token),
    // A response's stream must not exist yet: appended with no-stream at once, loaded only when it does (a second response, a retry).
    createsStream: () => true,
  });
  registerCommandRoutes(app, {
    handler: responses,
    routes: responseRoutes(options.secrets, surveyStates(responses.events)),
    tags: { 'survey-responses': 'Respond to a survey, anonymously by construction' },
    problems,
    ...clock,
    // The body names the survey only: neither the token nor the stream.
    result: { shape: { surveyId: z.uuid() }, of: (command) => ({ surveyId: command.data.surveyId }) },
  });
}
