import { deciderSpec } from '@ejp/command-kit/testing';
import { bankQuestion, type SurveyResponseEvent } from '@ejp/contracts';
import { describe, expect, it } from 'vitest';
import { responseDecider, type SubmitResponse, type SurveyFacts } from './response.ts';

const spec = deciderSpec(responseDecider);
const surveyId = '6d1f0a3c-2b4e-4c8d-9e7f-1a2b3c4d5e6f';
const respondentId = '5b0c4a5e-0d7c-4c43-9a4e-2f3c1d9b8a71';
const segment = { department: 'engineering', level: 'senior', location: 'oslo', tenureBand: '1-3y', stage: 'in-role' } as const;
const questions = [bankQuestion('work_challenge')!, bankQuestion('enps')!, bankQuestion('comment')!];
const open: SurveyFacts = { status: 'open', anonymity: 'anonymous', questions, segment };
const submit = (answers: SubmitResponse['data']['answers'], survey: SurveyFacts = open): SubmitResponse => ({
  type: 'SubmitResponse',
  data: { surveyId, token: 'a'.repeat(64), answers, survey, respondentId },
  metadata: { now: new Date('2025-03-04T00:00:00Z') },
});
const answers = [{ questionId: 'enps', value: 9 }, { questionId: 'work_challenge', value: 4 }];
const submitted: SurveyResponseEvent = {
  type: 'feedback.response.submitted',
  data: { surveyId, submittedOn: '2025-03-04', segment, answers: [{ questionId: 'work_challenge', value: 4 }, { questionId: 'enps', value: 9 }] },
};

describe('the response decider', () => {
  it('records an anonymous response in question order, without the respondent', () => {
    spec.given([]).when(submit(answers)).then([submitted]);
  });

  it('names the respondent only in confidential and attributed surveys', () => {
    spec.given([]).when(submit(answers, { ...open, anonymity: 'confidential' })).then([{ ...submitted, data: { ...submitted.data, respondentId } }]);
  });

  it('takes one response per token', () => {
    spec.given([submitted]).when(submit(answers)).thenThrows('EJP_ALREADY_RESPONDED');
  });

  it('refuses a survey that is not open and a token outside the audience', () => {
    spec.given([]).when(submit(answers, { ...open, status: 'draft' })).thenThrows('EJP_SURVEY_NOT_OPEN');
    spec.given([]).when(submit(answers, { ...open, status: 'closed' })).thenThrows('EJP_SURVEY_CLOSED');
    spec.given([]).when(submit(answers, { ...open, segment: undefined })).thenThrows('EJP_NOT_INVITED');
  });

  it.each([
    ['an unknown question', [...answers, { questionId: 'nope', value: 1 }], 'nope', 'body.answers.2.questionId'],
    ['agreement out of 1-5', [{ questionId: 'enps', value: 9 }, { questionId: 'work_challenge', value: 0 }], 'work_challenge', 'body.answers.1.value'],
    ['text on a scale question', [{ questionId: 'enps', text: 'nine' }, { questionId: 'work_challenge', value: 4 }], 'enps', 'body.answers.0.value'],
    ['a value on free text', [...answers, { questionId: 'comment', value: 3 }], 'comment', 'body.answers.2.text'],
    ['a question answered twice', [...answers, { questionId: 'enps', value: 3 }], 'enps', 'body.answers.2.questionId'],
    ['a scale question left out', [{ questionId: 'enps', value: 9 }], 'work_challenge', 'body.answers'],
  ])('refuses %s, naming the question and field', (_, given, questionId, path) => {
    expect(() => responseDecider.decide(submit(given as SubmitResponse['data']['answers']), responseDecider.initialState())).toThrow(
      expect.objectContaining({ code: 'EJP_INVALID_ANSWER', extensions: { questionId, errors: [expect.objectContaining({ path })] } }) as Error,
    );
  });
});
