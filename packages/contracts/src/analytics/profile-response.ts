import { z } from 'zod';
import { SUGGESTION_ANSWERS, SUGGESTION_CATEGORIES } from '../events/feedback.ts';
import { TASK_OWNERS } from '../events/onboarding.ts';
import { JOURNEY_STAGES } from '../vocabulary.ts';

/** What `GET /employees/{employeeId}/profile` answers: the profile as it stood at the end of `asOf`. */

const day = z.iso.date();

export const PROFILE_FLAGS = ['onboarding-task-overdue', 'no-recognition-90-days', 'low-mood-one-to-ones', 'probation-ending', 'exit-risk'] as const;
export type ProfileFlagKind = (typeof PROFILE_FLAGS)[number];

export const profileFlagSchema = z.object({
  flag: z.enum(PROFILE_FLAGS),
  reason: z.string().describe('Why the flag is raised, in words, with the days it was judged by.'),
  eventIds: z.array(z.string()).describe('The events behind it (empty when the reason is an absence, e.g. no recognition).'),
});
export type ProfileFlag = z.output<typeof profileFlagSchema>;

export const employeeProfileResponseSchema = z.object({
  employeeId: z.string(),
  asOf: day,
  stage: z.enum(JOURNEY_STAGES).nullable().describe('The stage on asOf (pre-boarding turns into onboarding on the start date).'),
  chapter: z.int().min(0),
  startDate: day.nullable(),
  tenureDays: z.int().nullable().describe('Days from the start date to asOf (to the departure when departed); null before the start.'),
  managerId: z.string().nullable(),
  department: z.string().nullable(),
  level: z.string().nullable(),
  location: z.string().nullable(),
  probationEndsOn: day.nullable(),
  onboarding: z.object({
    done: z.int().min(0),
    total: z.int().min(0),
    overdue: z.array(z.object({ taskId: z.string(), owner: z.enum(TASK_OWNERS), dueDate: day, daysOverdue: z.int().min(1) })),
  }),
  recognition: z.object({
    received30: z.int().min(0),
    received90: z.int().min(0),
    given30: z.int().min(0),
    given90: z.int().min(0),
    lastReceivedOn: day.nullable(),
    topValues: z.array(z.object({ valueId: z.string(), count: z.int().min(1) })).describe('Values of the recognitions received up to asOf, most frequent first (at most 3).'),
  }),
  oneToOnes: z.object({
    count: z.int().min(0),
    lastMood: z.int().min(1).max(5).nullable(),
    lastHeldOn: day.nullable(),
    trend: z.enum(['up', 'down', 'flat']).nullable().describe('The last mood against the one before it; null with fewer than two.'),
  }),
  suggestions: z.array(
    z.object({
      suggestionId: z.string(),
      category: z.enum(SUGGESTION_CATEGORIES),
      submittedOn: day,
      answerDueBy: day,
      status: z.enum(['open', 'overdue', 'answered']),
      answers: z.array(z.object({ on: day, answer: z.enum(SUGGESTION_ANSWERS) })),
    }),
  ),
  surveysCompleted: z.array(z.object({ surveyId: z.string(), title: z.string(), completedBy: day })).describe('That they took part; never what they answered.'),
  flags: z.array(profileFlagSchema),
});
export type EmployeeProfileResponse = z.output<typeof employeeProfileResponseSchema>;
