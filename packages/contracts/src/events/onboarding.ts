import { z } from 'zod';
import { CalendarDate, Uuid } from '../canonical.ts';
import { defineEvent, type EventOf, upcaster } from '../define-event.ts';
import { personal } from '../personal-data.ts';
import { isRedacted, REDACTED } from '../redaction.ts';
import { PROBATION_OUTCOMES, stageAfterProbation } from '../journey-stage-effect.ts';

/**
 * The onboarding slice: hire, plan, buddy, welcome, tasks, 30/60/90-day
 * check-ins, start-date changes, completion and the probation outcome. Every
 * event lives in the employee's `journey-<employeeId>` stream, so the employee
 * id is in the data only where the event introduces it (EmployeeHired).
 */

const SOURCE = 'onboarding';
const employeeId = Uuid;
const isoDate = CalendarDate;

// ── EmployeeHired ───────────────────────────────────────────────────────────

const hiredCommon = {
  employeeId,
  email: personal(z.email()),
  department: z.string().min(1).max(200),
  role: z.string().min(1).max(200),
  level: z.string().min(1).max(50),
  /** Null for whoever has no manager (the CEO). */
  managerId: employeeId.nullable(),
  location: z.string().min(1).max(200),
  startDate: isoDate,
};

export const employeeHiredV1 = z.strictObject({
  ...hiredCommon,
  fullName: personal(z.string().min(1).max(300)),
});

/** v2 splits the name: letters and badges address people by their given name. */
export const employeeHiredV2 = z.strictObject({
  ...hiredCommon,
  givenName: personal(z.string().min(1).max(200)),
  /** Empty for people with a single name. */
  familyName: personal(z.string().max(200)),
});

/**
 * Best effort for names written before v2: the first word is the given name,
 * the rest the family name. Wrong for some naming cultures, which is why v2
 * asks for both parts instead of guessing.
 */
export function splitFullName(fullName: string): { givenName: string; familyName: string } {
  const trimmed = fullName.trim();
  const space = trimmed.search(/\s/);
  if (space < 0) return { givenName: trimmed, familyName: '' };
  return { givenName: trimmed.slice(0, space), familyName: trimmed.slice(space).trim() };
}

export const EmployeeHired = defineEvent({
  type: 'journey.employee.hired',
  version: 2,
  schema: employeeHiredV2,
  upcasters: [
    upcaster({
      from: 1,
      schema: employeeHiredV1,
      up: ({ fullName, ...rest }) => ({
        ...rest,
        // An erased name stays erased in both halves.
        ...(isRedacted(fullName) ? { givenName: REDACTED, familyName: REDACTED } : splitFullName(fullName)),
      }),
    }),
  ],
  title: 'Employee hired',
  description: 'An offer was accepted: the journey starts in pre-boarding.',
  stage: 'pre-boarding',
  journey: { moveTo: 'pre-boarding', opensChapter: true, startDate: (d) => d.startDate },
  source: SOURCE,
});

// ── Personal details on request ─────────────────────────────────────────────

/**
 * Events on Kafka keep their personal fields encrypted; a platform service
 * (an IT bot, an HRIS sync) asks for an employee's details by id with a token
 * whose scope names a field set (see personal-details.ts), and says why.
 * Every request, answered or refused, is recorded in the employee's
 * `disclosure-` stream: who asked (the envelope actor), which fields, why,
 * never the values.
 */

/** The personal fields of the employee record that a request can name (checked against the hire's marks in personal-details.ts). */
export const PERSONAL_FIELDS = ['givenName', 'familyName', 'email'] as const satisfies readonly (keyof z.output<typeof employeeHiredV2>)[];
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** Why the details are asked for: a kebab-case word from the caller's own vocabulary (no free text, which could hold personal words). */
export const DisclosurePurpose = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'a kebab-case word, e.g. account-provisioning')
  .max(64)
  .describe('Why the details are asked for, e.g. `account-provisioning` (kebab-case; recorded in the audit trail)');

export const DISCLOSURE_OUTCOMES = ['disclosed', 'refused', 'erased', 'not-found'] as const;

export const PersonalDataRequested = defineEvent({
  type: 'privacy.personal-data.requested',
  version: 1,
  schema: z.strictObject({
    employeeId: Uuid,
    outcome: z.enum(DISCLOSURE_OUTCOMES),
    /** The fields answered (disclosed), or those the scopes would have granted (otherwise). */
    fields: z.array(z.enum(PERSONAL_FIELDS)).max(PERSONAL_FIELDS.length),
    /** Null when a refused caller sent none (or none that is a purpose). */
    purpose: DisclosurePurpose.nullable(),
    /** The caller's scopes, as its token named them. */
    scopes: z.array(z.string().min(1).max(200)).max(50),
  }),
  title: 'Personal data requested',
  description:
    "A caller asked for an employee's personal details: the outcome (disclosed, refused, erased, not-found), which fields, why, and with which scopes. The values are never in it.",
  audit: { action: 'personal-data-request' },
  source: SOURCE,
});

/** Appended by the personal-details route (onboarding hosts it: it opens the key store), to `disclosure-<employeeId>`, never a journey. */
export const disclosureEvents = [PersonalDataRequested] as const;

// ── Plan, buddy, welcome, tasks ─────────────────────────────────────────────

export const TASK_OWNERS = ['hr', 'it', 'manager', 'buddy', 'employee'] as const;

const onboardingTask = z.strictObject({
  id: z.string().min(1).max(100),
  title: z.string().min(1).max(300),
  owner: z.enum(TASK_OWNERS),
  /** Days relative to the start date; negative for pre-boarding tasks (laptop shipped before day one). */
  dueOffsetDays: z.int().min(-365).max(365),
  required: z.boolean(),
});

export const OnboardingPlanAssigned = defineEvent({
  type: 'journey.onboarding.plan-assigned',
  version: 1,
  schema: z.strictObject({
    tasks: z
      .array(onboardingTask)
      .min(1)
      .refine((tasks) => new Set(tasks.map((t) => t.id)).size === tasks.length, { message: 'task ids must be unique' }),
  }),
  title: 'Onboarding plan assigned',
  stage: 'pre-boarding',
  source: SOURCE,
});

export const BUDDY_KINDS = ['buddy', 'mentor'] as const;

export const BuddyAssigned = defineEvent({
  type: 'journey.onboarding.buddy-assigned',
  version: 1,
  schema: z.strictObject({ buddyId: employeeId, kind: z.enum(BUDDY_KINDS) }),
  title: 'Buddy or mentor assigned',
  stage: 'onboarding',
  source: SOURCE,
});

export const WelcomeMessageSent = defineEvent({
  type: 'journey.onboarding.welcome-message-sent',
  version: 1,
  schema: z.strictObject({ message: personal(z.string().min(1).max(10_000)) }),
  title: 'Personal welcome message sent',
  stage: 'pre-boarding',
  source: SOURCE,
});

export const OnboardingTaskCompleted = defineEvent({
  type: 'journey.onboarding.task-completed',
  version: 1,
  schema: z.strictObject({ taskId: z.string().min(1).max(100) }),
  title: 'Onboarding task completed',
  stage: 'onboarding',
  source: SOURCE,
});

// ── Check-ins, dates, completion, probation ─────────────────────────────────

export const CHECK_IN_DAYS = [30, 60, 90] as const;

export const CheckInRecorded = defineEvent({
  type: 'journey.onboarding.check-in-recorded',
  version: 1,
  schema: z.strictObject({
    day: z.literal(CHECK_IN_DAYS),
    rating: z.int().min(1).max(5),
    notes: personal(z.string().max(10_000)).optional(),
  }),
  title: '30/60/90-day check-in recorded',
  stage: 'onboarding',
  source: SOURCE,
});

export const StartDateChanged = defineEvent({
  type: 'journey.employee.start-date-changed',
  version: 1,
  schema: z
    .strictObject({ from: isoDate, to: isoDate })
    .refine((d) => d.from !== d.to, { message: 'the new start date must differ from the old one', path: ['to'] }),
  title: 'Start date changed',
  stage: 'pre-boarding',
  journey: { startDate: (d) => d.to },
  source: SOURCE,
});

export const OnboardingCompleted = defineEvent({
  type: 'journey.onboarding.completed',
  version: 1,
  schema: z.strictObject({}),
  title: 'Onboarding completed',
  stage: 'probation',
  journey: { moveTo: 'probation' },
  source: SOURCE,
});

export { PROBATION_OUTCOMES };

export const ProbationOutcomeRecorded = defineEvent({
  type: 'journey.probation.outcome-recorded',
  version: 1,
  // A union rather than an optional field: newEndDate is required exactly when extended.
  schema: z.discriminatedUnion('outcome', [
    z.strictObject({ outcome: z.literal('passed') }),
    z.strictObject({ outcome: z.literal('extended'), newEndDate: isoDate }),
    z.strictObject({ outcome: z.literal('not-passed') }),
  ]),
  title: 'Probation outcome recorded',
  stage: 'probation',
  journey: { moveTo: (d) => stageAfterProbation(d.outcome) },
  source: SOURCE,
});

// ── Right to erasure ────────────────────────────────────────────────────────

/** Why the personal data was erased: a closed list, so the audited event can carry no personal words. */
export const ERASURE_REASONS = ['employee-request', 'retention-expired', 'consent-withdrawn', 'legal-obligation', 'unlawful-processing'] as const;

export const EmployeeErased = defineEvent({
  type: 'journey.employee.erased',
  version: 1,
  schema: z.strictObject({ reason: z.enum(ERASURE_REASONS) }),
  title: 'Personal data erased',
  description:
    "HR or an admin erased the employee's personal data (right to erasure): their key is destroyed, so every personal field of their journey reads as redacted. Consumers delete whatever personal data about the employee they hold.",
  audit: { action: 'erasure' },
  erasesSubject: true,
  source: SOURCE,
});

// ── Reporting line ──────────────────────────────────────────────────────────

/**
 * Whom the employee reports to after the hire (the hire, and a rehire, name
 * the first manager). The access read model (reporting lines) projects every
 * event type listed in read-models/reporting-lines.ts `managerChanges`.
 */
export const ManagerChanged = defineEvent({
  type: 'journey.employee.manager-changed',
  version: 1,
  schema: z
    .strictObject({
      /** Null: reports to nobody (the CEO). */
      managerId: employeeId.nullable(),
      previousManagerId: employeeId.nullable(),
    })
    .refine((d) => d.managerId !== d.previousManagerId, { message: 'the new manager must differ from the previous one', path: ['managerId'] }),
  title: 'Manager changed',
  description: 'The employee reports to someone else from now on: their new manager reaches their journey, the previous one no longer does.',
  audit: { action: 'manager-change' },
  source: SOURCE,
});

/** The reporting-line events: decided by their own decider beside onboarding's. */
export const reportingLineEvents = [ManagerChanged] as const;

export type ReportingLineEvent = EventOf<(typeof reportingLineEvents)[number]>;

export const onboardingEvents = [
  EmployeeHired,
  OnboardingPlanAssigned,
  BuddyAssigned,
  WelcomeMessageSent,
  OnboardingTaskCompleted,
  CheckInRecorded,
  StartDateChanged,
  OnboardingCompleted,
  ProbationOutcomeRecorded,
  EmployeeErased,
  ManagerChanged,
] as const;

/** Discriminated union of every onboarding event at its current version: what `decide`/`evolve` handle. */
export type OnboardingEvent = EventOf<(typeof onboardingEvents)[number]>;
