import { RevisionString } from '@ejp/command-kit';
import {
  BUDDY_KINDS,
  CalendarDate,
  BuddyAssigned,
  CheckInRecorded,
  employeeHiredV2,
  OnboardingPlanAssigned,
  ProbationOutcomeRecorded,
  TASK_OWNERS,
  WelcomeMessageSent,
} from '@ejp/contracts';
import { z } from 'zod';

/**
 * Request and response bodies. Bodies reuse the event schemas of the
 * contracts where a command carries exactly an event's data, so the API and
 * the events cannot drift apart (and personal-data marks show up in the
 * OpenAPI document as `personalData: true`).
 */

const planTasks = OnboardingPlanAssigned.schema.shape.tasks;

export const HireBody = employeeHiredV2
  .extend({
    familyName: employeeHiredV2.shape.familyName.default(''),
    plan: planTasks
      .optional()
      .describe('The onboarding plan; omitted: the default plan (welcome before day one, equipment on day 0, buddy in week 1, check-ins at 30/60/90 days).'),
  })
  .describe('A hire: who, where, from when. Names and email are personal data, stored encrypted.');

export const PlanBody = OnboardingPlanAssigned.schema.describe(
  `Replaces the plan. Owners: ${TASK_OWNERS.join(', ')}; dueOffsetDays counts from the start date (negative: before day one).`,
);

export const BuddyBody = BuddyAssigned.schema.extend({ kind: z.enum(BUDDY_KINDS).default('buddy') });

export const WelcomeBody = WelcomeMessageSent.schema;

export const CheckInBody = CheckInRecorded.schema;

export const StartDateBody = z.strictObject({ startDate: CalendarDate.describe('The new first working day (YYYY-MM-DD).') });

export const ProbationBody = ProbationOutcomeRecorded.schema;

export { EmployeeParams, EmployeeTaskParams as TaskParams } from '@ejp/service-kit';

export const OnboardingView = z
  .object({
    employeeId: z.uuid(),
    revision: RevisionString,
    stage: z.string().describe('pre-boarding, onboarding, probation, in-role or offboarding (probation not passed), as of today'),
    managerId: z.uuid().nullable(),
    startDate: z.iso.date(),
    tasks: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        owner: z.enum(TASK_OWNERS),
        dueOffsetDays: z.int(),
        dueDate: z.iso.date().describe('startDate + dueOffsetDays: follows every start-date change'),
        required: z.boolean(),
        done: z.boolean(),
      }),
    ),
    buddy: z.object({ id: z.uuid(), kind: z.enum(BUDDY_KINDS) }).nullable(),
    welcomeSent: z.boolean(),
    checkIns: z.array(z.int()),
    probationEndDate: z.iso.date().nullable(),
  })
  .describe('The write-side onboarding state, for debugging; the journey API is the read side.');
