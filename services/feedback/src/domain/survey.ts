import type { Command, Decider } from '@ejp/command-kit';
import {
  type AnonymityMode,
  bankQuestion,
  DEFAULT_MIN_GROUP_SIZE,
  isoDay,
  type JourneyStage,
  type Segment,
  type SurveyAudience,
  type SurveyEvent,
  type SurveyKind,
  type SurveyQuestion,
  SURVEY_TENURE_BANDS,
} from '@ejp/contracts';
import { FeedbackError } from './errors.ts';

/**
 * The survey decider (`survey-<surveyId>`): draft, schedule, launch to an
 * audience, remind, close, and the audited minimum group size. Responses are
 * not here: each is alone in its own stream (response.ts), so a burst of
 * answers never contends for this stream's revision.
 */

/** A question as the caller gives it: an id from the bank, or a custom question. */
export type QuestionInput = { bankId: string } | SurveyQuestion;

/** One employee of the roster HR launches with; `token` is their response token under this survey's secret. */
export interface Invitee {
  employeeId: string;
  token: string;
  department: string;
  level: string;
  location: string;
  hiredOn: string;
  stage: JourneyStage;
}

export type CreateSurvey = Command<
  'CreateSurvey',
  {
    surveyId: string;
    title: string;
    kind: SurveyKind;
    anonymity?: AnonymityMode | undefined;
    questions: QuestionInput[];
    audience: SurveyAudience;
    minGroupSize?: number | undefined;
    previousSurveyId?: string | undefined;
  }
>;
export type ScheduleSurvey = Command<'ScheduleSurvey', { surveyId: string; opensOn: string; closesOn: string }>;
export type LaunchSurvey = Command<'LaunchSurvey', { surveyId: string; roster: Invitee[] }>;
export type RemindSurvey = Command<'RemindSurvey', { surveyId: string }>;
export type CloseSurvey = Command<'CloseSurvey', { surveyId: string }>;
export type ChangeMinGroupSize = Command<'ChangeMinGroupSize', { surveyId: string; to: number; reason: string; changedBy: string }>;
export type SurveyCommand = CreateSurvey | ScheduleSurvey | LaunchSurvey | RemindSurvey | CloseSurvey | ChangeMinGroupSize;

export type SurveyStatus = 'none' | 'draft' | 'scheduled' | 'open' | 'closed';

export interface SurveyState {
  status: SurveyStatus;
  title: string;
  kind: SurveyKind | undefined;
  anonymity: AnonymityMode;
  questions: SurveyQuestion[];
  audience: SurveyAudience | undefined;
  minGroupSize: number;
  previousSurveyId: string | undefined;
  closesOn: string | undefined;
  closedOn: string | undefined;
  invited: string[];
  /** Frozen at launch, by response token. */
  segments: Map<string, Segment>;
}

const initialState = (): SurveyState => ({
  status: 'none',
  title: '',
  kind: undefined,
  anonymity: 'anonymous',
  questions: [],
  audience: undefined,
  minGroupSize: DEFAULT_MIN_GROUP_SIZE,
  previousSurveyId: undefined,
  closesOn: undefined,
  closedOn: undefined,
  invited: [],
  segments: new Map(),
});

/** Anonymous by default for pulse and engagement surveys; onboarding check-in surveys are confidential, exit interviews attributed. */
export const DEFAULT_ANONYMITY: Record<SurveyKind, AnonymityMode> = {
  pulse: 'anonymous',
  engagement: 'anonymous',
  onboarding: 'confidential',
  exit: 'attributed',
};

function evolve(state: SurveyState, event: SurveyEvent): SurveyState {
  switch (event.type) {
    case 'feedback.survey.created': {
      const { surveyId: _, ...data } = event.data;
      return { ...state, ...data, status: 'draft', previousSurveyId: data.previousSurveyId };
    }
    case 'feedback.survey.scheduled':
      return { ...state, status: 'scheduled', closesOn: event.data.closesOn };
    case 'feedback.survey.launched':
      return {
        ...state,
        status: 'open',
        invited: event.data.invited,
        segments: new Map(event.data.audience.map((entry) => [entry.token, entry.segment])),
      };
    case 'feedback.survey.reminded':
      return state;
    case 'feedback.survey.closed':
      return { ...state, status: 'closed', closedOn: event.data.closedOn };
    case 'feedback.survey.min-group-size-changed':
      return { ...state, minGroupSize: event.data.to };
  }
}

function decide(command: SurveyCommand, state: SurveyState): SurveyEvent[] {
  const { surveyId } = command.data;
  const today = isoDay(command.metadata.now);
  if (command.type === 'CreateSurvey') {
    if (state.status !== 'none') throw new FeedbackError('EJP_SURVEY_EXISTS', `Survey ${surveyId} exists.`);
    const { anonymity, minGroupSize, previousSurveyId, questions, ...rest } = command.data;
    return [
      {
        type: 'feedback.survey.created',
        data: {
          ...rest,
          anonymity: anonymity ?? DEFAULT_ANONYMITY[rest.kind],
          questions: questions.map(resolveQuestion),
          minGroupSize: minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
          ...(previousSurveyId ? { previousSurveyId } : {}),
        },
      },
    ];
  }
  if (state.status === 'none') throw new FeedbackError('EJP_SURVEY_NOT_FOUND', `No survey ${surveyId} was created.`);
  switch (command.type) {
    case 'ScheduleSurvey': {
      requireNotLaunched(state, surveyId);
      if (command.data.opensOn < today) throw new FeedbackError('EJP_SCHEDULE_IN_PAST', `The survey cannot open on ${command.data.opensOn}, before today (${today}).`);
      return [{ type: 'feedback.survey.scheduled', data: { opensOn: command.data.opensOn, closesOn: command.data.closesOn } }];
    }
    case 'LaunchSurvey': {
      requireNotLaunched(state, surveyId);
      const invitees = command.data.roster.filter((invitee) => inAudience(state.audience!, invitee));
      if (invitees.length === 0) throw new FeedbackError('EJP_EMPTY_AUDIENCE', `Nobody in the roster is in the survey's audience.`);
      const audience = invitees
        .map((invitee) => ({ token: invitee.token, segment: segmentOf(invitee, today) }))
        .sort((a, b) => (a.token < b.token ? -1 : 1));
      return [{ type: 'feedback.survey.launched', data: { launchedOn: today, invited: invitees.map((i) => i.employeeId).sort(), audience } }];
    }
    case 'RemindSurvey':
      requireOpen(state, surveyId);
      return [{ type: 'feedback.survey.reminded', data: { remindedOn: today } }];
    case 'CloseSurvey':
      // Closing a closed survey changes nothing.
      if (state.status === 'closed') return [];
      requireOpen(state, surveyId);
      return [{ type: 'feedback.survey.closed', data: { closedOn: today } }];
    case 'ChangeMinGroupSize': {
      const { to, reason, changedBy } = command.data;
      if (to === state.minGroupSize) return [];
      return [{ type: 'feedback.survey.min-group-size-changed', data: { from: state.minGroupSize, to, reason, changedBy } }];
    }
  }
}

function resolveQuestion(input: QuestionInput, index: number): SurveyQuestion {
  if (!('bankId' in input)) return input;
  const question = bankQuestion(input.bankId);
  if (!question) throw new FeedbackError('EJP_UNKNOWN_BANK_QUESTION', `The question bank has no question ${input.bankId}.`, { path: `body.questions.${index}.bankId` });
  return question;
}

function requireNotLaunched(state: SurveyState, surveyId: string): void {
  if (state.status === 'open' || state.status === 'closed') throw new FeedbackError('EJP_SURVEY_ALREADY_LAUNCHED', `Survey ${surveyId} was launched already.`);
}

function requireOpen(state: SurveyState, surveyId: string): void {
  if (state.status === 'closed') throw new FeedbackError('EJP_SURVEY_CLOSED', `Survey ${surveyId} is closed.`);
  if (state.status !== 'open') throw new FeedbackError('EJP_SURVEY_NOT_OPEN', `Survey ${surveyId} has not been launched.`);
}

function inAudience(audience: SurveyAudience, invitee: Invitee): boolean {
  switch (audience.kind) {
    case 'everyone':
      return invitee.stage !== 'alumni' && invitee.stage !== 'pre-boarding';
    case 'departments':
      return audience.departments.includes(invitee.department);
    case 'stages':
      return audience.stages.includes(invitee.stage);
  }
}

/** The invitee's segment attributes as of the launch day: frozen from then on. */
export function segmentOf(invitee: Omit<Invitee, 'employeeId' | 'token'>, today: string): Segment {
  return { department: invitee.department, level: invitee.level, location: invitee.location, tenureBand: tenureBandOf(invitee.hiredOn, today), stage: invitee.stage };
}

export function tenureBandOf(hiredOn: string, today: string): Segment['tenureBand'] {
  const years = (Date.parse(today) - Date.parse(hiredOn)) / (365.25 * 86_400_000);
  const [under1, oneToThree, threeToFive, fivePlus] = SURVEY_TENURE_BANDS;
  if (years < 1) return under1;
  if (years < 3) return oneToThree;
  if (years < 5) return threeToFive;
  return fivePlus;
}

export const surveyDecider: Decider<SurveyCommand, SurveyState, SurveyEvent> = { initialState, evolve, decide };
