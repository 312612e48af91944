import { deciderSpec } from '@ejp/command-kit/testing';
import { describe, it } from 'vitest';
import { type CalendarEvent, type CalendarFact, type CheckCalendar, onboardingSurveyIdOf, surveyCalendar } from './survey-calendar.ts';

const spec = deciderSpec(surveyCalendar);
const ada = '00000000-0000-4000-8000-0000000000ad';
const survey = '6d1f0a3c-2b4e-4c8d-9e7f-1a2b3c4d5e6f';
const on = (day: string): CheckCalendar => ({ type: 'CheckCalendar', data: {}, metadata: { now: new Date(`${day}T06:00:00Z`) } });

const hired: CalendarFact = {
  type: 'journey.employee.hired',
  subject: ada,
  data: { employeeId: ada, department: 'engineering', level: 'junior', location: 'oslo', startDate: '2026-01-05', role: 'developer', managerId: null },
};
const departed: CalendarFact = { type: 'journey.employee.departed', subject: ada, data: { kind: 'resignation', voluntary: true, lastDay: '2026-01-20', departedOn: '2026-01-20' } };
const day30 = onboardingSurveyIdOf(ada, 1, 30);
const day90 = onboardingSurveyIdOf(ada, 1, 90);
const invitee = (stage: string) => ({ employeeId: ada, department: 'engineering', level: 'junior', location: 'oslo', hiredOn: '2026-01-05', stage });
const onboardingDue = (surveyId: string, milestone: 30 | 90, opensOn: string, closesOn: string, stage = 'onboarding'): CalendarEvent =>
  ({ type: 'calendar.onboarding-survey-due', data: { surveyId, milestone, opensOn, closesOn, invitee: invitee(stage) } }) as CalendarEvent;

const created = (kind = 'pulse'): CalendarFact => ({ type: 'feedback.survey.created', subject: survey, data: { kind } });
const scheduled: CalendarFact = { type: 'feedback.survey.scheduled', subject: survey, data: { opensOn: '2026-03-02', closesOn: '2026-03-13' } };
const launched: CalendarFact = { type: 'feedback.survey.launched', subject: survey, data: {} };
const closed: CalendarFact = { type: 'feedback.survey.closed', subject: survey, data: {} };

describe('survey calendar: onboarding surveys at day 30 and day 90', () => {
  it('is due nothing before day 30', () => spec.given([hired]).when(on('2026-02-03')).then([]));
  it('launches the day-30 survey on day 30, open for 14 days', () =>
    spec.given([hired]).when(on('2026-02-04')).then([onboardingDue(day30, 30, '2026-02-04', '2026-02-18')]));
  it('launches once: after it was issued (or its launch was seen) it is not due again', () => {
    spec.given([hired, onboardingDue(day30, 30, '2026-02-04', '2026-02-18')]).when(on('2026-02-05')).then([]);
    spec.given([hired, { type: 'feedback.survey.created', subject: day30, data: { kind: 'onboarding' } }, { type: 'feedback.survey.launched', subject: day30, data: {} }]).when(on('2026-02-05')).then([]);
  });
  it('is due again when its survey was created but not launched (a crash between the steps)', () => {
    spec.given([hired, { type: 'feedback.survey.created', subject: day30, data: { kind: 'onboarding' } }]).when(on('2026-02-05')).then([onboardingDue(day30, 30, '2026-02-05', '2026-02-19')]);
  });
  it('still launches a few days late (the process was down), not past the late limit', () => {
    spec.given([hired]).when(on('2026-02-18')).then([onboardingDue(day30, 30, '2026-02-18', '2026-03-04')]);
    spec.given([hired]).when(on('2026-02-19')).then([]);
  });
  it('closes the day-30 survey after its 14 days, and launches the day-90 survey on day 90', () =>
    spec
      .given([hired, onboardingDue(day30, 30, '2026-02-04', '2026-02-18')])
      .when(on('2026-04-05'))
      .then([onboardingDue(day90, 90, '2026-04-05', '2026-04-19'), { type: 'calendar.survey-closing-due', data: { surveyId: day30 } }]));
  it('gives a departed employee no survey', () => spec.given([hired, departed]).when(on('2026-02-04')).then([]));
  it('forgets an erased employee: no survey, and a hire delivered again does not revive the plan', () => {
    const erased: CalendarFact = { type: 'journey.employee.erased', subject: ada, data: { reason: 'employee-request' } };
    spec.given([hired, erased]).when(on('2026-02-04')).then([]);
    spec.given([hired, erased, hired]).when(on('2026-02-04')).then([]);
  });
  it('follows a changed start date', () =>
    spec
      .given([hired, { type: 'journey.employee.start-date-changed', subject: ada, data: { from: '2026-01-05', to: '2026-01-12' } }])
      .when(on('2026-02-04'))
      .then([]));
  it('surveys a rehire again, under new survey ids', () => {
    const rehired: CalendarFact = { type: 'journey.employee.rehired', subject: ada, data: { department: 'sales', level: 'senior', location: 'oslo', startDate: '2026-06-01', role: 'seller', managerId: null } };
    const due = { type: 'calendar.onboarding-survey-due', data: { surveyId: onboardingSurveyIdOf(ada, 2, 30), milestone: 30, opensOn: '2026-07-01', closesOn: '2026-07-15', invitee: { ...invitee('onboarding'), department: 'sales', level: 'senior', hiredOn: '2026-06-01' } } } as CalendarEvent;
    spec.given([hired, departed, rehired]).when(on('2026-07-01')).then([due]);
  });
});

describe('survey calendar: scheduled surveys open and close by themselves', () => {
  it('opens a scheduled survey on its first day', () => {
    spec.given([created(), scheduled]).when(on('2026-03-01')).then([]);
    spec.given([created(), scheduled]).when(on('2026-03-02')).then([{ type: 'calendar.survey-opening-due', data: { surveyId: survey } }]);
  });
  it('closes it after its last day, once', () => {
    spec.given([created(), scheduled, launched]).when(on('2026-03-13')).then([]);
    spec.given([created(), scheduled, launched]).when(on('2026-03-14')).then([{ type: 'calendar.survey-closing-due', data: { surveyId: survey } }]);
    spec.given([created(), scheduled, launched, { type: 'calendar.survey-closing-due', data: { surveyId: survey } }]).when(on('2026-03-15')).then([]);
    spec.given([created(), scheduled, launched, closed]).when(on('2026-03-15')).then([]);
  });
  it('opens once, and leaves one launched by hand alone', () => {
    spec.given([created(), scheduled, { type: 'calendar.survey-opening-due', data: { surveyId: survey } }]).when(on('2026-03-03')).then([]);
    spec.given([created(), launched]).when(on('2026-03-03')).then([]);
  });
  it('does not open a survey whose whole window passed', () => spec.given([created(), scheduled]).when(on('2026-03-14')).then([]));
  it('never opens an onboarding survey to everyone: those go to their one hire', () => spec.given([created('onboarding'), scheduled]).when(on('2026-03-02')).then([]));
});
