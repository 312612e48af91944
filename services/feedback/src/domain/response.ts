import type { Command, Decider } from '@ejp/command-kit';
import { type AnonymityMode, type Answer, isoDay, type Segment, type SurveyQuestion, type SurveyResponseEvent } from '@ejp/contracts';
import { FeedbackError } from './errors.ts';
import type { SurveyStatus } from './survey.ts';

/**
 * The response decider (`surveyresponse-<surveyId>.<token>`): one response
 * per token, so the store's own guard on the stream's revision makes "once
 * per employee" hold under concurrent submissions and retries. What it
 * needs of the survey (open? the questions, the respondent's frozen
 * segment) is read by the route before deciding and passed in the command.
 */

export interface SurveyFacts {
  status: SurveyStatus;
  anonymity: AnonymityMode;
  questions: SurveyQuestion[];
  /** The respondent's segment frozen at launch; undefined when their token is not in the audience. */
  segment: Segment | undefined;
}

export type SubmitResponse = Command<
  'SubmitResponse',
  { surveyId: string; token: string; answers: Answer[]; survey: SurveyFacts; /** Kept only for confidential and attributed surveys. */ respondentId: string }
>;

export interface ResponseState {
  submitted: boolean;
}

function decide(command: SubmitResponse, state: ResponseState): SurveyResponseEvent[] {
  const { surveyId, survey, respondentId } = command.data;
  if (survey.status === 'closed') throw new FeedbackError('EJP_SURVEY_CLOSED', `Survey ${surveyId} is closed.`);
  if (survey.status !== 'open') throw new FeedbackError('EJP_SURVEY_NOT_OPEN', `Survey ${surveyId} is not open for responses.`);
  if (!survey.segment) throw new FeedbackError('EJP_NOT_INVITED', `You are not in the audience of survey ${surveyId}.`);
  if (state.submitted) throw new FeedbackError('EJP_ALREADY_RESPONDED', `You have responded to survey ${surveyId} already.`);
  const answers = checkedAnswers(survey.questions, command.data.answers);
  return [
    {
      type: 'feedback.response.submitted',
      data: {
        surveyId,
        submittedOn: isoDay(command.metadata.now),
        segment: survey.segment,
        answers,
        ...(survey.anonymity === 'anonymous' ? {} : { respondentId }),
      },
    },
  ];
}

/**
 * The answers in question order, each checked against its question: a
 * value on the question's scale, text only for free-text questions, every
 * scale question answered once (free text is optional). A bad one is a 400
 * naming the question and the field.
 */
function checkedAnswers(questions: readonly SurveyQuestion[], answers: readonly Answer[]): Answer[] {
  const byId = new Map<string, { answer: Answer; index: number }>();
  answers.forEach((answer, index) => {
    const question = questions.find((q) => q.questionId === answer.questionId);
    const invalid = (why: string, field = 'questionId') => invalidAnswer(answer.questionId, `body.answers.${index}.${field}`, why);
    if (!question) throw invalid('the survey has no such question');
    if (byId.has(answer.questionId)) throw invalid('answered twice');
    if (question.scale === 'free-text') {
      if (!('text' in answer)) throw invalid('a free-text question takes text', 'text');
    } else if (!('value' in answer)) {
      throw invalid('a scale question takes a value', 'value');
    } else if (question.scale === 'agreement-5' && (answer.value < 1 || answer.value > 5)) {
      throw invalid('agreement is 1 to 5', 'value');
    }
    byId.set(answer.questionId, { answer, index });
  });
  for (const question of questions) {
    if (question.scale !== 'free-text' && !byId.has(question.questionId)) {
      throw invalidAnswer(question.questionId, 'body.answers', 'every scale question must be answered');
    }
  }
  return questions.flatMap((q) => {
    const found = byId.get(q.questionId);
    return found ? [found.answer] : [];
  });
}

function invalidAnswer(questionId: string, path: string, why: string): FeedbackError {
  return new FeedbackError('EJP_INVALID_ANSWER', `Question ${questionId}: ${why}.`, { questionId, errors: [{ path, message: why }] });
}

export const responseDecider: Decider<SubmitResponse, ResponseState, SurveyResponseEvent> = {
  initialState: () => ({ submitted: false }),
  evolve: () => ({ submitted: true }),
  decide,
};
