import { z } from 'zod';
import { DEFAULT_MIN_GROUP_SIZE, LOWEST_MIN_GROUP_SIZE } from '../anonymity.ts';
import { defineEvent, type EventOf } from '../define-event.ts';
import { personal } from '../personal-data.ts';
import { questionId, surveyQuestionSchema } from '../feedback/question-bank.ts';
import { JOURNEY_STAGES } from '../vocabulary.ts';

/**
 * The feedback slice: need surveys. Where each event lives, and why
 * (see "Anonymity by construction" in ARCHITECTURE.md):
 *
 * - A survey's life (created, scheduled, launched, reminded, closed, its
 *   minimum group size) is in `survey-<surveyId>`: one stream, so the
 *   lifecycle rules hold under concurrency.
 * - Each response is alone in `surveyresponse-<surveyId>.<token>`, where the
 *   token is an HMAC of the respondent's employee id under a per-survey
 *   secret kept in a key store apart from the events and destroyed once the
 *   survey is closed. "One response per employee" is then the store's own
 *   no-stream guard, and after close nobody can compute a token again. The
 *   category has day timestamp precision, the anonymous response carries no
 *   employee id, and its envelope no actor, request or trace id.
 * - That an employee completed a survey is in their `journey-<employeeId>`,
 *   appended when the survey closes, in shuffled order and dated to the close:
 *   never next to the response in the log, never with its time.
 */

const SOURCE = 'feedback';

export const SURVEY_KINDS = ['pulse', 'engagement', 'onboarding', 'exit'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];
export const ANONYMITY_MODES = ['anonymous', 'confidential', 'attributed'] as const;
export type AnonymityMode = (typeof ANONYMITY_MODES)[number];
export const SEGMENT_ATTRIBUTES = ['department', 'level', 'location', 'tenureBand', 'stage'] as const;
export type SegmentAttribute = (typeof SEGMENT_ATTRIBUTES)[number];
export const SURVEY_TENURE_BANDS = ['under-1y', '1-3y', '3-5y', '5y-plus'] as const;
export const MAX_QUESTIONS = 60;
export const MAX_FREE_TEXT = 2_000;

/** A segment value: a slug, so that it is a safe key in read models and query strings. */
export const segmentValue = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens, e.g. customer-success').max(60);
const day = z.iso.date();
const unique = <T>(items: readonly T[]) => new Set(items).size === items.length;

/** The attributes of a respondent, frozen when the survey is launched. */
export const segmentSchema = z.strictObject({
  department: segmentValue,
  level: segmentValue,
  location: segmentValue,
  tenureBand: z.enum(SURVEY_TENURE_BANDS),
  stage: z.enum(JOURNEY_STAGES),
});
export type Segment = z.output<typeof segmentSchema>;

export const surveyAudienceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('everyone') }),
  z.strictObject({ kind: z.literal('departments'), departments: z.array(segmentValue).min(1).max(100).refine(unique, { message: 'departments must be unique' }) }),
  z.strictObject({ kind: z.literal('stages'), stages: z.array(z.enum(JOURNEY_STAGES)).min(1).refine(unique, { message: 'stages must be unique' }) }),
]);
export type SurveyAudience = z.output<typeof surveyAudienceSchema>;

export const minGroupSize = z.int().min(LOWEST_MIN_GROUP_SIZE).max(50);
/** An HMAC-SHA256 of the employee id under the survey's secret, hex. */
export const responseToken = z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits');

export const answerSchema = z.union([
  z.strictObject({ questionId, value: z.int().min(0).max(10) }),
  z.strictObject({ questionId, text: z.string().trim().min(1).max(MAX_FREE_TEXT) }),
]);
export type Answer = z.output<typeof answerSchema>;

// ── survey-<surveyId> ───────────────────────────────────────────────────────

export const SurveyCreated = defineEvent({
  type: 'feedback.survey.created',
  version: 1,
  schema: z.strictObject({
    surveyId: z.uuid(),
    title: z.string().trim().min(1).max(200),
    kind: z.enum(SURVEY_KINDS),
    anonymity: z.enum(ANONYMITY_MODES),
    questions: z
      .array(surveyQuestionSchema)
      .min(1)
      .max(MAX_QUESTIONS)
      .refine((qs) => unique(qs.map((q) => q.questionId)), { message: 'question ids must be unique' }),
    audience: surveyAudienceSchema,
    minGroupSize,
    /** The round this one is compared with ("change against the previous round"). */
    previousSurveyId: z.uuid().optional(),
  }),
  title: 'Survey created',
  description: 'A need survey was drafted: kind, anonymity mode, questions from the bank or custom, audience and minimum group size.',
  source: SOURCE,
});

export const SurveyScheduled = defineEvent({
  type: 'feedback.survey.scheduled',
  version: 1,
  schema: z.strictObject({ opensOn: day, closesOn: day }).refine((d) => d.opensOn <= d.closesOn, { message: 'closesOn must not be before opensOn', path: ['closesOn'] }),
  title: 'Survey scheduled',
  source: SOURCE,
});

export const SurveyLaunched = defineEvent({
  type: 'feedback.survey.launched',
  version: 1,
  schema: z.strictObject({
    launchedOn: day,
    /** Who was invited (sorted): the journeys that get a "completed" marker at close are among them. */
    invited: z.array(z.uuid()).min(1).refine(unique, { message: 'invited employees must be unique' }),
    /**
     * One entry per invited employee, sorted by token: their segment attributes
     * frozen at launch, keyed by their response token, never by their id.
     */
    audience: z.array(z.strictObject({ token: responseToken, segment: segmentSchema })).min(1),
  }).refine((d) => d.invited.length === d.audience.length, { message: 'one audience entry per invited employee', path: ['audience'] }),
  title: 'Survey launched',
  description: 'The survey opened to its audience; the segment attributes of every invitee are frozen under their response token.',
  source: SOURCE,
});

export const SurveyReminded = defineEvent({
  type: 'feedback.survey.reminded',
  version: 1,
  // To everyone invited: reminding only those who have not answered would tell who has.
  schema: z.strictObject({ remindedOn: day }),
  title: 'Survey reminder sent',
  source: SOURCE,
});

export const SurveyClosed = defineEvent({
  type: 'feedback.survey.closed',
  version: 1,
  schema: z.strictObject({ closedOn: day }),
  title: 'Survey closed',
  description: 'No more responses; completion markers follow and the survey secret is destroyed.',
  source: SOURCE,
});

export const MinGroupSizeChanged = defineEvent({
  type: 'feedback.survey.min-group-size-changed',
  version: 1,
  schema: z.strictObject({ from: minGroupSize, to: minGroupSize, reason: z.string().trim().min(1).max(500), changedBy: z.string().min(1).max(200) }),
  title: 'Minimum group size changed',
  description: `Every change of the suppression threshold (default ${DEFAULT_MIN_GROUP_SIZE}, never below ${LOWEST_MIN_GROUP_SIZE}) is audited: who, when, old and new value, why.`,
  source: SOURCE,
});

// ── surveyresponse-<surveyId>.<token> ───────────────────────────────────────

export const SurveyResponseSubmitted = defineEvent({
  type: 'feedback.response.submitted',
  version: 1,
  schema: z.strictObject({
    surveyId: z.uuid(),
    /** The day only: a finer time would line the response up with the respondent's requests. */
    submittedOn: day,
    segment: segmentSchema,
    answers: z.array(answerSchema).min(1).max(MAX_QUESTIONS),
    /** Only for confidential and attributed surveys; an anonymous response never names its respondent. */
    respondentId: z.uuid().optional(),
  }),
  title: 'Survey response submitted',
  source: SOURCE,
});

// ── journey-<employeeId> ────────────────────────────────────────────────────

export const SurveyCompleted = defineEvent({
  type: 'journey.feedback.survey-completed',
  version: 1,
  // That they took part, never what they answered; dated to the close, not to the response.
  schema: z.strictObject({ surveyId: z.uuid(), title: z.string().trim().min(1).max(200), completedBy: day }),
  title: 'Survey completed',
  source: SOURCE,
});

export const surveyEvents = [SurveyCreated, SurveyScheduled, SurveyLaunched, SurveyReminded, SurveyClosed, MinGroupSizeChanged] as const;
export const surveyResponseEvents = [SurveyResponseSubmitted] as const;

export type SurveyEvent = EventOf<(typeof surveyEvents)[number]>;
export type SurveyResponseEvent = EventOf<(typeof surveyResponseEvents)[number]>;

// ── suggestion-<suggestionId> ───────────────────────────────────────────────

export const SUGGESTION_CATEGORIES = ['workplace', 'tools', 'process', 'people', 'benefits', 'other'] as const;
export type SuggestionCategory = (typeof SUGGESTION_CATEGORIES)[number];
export const SUGGESTION_ANSWERS = ['accepted', 'declined', 'planned', 'done'] as const;
export const EXPERIENCE_COMMITTEE = 'experience-committee';
const suggestionText = z.string().trim().min(1).max(MAX_FREE_TEXT);
/** SHA-256 of an anonymous submitter's follow-up token, hex: the token itself is never stored. */
const tokenHash = z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits');

export const SuggestionSubmitted = defineEvent({
  type: 'feedback.suggestion.submitted',
  version: 1,
  schema: z
    .strictObject({
      suggestionId: z.uuid(),
      category: z.enum(SUGGESTION_CATEGORIES),
      text: suggestionText,
      submittedOn: day,
      answerDueBy: day,
      /** A named suggestion's submitter; an anonymous one has the hash of its follow-up token instead. */
      submittedBy: z.string().min(1).max(200).optional(),
      followUpTokenHash: tokenHash.optional(),
    })
    .refine((d) => (d.submittedBy === undefined) !== (d.followUpTokenHash === undefined), { message: 'named (submittedBy) or anonymous (followUpTokenHash), not both', path: ['submittedBy'] }),
  title: 'Suggestion submitted',
  description: 'Every suggestion gets an answer: it is due by answerDueBy (default 7 days, per category).',
  source: SOURCE,
});

export const SuggestionAcknowledged = defineEvent({
  type: 'feedback.suggestion.acknowledged',
  version: 1,
  schema: z.strictObject({ acknowledgedBy: z.string().min(1).max(200), acknowledgedOn: day }),
  title: 'Suggestion acknowledged',
  source: SOURCE,
});

export const SuggestionAnswered = defineEvent({
  type: 'feedback.suggestion.answered',
  version: 1,
  schema: z.strictObject({ answer: z.enum(SUGGESTION_ANSWERS), text: suggestionText, answeredBy: z.string().min(1).max(200), answeredOn: day }),
  title: 'Suggestion answered',
  description: 'Accepted, declined, planned or done, with a response text; the first one stops the clock.',
  source: SOURCE,
});

export const SuggestionReplied = defineEvent({
  type: 'feedback.suggestion.replied',
  version: 1,
  schema: z.strictObject({ from: z.enum(['submitter', 'leadership']), text: suggestionText, repliedOn: day }),
  title: 'Reply on a suggestion',
  source: SOURCE,
});

export const SuggestionEscalated = defineEvent({
  type: 'feedback.suggestion.escalated',
  version: 1,
  schema: z.strictObject({ to: z.literal(EXPERIENCE_COMMITTEE), answerDueBy: day, escalatedOn: day }),
  title: 'Overdue suggestion escalated',
  description: 'No answer by the deadline: the experience committee is told.',
  source: SOURCE,
});

export const suggestionEvents = [SuggestionSubmitted, SuggestionAcknowledged, SuggestionAnswered, SuggestionReplied, SuggestionEscalated] as const;
export type SuggestionEvent = EventOf<(typeof suggestionEvents)[number]>;

// ── journey-<employeeId>: one-to-one check-ins ─────────────────────────────

export const OneToOneRecorded = defineEvent({
  type: 'journey.one-to-one.recorded',
  version: 1,
  schema: z.strictObject({
    checkInId: z.uuid(),
    managerId: z.string().min(1).max(200),
    heldOn: day,
    mood: z.int().min(1).max(5),
    topics: z.array(z.string().trim().min(1).max(60)).max(10),
    /** Private to the employee and the manager: encrypted with the employee's key, withheld from every read model. */
    notes: personal(z.string().trim().min(1).max(MAX_FREE_TEXT)).optional(),
  }),
  title: 'One-to-one check-in',
  description: "An employee and their manager met: mood 1-5 and topics on both timelines, the private notes only for the two of them.",
  source: SOURCE,
});

export const feedbackEvents = [...surveyEvents, ...surveyResponseEvents, SurveyCompleted, ...suggestionEvents, OneToOneRecorded] as const;
