import {
  ALUMNI_CONTACT_PREFERENCES,
  AlumnusEnrolled,
  CalendarDate,
  EmployeeDeparted,
  EmployeeRehired,
  ExitInterviewRecorded,
  OffboardingPlanAssigned,
  OffboardingStarted,
  ReferralMade,
  RehireEligibilitySet,
  Uuid,
} from '@ejp/contracts';
import { z } from 'zod';

/**
 * Request bodies. Each reuses the contracts schema of the event its command
 * records (the cross-field rules too: a resignation is voluntary, secondary
 * reasons exclude the primary one), so the API and the events cannot drift
 * apart and personal fields show up in the OpenAPI document as personal data.
 */

const planTasks = OffboardingPlanAssigned.schema.shape.tasks;

export { EmployeeParams, EmployeeTaskParams as TaskParams } from '@ejp/service-kit';

export const StartBody = OffboardingStarted.schema
  .safeExtend({
    plan: planTasks
      .optional()
      .describe('The offboarding plan, due offsets in days from the last day; omitted: the default plan (knowledge transfer, farewell, equipment, access).'),
    buddyDuties: z
      .array(Uuid)
      .max(50)
      .optional()
      .describe('Newcomers this employee is buddy or mentor to: each gets a required handover task for the manager.'),
  })
  .describe('A resignation, termination, retirement or end of contract, with its last day (YYYY-MM-DD) and who initiated it.');

export const PlanBody = OffboardingPlanAssigned.schema.describe('Replaces the plan; a task keeps its done mark when its id survives.');

export const LastDayBody = z.strictObject({
  lastDay: CalendarDate.describe('The new last day (YYYY-MM-DD): every due date of the plan follows.'),
});

export const ExitInterviewBody = ExitInterviewRecorded.schema;

const departedOverride = EmployeeDeparted.schema.shape.override.unwrap();

export const DepartBody = z
  .strictObject({
    override: z
      .strictObject({ reason: departedOverride.shape.reason })
      .optional()
      .describe('Sets aside the rules that refuse the departure (open required tasks, before the last day), with the reason; recorded only when it set one aside.'),
  })
  .describe('An empty object for a departure that keeps every rule.');

const [byEmail, byPhone] = AlumnusEnrolled.schema.options;
const consent = z.boolean().describe('Consent to be contacted: required to join (false is answered with EJP_ALUMNI_CONSENT_REQUIRED).');

/** The enrolment as its event has it, but with consent a boolean, so that a refusal is answered by the rule, naming the field. */
export const EnrolBody = z
  .discriminatedUnion('contactPreference', [byEmail.omit({ consent: true }).extend({ consent }), byPhone.omit({ consent: true }).extend({ consent })])
  .describe(`Join the alumni directory with a contact preference (${ALUMNI_CONTACT_PREFERENCES.join(' or ')}) and its detail.`);

export const ReferralBody = ReferralMade.schema;

export const EligibilityBody = RehireEligibilitySet.schema;

export const RehireBody = EmployeeRehired.schema.describe('The position of the new chapter; it starts in pre-boarding on startDate.');
