import { z } from 'zod';
import { SUGGESTION_ANSWERS, SUGGESTION_CATEGORIES } from '../events/feedback.ts';
import { TASK_OWNERS } from '../events/onboarding.ts';
import { JOURNEY_STAGES } from '../vocabulary.ts';
import { defineReadModel, type ReadModelDocument } from './define-read-model.ts';

/**
 * The employee profile's stored facts: everything DATED, so that the profile
 * as it stood on any day is a filter of one document (`profileAsOf`), not a
 * replay. `on` is the UTC day the platform learned a fact (the event's
 * occurredAt): "as of D" means what had been recorded by the end of D.
 * Written by the projector's employee-experience projection from the
 * employee's journey stream (stage, position, onboarding tasks, one-to-ones,
 * surveys completed, departures) and the named suggestion streams. Anonymous
 * survey answers never reach it: only the journey's `survey-completed` (that
 * they took part) does.
 */

const day = z.iso.date();

/** The position and stage after an event that changed any of them. */
export const profileSnapshotSchema = z.object({
  on: day,
  eventId: z.string(),
  stage: z.enum(JOURNEY_STAGES).nullable(),
  chapter: z.int().min(0),
  startDate: day.nullable(),
  department: z.string().nullable(),
  level: z.string().nullable(),
  location: z.string().nullable(),
  managerId: z.string().nullable(),
  /** Start date + PROBATION_MONTHS, or the extension's new end date. */
  probationEndsOn: day.nullable(),
});
export type ProfileSnapshot = z.output<typeof profileSnapshotSchema>;

export const profileTaskSchema = z.object({
  taskId: z.string(),
  owner: z.enum(TASK_OWNERS),
  required: z.boolean(),
  dueOffsetDays: z.int(),
  chapter: z.int().min(0),
  on: day,
  eventId: z.string(),
  completedOn: day.nullable(),
  completedEventId: z.string().nullable(),
});
export type ProfileTask = z.output<typeof profileTaskSchema>;

export const profileOneToOneSchema = z.object({ eventId: z.string(), on: day, heldOn: day, mood: z.int().min(1).max(5) });
export const profileSurveySchema = z.object({ eventId: z.string(), on: day, surveyId: z.string(), title: z.string(), completedBy: day });
export const profileSuggestionSchema = z.object({
  suggestionId: z.string(),
  category: z.enum(SUGGESTION_CATEGORIES),
  submittedOn: day,
  answerDueBy: day,
  answers: z.array(z.object({ on: day, answer: z.enum(SUGGESTION_ANSWERS) })),
});
export type ProfileSuggestion = z.output<typeof profileSuggestionSchema>;

/** A recognition as its giver's or recipient's profile keeps it (shout-outs praise a team, not a person: not here). */
export const profileRecognitionSchema = z.object({ recognitionId: z.string(), on: day, values: z.array(z.string()), withdrawnOn: day.nullable() });
export type ProfileRecognition = z.output<typeof profileRecognitionSchema>;

export const employeeProfileSchema = z.object({
  employeeId: z.string(),
  history: z.array(profileSnapshotSchema).optional(),
  tasks: z.array(profileTaskSchema).optional(),
  oneToOnes: z.array(profileOneToOneSchema).optional(),
  surveys: z.array(profileSurveySchema).optional(),
  given: z.array(profileRecognitionSchema).optional(),
  /** By `r_<recognition id>`: fed by every giver's stream. */
  received: z.record(z.string(), profileRecognitionSchema).optional(),
  /** By `s_<suggestion id>`: the employee's named suggestions (an anonymous one names nobody). */
  suggestions: z.record(z.string(), profileSuggestionSchema).optional(),
});
export type EmployeeProfileDocument = z.output<typeof employeeProfileSchema>;

export const EmployeeProfileReadModel = defineReadModel({
  collection: 'employee_profile',
  schema: employeeProfileSchema,
  idIs: 'the employee id',
  indexes: [],
});
export type EmployeeProfile = ReadModelDocument<typeof EmployeeProfileReadModel>;

/** The key of a recognition in `received`. */
export const profileRecognitionKey = (recognitionId: string) => `r_${recognitionId.replaceAll('-', '_')}`;

/** The key of a suggestion in `suggestions` (read-store paths are identifiers). */
export const profileSuggestionKey = (suggestionId: string) => `s_${suggestionId.replaceAll('-', '_')}`;
