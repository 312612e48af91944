// Valid and invalid payloads per feedback event type and version (see
// test/event-modules.ts). Each invalid payload breaks exactly one rule.
import type { SamplesByType } from '../event-modules.ts';

const surveyId = '6d1f0a3c-2b4e-4c8d-9e7f-1a2b3c4d5e6f';
const ada = '5b0c4a5e-0d7c-4c43-9a4e-2f3c1d9b8a71';
const token = 'a'.repeat(64);
const segment = { department: 'engineering', level: 'senior', location: 'oslo', tenureBand: '1-3y', stage: 'in-role' };
const question = { questionId: 'work_challenge', text: 'My work challenges me.', scale: 'agreement-5', measures: 'need', dimension: 'work-itself', driver: 'challenge' };
const created = {
  surveyId,
  title: 'March pulse',
  kind: 'pulse',
  anonymity: 'anonymous',
  questions: [question, { questionId: 'enps', text: 'Recommend us?', scale: 'zero-to-ten', measures: 'enps' }],
  audience: { kind: 'everyone' },
  minGroupSize: 5,
};
const response = { surveyId, submittedOn: '2025-03-04', segment, answers: [{ questionId: 'work_challenge', value: 4 }, { questionId: 'comment', text: 'More focus time' }] };

const suggestion = { suggestionId: surveyId, category: 'tools', text: 'A second monitor for everyone', submittedOn: '2025-03-04', answerDueBy: '2025-03-11', submittedBy: ada };
const { submittedBy: _, ...unnamed } = suggestion;
const anonymousSuggestion = { ...unnamed, followUpTokenHash: token };

export const samples: SamplesByType = {
  'feedback.survey.created': {
    1: {
      valid: [created, { ...created, kind: 'exit', anonymity: 'attributed', audience: { kind: 'stages', stages: ['offboarding'] }, previousSurveyId: surveyId }],
      invalid: [
        { why: 'min group size below 3', data: { ...created, minGroupSize: 2 } },
        { why: 'unknown kind', data: { ...created, kind: 'census' } },
        { why: 'department not a slug', data: { ...created, audience: { kind: 'departments', departments: ['Sales Team'] } } },
      ],
    },
  },
  'feedback.survey.scheduled': {
    1: {
      valid: [{ opensOn: '2025-03-03', closesOn: '2025-03-14' }],
      invalid: [{ why: 'not a day', data: { opensOn: 'soon', closesOn: '2025-03-03' } }],
    },
  },
  'feedback.survey.launched': {
    1: {
      valid: [{ launchedOn: '2025-03-03', invited: [ada], audience: [{ token, segment }] }],
      invalid: [
        { why: 'token not hex', data: { launchedOn: '2025-03-03', invited: [ada], audience: [{ token: 'z'.repeat(64), segment }] } },
      ],
    },
  },
  'feedback.survey.reminded': {
    1: { valid: [{ remindedOn: '2025-03-10' }], invalid: [{ why: 'no such day', data: { remindedOn: '2025-02-30' } }] },
  },
  'feedback.survey.closed': {
    1: { valid: [{ closedOn: '2025-03-14' }], invalid: [{ why: 'a time, not a day', data: { closedOn: '2025-03-14T10:00:00Z' } }] },
  },
  'feedback.survey.min-group-size-changed': {
    1: {
      valid: [{ from: 5, to: 7, reason: 'Small departments', changedBy: ada }],
      invalid: [{ why: 'to below 3', data: { from: 5, to: 2, reason: 'x', changedBy: ada } }],
    },
  },
  'feedback.response.submitted': {
    1: {
      valid: [response, { ...response, respondentId: ada }],
      invalid: [
        { why: 'a time, not a day', data: { ...response, submittedOn: '2025-03-04T09:15:00Z' } },
        { why: 'value above 10', data: { ...response, answers: [{ questionId: 'enps', value: 11 }] } },
        { why: 'unknown tenure band', data: { ...response, segment: { ...segment, tenureBand: 'ages' } } },
      ],
    },
  },
  'journey.feedback.survey-completed': {
    1: {
      valid: [{ surveyId, title: 'March pulse', completedBy: '2025-03-14' }],
      invalid: [{ why: 'no survey id', data: { title: 'March pulse', completedBy: '2025-03-14' } }],
    },
  },
  'feedback.suggestion.submitted': {
    1: {
      valid: [suggestion, { ...anonymousSuggestion }],
      invalid: [
        { why: 'unknown category', data: { ...suggestion, category: 'snacks' } },
        { why: 'empty text', data: { ...suggestion, text: '' } },
      ],
    },
  },
  'feedback.suggestion.acknowledged': {
    1: { valid: [{ acknowledgedBy: ada, acknowledgedOn: '2025-03-05' }], invalid: [{ why: 'no one', data: { acknowledgedBy: '', acknowledgedOn: '2025-03-05' } }] },
  },
  'feedback.suggestion.answered': {
    1: {
      valid: [{ answer: 'planned', text: 'In Q3', answeredBy: ada, answeredOn: '2025-03-06' }],
      invalid: [{ why: 'unknown answer', data: { answer: 'maybe', text: 'x', answeredBy: ada, answeredOn: '2025-03-06' } }],
    },
  },
  'feedback.suggestion.replied': {
    1: { valid: [{ from: 'submitter', text: 'Thanks!', repliedOn: '2025-03-07' }], invalid: [{ why: 'from nobody', data: { from: 'ceo', text: 'x', repliedOn: '2025-03-07' } }] },
  },
  'feedback.suggestion.escalated': {
    1: {
      valid: [{ to: 'experience-committee', answerDueBy: '2025-03-11', escalatedOn: '2025-03-12' }],
      invalid: [{ why: 'to someone else', data: { to: 'ceo', answerDueBy: '2025-03-11', escalatedOn: '2025-03-12' } }],
    },
  },
  'journey.one-to-one.recorded': {
    1: {
      valid: [
        { checkInId: surveyId, managerId: ada, heldOn: '2025-03-04', mood: 4, topics: ['workload', 'career'], notes: 'Wants to lead the next project' },
        { checkInId: surveyId, managerId: ada, heldOn: '2025-03-04', mood: 2, topics: [] },
      ],
      invalid: [
        { why: 'mood 6', data: { checkInId: surveyId, managerId: ada, heldOn: '2025-03-04', mood: 6, topics: [] } },
        { why: 'empty notes', data: { checkInId: surveyId, managerId: ada, heldOn: '2025-03-04', mood: 3, topics: [], notes: '' } },
      ],
    },
  },
};

/** Invalid only by rules JSON Schema cannot express (cross-field refinements). */
export const zodOnlyInvalid: Record<string, Record<string, unknown>> = {
  'feedback.survey.created': { ...created, questions: [{ ...question, driver: 'training' }] },
  'feedback.survey.scheduled': { opensOn: '2025-03-14', closesOn: '2025-03-03' },
  'feedback.suggestion.submitted': { ...suggestion, followUpTokenHash: token },
  'feedback.survey.launched': { launchedOn: '2025-03-03', invited: [ada], audience: [{ token, segment }, { token, segment }] },
};
