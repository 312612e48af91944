import { z } from 'zod';
import { CalendarDate, Uuid } from '../canonical.ts';
import { defineEvent, type EventOf } from '../define-event.ts';
import { STAGES_BEFORE_OFFBOARDING } from '../journey-stage-effect.ts';
import { personal } from '../personal-data.ts';
import { EmployeeHired } from './onboarding.ts';

/**
 * The offboarding slice: start (and a withdrawn resignation), the plan with
 * due dates relative to the last day, the last day moving, access removal
 * due, the exit interview and the departure; then the alumni programme and
 * the rehire, which opens a new chapter. Every event lives in the employee's
 * `journey-<employeeId>` stream, next to the onboarding events, so one
 * stream tells the whole story, chapter by chapter.
 */

const SOURCE = 'offboarding';
const employeeId = Uuid;
const isoDate = CalendarDate;

// ── Start, withdrawal ───────────────────────────────────────────────────────

export const OFFBOARDING_KINDS = ['resignation', 'termination', 'retirement', 'end-of-contract'] as const;
/** The party that started it; the person who recorded it is the envelope's actor. */
export const OFFBOARDING_INITIATORS = ['employee', 'manager', 'hr'] as const;

export const OffboardingStarted = defineEvent({
  type: 'journey.offboarding.started',
  version: 1,
  schema: z
    .strictObject({
      kind: z.enum(OFFBOARDING_KINDS),
      voluntary: z.boolean(),
      /** The manager's view: would we have kept this person? Attrition analytics split by it. */
      regrettable: z.boolean(),
      lastDay: isoDate,
      initiatedBy: z.enum(OFFBOARDING_INITIATORS),
    })
    // A resignation is the employee's own choice; a termination never is. Retirement and end of contract can be either.
    .superRefine((d, ctx) => {
      if (d.kind === 'resignation' && !d.voluntary) ctx.addIssue({ code: 'custom', path: ['voluntary'], message: 'a resignation is voluntary' });
      if (d.kind === 'resignation' && d.initiatedBy !== 'employee') {
        ctx.addIssue({ code: 'custom', path: ['initiatedBy'], message: 'a resignation is initiated by the employee' });
      }
      if (d.kind === 'termination' && d.voluntary) ctx.addIssue({ code: 'custom', path: ['voluntary'], message: 'a termination is not voluntary' });
    }),
  title: 'Offboarding started',
  description: 'A resignation, termination, retirement or end of contract was recorded with its last day.',
  stage: 'offboarding',
  journey: { moveTo: 'offboarding' },
  source: SOURCE,
});

export const ResignationWithdrawn = defineEvent({
  type: 'journey.offboarding.resignation-withdrawn',
  version: 1,
  schema: z.strictObject({
    /**
     * The stage before the resignation, written by the decider that knew it,
     * so every reader (the stage fold, an HRIS on Kafka) learns where the
     * journey continues from this event alone.
     */
    returnsTo: z.enum(STAGES_BEFORE_OFFBOARDING),
  }),
  title: 'Resignation withdrawn',
  description: 'The employee stays: the offboarding and its plan are void, the journey goes back to its stage.',
  stage: 'offboarding',
  journey: { moveTo: (d) => d.returnsTo },
  source: SOURCE,
});

// ── Plan, tasks, last day ───────────────────────────────────────────────────

export const OFFBOARDING_TASK_KINDS = ['knowledge-transfer', 'buddy-handover', 'equipment-return', 'access-removal', 'farewell', 'other'] as const;
export const OFFBOARDING_TASK_OWNERS = ['hr', 'it', 'manager', 'employee'] as const;

const offboardingTask = z
  .strictObject({
    id: z.string().min(1).max(100),
    title: z.string().min(1).max(300),
    kind: z.enum(OFFBOARDING_TASK_KINDS),
    owner: z.enum(OFFBOARDING_TASK_OWNERS),
    /** Days relative to the last day, negative before it: moving the last day moves every due date. */
    dueOffsetDays: z.int().min(-365).max(365),
    required: z.boolean(),
    /** buddy-handover only: the newcomer whose buddy this employee was, and who needs a new one. */
    buddyOf: employeeId.optional(),
  })
  .refine((t) => (t.kind === 'buddy-handover') === (t.buddyOf !== undefined), {
    message: 'buddyOf names the newcomer of a buddy-handover task, and only of one',
    path: ['buddyOf'],
  });

export const OffboardingPlanAssigned = defineEvent({
  type: 'journey.offboarding.plan-assigned',
  version: 1,
  schema: z.strictObject({
    tasks: z
      .array(offboardingTask)
      .min(1)
      .refine((tasks) => new Set(tasks.map((t) => t.id)).size === tasks.length, { message: 'task ids must be unique' }),
  }),
  title: 'Offboarding plan assigned',
  stage: 'offboarding',
  source: SOURCE,
});

export const OffboardingTaskCompleted = defineEvent({
  type: 'journey.offboarding.task-completed',
  version: 1,
  schema: z.strictObject({ taskId: z.string().min(1).max(100) }),
  title: 'Offboarding task completed',
  stage: 'offboarding',
  source: SOURCE,
});

export const LastDayChanged = defineEvent({
  type: 'journey.offboarding.last-day-changed',
  version: 1,
  schema: z
    .strictObject({ from: isoDate, to: isoDate })
    .refine((d) => d.from !== d.to, { message: 'the new last day must differ from the old one', path: ['to'] }),
  title: 'Last day changed',
  description: 'Every due date of the plan follows, since they are offsets from the last day.',
  stage: 'offboarding',
  source: SOURCE,
});

export const AccessRemovalDue = defineEvent({
  type: 'journey.offboarding.access-removal-due',
  version: 1,
  schema: z.strictObject({
    /** The day access ends: the last day, or the departure day when the employee left earlier. */
    dueOn: isoDate,
  }),
  title: 'Access removal due',
  description:
    'A lifecycle event for deprovisioning consumers (IT, badges, SaaS seats): remove the employee\'s access now. Recorded on the last day, or at the departure when that comes first.',
  stage: 'offboarding',
  source: SOURCE,
});

// ── Exit interview, departure ───────────────────────────────────────────────

/** The reason taxonomy of exit interviews and attrition analytics. */
export const EXIT_REASONS = ['pay', 'growth', 'management', 'work-life-balance', 'relocation', 'career-change', 'culture', 'workload', 'other'] as const;

export const ExitInterviewRecorded = defineEvent({
  type: 'journey.offboarding.exit-interview-recorded',
  version: 1,
  schema: z
    .strictObject({
      primaryReason: z.enum(EXIT_REASONS),
      secondaryReasons: z.array(z.enum(EXIT_REASONS)).max(EXIT_REASONS.length - 1),
      /** 0-10, the eNPS question asked of leavers. */
      wouldRecommend: z.int().min(0).max(10),
      wouldReturn: z.boolean(),
      notes: personal(z.string().max(10_000)).optional(),
    })
    .refine((d) => new Set(d.secondaryReasons).size === d.secondaryReasons.length && !d.secondaryReasons.includes(d.primaryReason), {
      message: 'secondary reasons are distinct and exclude the primary reason',
      path: ['secondaryReasons'],
    }),
  title: 'Exit interview recorded',
  description: 'Attributed (it lives in the leaver\'s own stream), once per offboarding.',
  stage: 'offboarding',
  source: SOURCE,
});

export const EmployeeDeparted = defineEvent({
  type: 'journey.employee.departed',
  version: 1,
  schema: z
    .strictObject({
      kind: z.enum(OFFBOARDING_KINDS),
      voluntary: z.boolean(),
      lastDay: isoDate,
      departedOn: isoDate,
      /** Present exactly when a rule was set aside: open required tasks, a departure before the last day, or both. */
      override: z
        .strictObject({
          reason: personal(z.string().min(1).max(2_000)),
          openTasks: z.array(z.string().min(1).max(100)),
          beforeLastDay: z.boolean(),
        })
        .refine((o) => o.openTasks.length > 0 || o.beforeLastDay, { message: 'an override must set a rule aside', path: ['openTasks'] })
        .optional(),
    })
    .refine((d) => (d.departedOn < d.lastDay) === (d.override?.beforeLastDay === true), {
      message: 'a departure before the last day needs an override that says so',
      path: ['override'],
    }),
  title: 'Employee departed',
  description: 'The employment ended: the journey moves to alumni. Self-contained for payroll and HRIS consumers.',
  stage: 'offboarding',
  journey: { moveTo: 'alumni' },
  // Only a departure that set a rule aside (open tasks, before the last day) is a privileged action.
  audit: { action: 'override', when: (d) => d.override !== undefined },
  source: SOURCE,
});

// ── Alumni programme, rehire ────────────────────────────────────────────────
//
// Enrolment is programme membership, not a journey stage: the departure
// already moved the journey to alumni, whether or not the person joins the
// directory, so of these only the rehire moves the stage.

export const ALUMNI_CONTACT_PREFERENCES = ['email', 'phone'] as const;

// Consent is a literal: an enrolment without it cannot be recorded at all.
const consent = z.literal(true);

export const AlumnusEnrolled = defineEvent({
  type: 'journey.alumni.enrolled',
  version: 1,
  // A union rather than optional fields: the contact detail of the chosen channel is required.
  schema: z.discriminatedUnion('contactPreference', [
    z.strictObject({ consent, contactPreference: z.literal('email'), email: personal(z.email()) }),
    z.strictObject({
      consent,
      contactPreference: z.literal('phone'),
      /** E.164, e.g. +442071234567. */
      phone: personal(z.string().regex(/^\+[1-9]\d{6,14}$/)),
    }),
  ]),
  title: 'Alumnus enrolled',
  description: 'A departed employee joined the alumni programme and its directory, with consent to be contacted.',
  stage: 'alumni',
  source: SOURCE,
});

export const AlumniConsentWithdrawn = defineEvent({
  type: 'journey.alumni.consent-withdrawn',
  version: 1,
  schema: z.strictObject({}),
  title: 'Alumni consent withdrawn',
  description: 'The alumnus leaves the programme: the directory drops them and nobody contacts them.',
  stage: 'alumni',
  source: SOURCE,
});

export const ReferralMade = defineEvent({
  type: 'journey.alumni.referral-made',
  version: 1,
  schema: z.strictObject({
    referralId: Uuid,
    // The referred person's details are personal data held under the alumnus's key: erasing the alumnus erases them too.
    referredName: personal(z.string().min(1).max(300)),
    referredEmail: personal(z.email()),
    position: z.string().min(1).max(300).optional(),
    note: personal(z.string().max(2_000)).optional(),
  }),
  title: 'Referral made by an alumnus',
  stage: 'alumni',
  source: SOURCE,
});

export const RehireEligibilitySet = defineEvent({
  type: 'journey.alumni.rehire-eligibility-set',
  version: 1,
  schema: z.strictObject({
    eligible: z.boolean(),
    /** HR's reason, free text about the person. */
    reason: personal(z.string().min(1).max(2_000)),
  }),
  title: 'Rehire eligibility set',
  stage: 'alumni',
  source: SOURCE,
});

export const EmployeeRehired = defineEvent({
  type: 'journey.employee.rehired',
  version: 1,
  // The position of the new chapter, in the hire's own field shapes (the identity and personal data stay the hire's).
  schema: EmployeeHired.schema.pick({ department: true, role: true, level: true, managerId: true, location: true, startDate: true }),
  title: 'Employee rehired',
  description: 'A boomerang: an eligible alumnus is hired again, which opens a new chapter in the same journey, starting in pre-boarding.',
  stage: 'pre-boarding',
  journey: { moveTo: 'pre-boarding', opensChapter: true, startDate: (d) => d.startDate },
  source: SOURCE,
});

/** Every event type the offboarding service appends: the offboarding phase, the alumni programme and rehire. */
export const offboardingEvents = [
  OffboardingStarted,
  ResignationWithdrawn,
  OffboardingPlanAssigned,
  OffboardingTaskCompleted,
  LastDayChanged,
  AccessRemovalDue,
  ExitInterviewRecorded,
  EmployeeDeparted,
  AlumnusEnrolled,
  AlumniConsentWithdrawn,
  ReferralMade,
  RehireEligibilitySet,
  EmployeeRehired,
] as const;

/** Discriminated union of every offboarding event at its current version: what `decide`/`evolve` handle. */
export type OffboardingEvent = EventOf<(typeof offboardingEvents)[number]>;
