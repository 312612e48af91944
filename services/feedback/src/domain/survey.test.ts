import { deciderSpec } from '@ejp/command-kit/testing';
import { bankQuestion, type SurveyEvent } from '@ejp/contracts';
import { describe, expect, it } from 'vitest';
import type { FeedbackError } from './errors.ts';
import { type Invitee, type SurveyCommand, surveyDecider, tenureBandOf } from './survey.ts';

const spec = deciderSpec(surveyDecider);
const surveyId = '6d1f0a3c-2b4e-4c8d-9e7f-1a2b3c4d5e6f';
const now = new Date('2025-03-03T09:30:00Z');
const at = <T extends SurveyCommand['type']>(type: T, data: Omit<Extract<SurveyCommand, { type: T }>['data'], 'surveyId'>, when = now) =>
  ({ type, data: { surveyId, ...data }, metadata: { now: when } }) as SurveyCommand;

const enps = bankQuestion('enps')!;
const challenge = bankQuestion('work_challenge')!;
const created: SurveyEvent = {
  type: 'feedback.survey.created',
  data: { surveyId, title: 'March pulse', kind: 'pulse', audience: { kind: 'departments', departments: ['engineering'] }, anonymity: 'anonymous', questions: [challenge, enps], minGroupSize: 5 },
};
const invitee = (n: number, department = 'engineering'): Invitee => ({
  employeeId: `00000000-0000-4000-8000-00000000000${n}`,
  token: String(n).repeat(64),
  department,
  level: 'senior',
  location: 'oslo',
  hiredOn: '2023-01-10',
  stage: 'in-role',
});
const segment = { department: 'engineering', level: 'senior', location: 'oslo', tenureBand: '1-3y', stage: 'in-role' } as const;
const launched: SurveyEvent = {
  type: 'feedback.survey.launched',
  data: { launchedOn: '2025-03-03', invited: [invitee(1).employeeId, invitee(2).employeeId], audience: [{ token: invitee(1).token, segment }, { token: invitee(2).token, segment }] },
};

describe('the survey decider', () => {
  it('drafts a pulse from the bank, anonymous and with a minimum group of 5 by default', () => {
    spec
      .given([])
      .when(at('CreateSurvey', { title: 'March pulse', kind: 'pulse', audience: { kind: 'departments', departments: ['engineering'] }, questions: [{ bankId: 'work_challenge' }, { bankId: 'enps' }] }))
      .then([created]);
  });

  it('defaults exit interviews to attributed and onboarding surveys to confidential', () => {
    for (const [kind, anonymity] of [['exit', 'attributed'], ['onboarding', 'confidential']] as const) {
      const [event] = surveyDecider.decide(at('CreateSurvey', { title: 'x', kind, audience: { kind: 'everyone' }, questions: [{ bankId: 'enps' }] }), surveyDecider.initialState());
      expect(event).toMatchObject({ data: { anonymity } });
    }
  });

  it('names an unknown bank question', () => {
    const command = at('CreateSurvey', { title: 'x', kind: 'pulse', audience: { kind: 'everyone' }, questions: [{ bankId: 'enps' }, { bankId: 'nope' }] });
    expect(() => surveyDecider.decide(command, surveyDecider.initialState())).toThrow(expect.objectContaining({ code: 'EJP_UNKNOWN_BANK_QUESTION', extensions: { path: 'body.questions.1.bankId' } }) as FeedbackError);
  });

  it('launches to the audience only, freezing each invitee’s segment under their token, sorted apart from the ids', () => {
    spec.given([created]).when(at('LaunchSurvey', { roster: [invitee(2), invitee(3, 'sales'), invitee(1)] })).then([launched]);
  });

  it('refuses an empty audience, a second launch, a schedule in the past', () => {
    spec.given([created]).when(at('LaunchSurvey', { roster: [invitee(3, 'sales')] })).thenThrows('EJP_EMPTY_AUDIENCE');
    spec.given([created, launched]).when(at('LaunchSurvey', { roster: [invitee(1)] })).thenThrows('EJP_SURVEY_ALREADY_LAUNCHED');
    spec.given([created]).when(at('ScheduleSurvey', { opensOn: '2025-03-02', closesOn: '2025-03-10' })).thenThrows('EJP_SCHEDULE_IN_PAST');
    spec.given([]).when(at('RemindSurvey', {})).thenThrows('EJP_SURVEY_NOT_FOUND');
  });

  it('schedules, reminds while open, closes once', () => {
    spec.given([created]).when(at('ScheduleSurvey', { opensOn: '2025-03-03', closesOn: '2025-03-14' })).then([{ type: 'feedback.survey.scheduled', data: { opensOn: '2025-03-03', closesOn: '2025-03-14' } }]);
    spec.given([created]).when(at('RemindSurvey', {})).thenThrows('EJP_SURVEY_NOT_OPEN');
    spec.given([created, launched]).when(at('RemindSurvey', {})).then([{ type: 'feedback.survey.reminded', data: { remindedOn: '2025-03-03' } }]);
    const closed: SurveyEvent = { type: 'feedback.survey.closed', data: { closedOn: '2025-03-03' } };
    spec.given([created, launched]).when(at('CloseSurvey', {})).then([closed]);
    spec.given([created, launched, closed]).when(at('CloseSurvey', {})).then([]);
    spec.given([created, launched, closed]).when(at('RemindSurvey', {})).thenThrows('EJP_SURVEY_CLOSED');
  });

  it('audits a change of the minimum group size with the old and new value, and ignores a non-change', () => {
    spec
      .given([created])
      .when(at('ChangeMinGroupSize', { to: 7, reason: 'Small teams', changedBy: 'hr-1' }))
      .then([{ type: 'feedback.survey.min-group-size-changed', data: { from: 5, to: 7, reason: 'Small teams', changedBy: 'hr-1' } }]);
    spec.given([created]).when(at('ChangeMinGroupSize', { to: 5, reason: 'Same', changedBy: 'hr-1' })).then([]);
  });

  it('bands tenure at launch', () => {
    expect(['2025-01-01', '2023-03-03', '2021-03-04', '2010-01-01'].map((hiredOn) => tenureBandOf(hiredOn, '2025-03-03'))).toEqual(['under-1y', '1-3y', '3-5y', '5y-plus']);
  });
});
