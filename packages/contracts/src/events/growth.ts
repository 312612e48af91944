import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event.ts';
import { personal } from '../personal-data.ts';

/**
 * The growth centre. Where each event lives, and why:
 *
 * - The individual development plan and a change of position (transfer,
 *   promotion, rotation) with its task list are chapters of the employee's own
 *   story: `journey-<employeeId>`. Goal and action titles and a check-in's
 *   notes are the employee's personal data (encrypted with their key). A
 *   position change carries the new `department` and `managerId`, so the
 *   journey status (reporting line, segments) follows it.
 * - A mentoring round is one `mentoring-<roundId>` stream: "capacity never
 *   exceeded" and "the round is matched once" are invariants of the round.
 * - An internal opening and its applications are one `opening-<openingId>`
 *   stream; a course and its enrolments and completions one `course-<courseId>`
 *   stream (an external learning system's completion ids are unique per course).
 *   These hold no personal data: people are ids, skills are tags.
 */

const SOURCE = 'growth';
const id = z.uuid();
const isoDate = z.iso.date();
const unique = <T>(items: readonly T[]) => new Set(items).size === items.length;

/** A skill or topic: a slug, so that "TypeScript" and "typescript" are one tag. */
export const growthTag = z.string().regex(/^[a-z0-9]+(-[a-z0-9+#.]+)*$/, 'lower-case words joined by hyphens, e.g. public-speaking').max(60);
const tags = (max: number) => z.array(growthTag).max(max).refine(unique, { message: 'tags must be unique' });

// ── Development plan (journey-<employeeId>) ─────────────────────────────────

export const DevelopmentGoalSet = defineEvent({
  type: 'journey.development-plan.goal-set',
  version: 1,
  schema: z.strictObject({ goalId: id, title: personal(z.string().trim().min(1).max(300)), skills: tags(10), targetDate: isoDate.optional() }),
  title: 'Development goal set',
  description: 'A goal of the individual development plan, with the skills it grows; set again with the same goalId, it replaces the goal.',
  source: SOURCE,
});

export const DevelopmentActionAdded = defineEvent({
  type: 'journey.development-plan.action-added',
  version: 1,
  schema: z.strictObject({ actionId: id, goalId: id, title: personal(z.string().trim().min(1).max(300)), dueOn: isoDate }),
  title: 'Development action added',
  source: SOURCE,
});

export const DevelopmentActionCompleted = defineEvent({
  type: 'journey.development-plan.action-completed',
  version: 1,
  schema: z.strictObject({ actionId: id, completedOn: isoDate }),
  title: 'Development action completed',
  source: SOURCE,
});

export const DevelopmentGoalAchieved = defineEvent({
  type: 'journey.development-plan.goal-achieved',
  version: 1,
  schema: z.strictObject({ goalId: id }),
  title: 'Development goal achieved',
  source: SOURCE,
});

export const DevelopmentCheckInRecorded = defineEvent({
  type: 'journey.development-plan.check-in-recorded',
  version: 1,
  schema: z.strictObject({
    checkInId: id,
    /** The manager's judgement of the plan's progress, in percent. */
    progress: z.int().min(0).max(100),
    notes: personal(z.string().max(5_000)).optional(),
  }),
  title: 'Development plan check-in recorded',
  description: "The manager's check-in on the plan (the envelope's actor is the manager).",
  source: SOURCE,
});

// ── Position changes (journey-<employeeId>) ─────────────────────────────────

export const MOVE_KINDS = ['transfer', 'promotion', 'rotation'] as const;
export const MOVE_TASK_OWNERS = ['hr', 'it', 'previous-manager', 'new-manager', 'employee'] as const;

const position = {
  department: z.string().min(1).max(200),
  role: z.string().min(1).max(200),
  level: z.string().min(1).max(50),
  /** Null for whoever has no manager. */
  managerId: id.nullable(),
};

export const PositionChanged = defineEvent({
  type: 'journey.employee.position-changed',
  version: 1,
  schema: z
    .strictObject({
      kind: z.enum(MOVE_KINDS),
      effectiveOn: isoDate,
      ...position,
      /** The position before the move, so that a reader needs no earlier event to say what changed. */
      from: z.strictObject(position),
      /** The internal opening the move fills; absent for a move HR records directly (most promotions). */
      openingId: id.optional(),
      /** A rotation ends; the return is another position change. */
      endsOn: isoDate.optional(),
    })
    .refine((d) => d.kind !== 'rotation' || d.endsOn !== undefined, { message: 'a rotation needs endsOn', path: ['endsOn'] })
    .refine((d) => d.endsOn === undefined || d.endsOn > d.effectiveOn, { message: 'endsOn must be after effectiveOn', path: ['endsOn'] }),
  title: 'Position changed',
  description: 'A transfer, promotion or rotation: the new department, role, level and manager (managerId) from effectiveOn.',
  source: SOURCE,
});

const moveTask = z.strictObject({
  id: z.string().min(1).max(100),
  title: z.string().min(1).max(300),
  owner: z.enum(MOVE_TASK_OWNERS),
  /** Days relative to the move's effectiveOn, as onboarding's are to the start date. */
  dueOffsetDays: z.int().min(-90).max(180),
  required: z.boolean(),
});

export const MovePlanAssigned = defineEvent({
  type: 'journey.move.plan-assigned',
  version: 1,
  schema: z.strictObject({
    effectiveOn: isoDate,
    tasks: z.array(moveTask).min(1).max(50).refine((t) => unique(t.map((task) => task.id)), { message: 'task ids must be unique' }),
  }),
  title: 'Move plan assigned',
  description: 'The task list of a position change, due dates relative to its effectiveOn.',
  source: SOURCE,
});

export const MoveTaskCompleted = defineEvent({
  type: 'journey.move.task-completed',
  version: 1,
  schema: z.strictObject({ taskId: z.string().min(1).max(100) }),
  title: 'Move task completed',
  source: SOURCE,
});

// ── Mentoring rounds (mentoring-<roundId>) ──────────────────────────────────

const participant = { department: z.string().min(1).max(200), seniority: z.int().min(0).max(20) };

export const MentoringRoundOpened = defineEvent({
  type: 'growth.mentoring.round-opened',
  version: 1,
  schema: z.strictObject({ title: z.string().trim().min(1).max(200) }),
  title: 'Mentoring round opened',
  source: SOURCE,
});

export const MentorOffered = defineEvent({
  type: 'growth.mentoring.mentor-offered',
  version: 1,
  schema: z
    .strictObject({ mentorId: id, ...participant, skills: tags(20), topics: tags(20), capacity: z.int().min(1).max(10) })
    .refine((d) => d.skills.length + d.topics.length > 0, { message: 'offer at least one skill or topic', path: ['skills'] }),
  title: 'Mentor offered',
  description: 'A mentor joins the round with the skills and topics they offer and how many mentees they take; offered again, it replaces the offer.',
  source: SOURCE,
});

export const MenteeEnrolled = defineEvent({
  type: 'growth.mentoring.mentee-enrolled',
  version: 1,
  schema: z.strictObject({ menteeId: id, ...participant, managerId: id.nullable(), goals: tags(10).min(1) }),
  title: 'Mentee enrolled',
  description: 'A mentee joins the round with their goals; their manager is never proposed as their mentor.',
  source: SOURCE,
});

export const MATCH_FACTORS = ['skills', 'topics', 'seniority', 'department'] as const;

const proposal = z.strictObject({
  mentorId: id,
  menteeId: id,
  score: z.int().min(1),
  reasons: z.array(z.strictObject({ factor: z.enum(MATCH_FACTORS), points: z.int().min(0), detail: z.string().min(1).max(300) })).min(1),
});

export const MentorPairsProposed = defineEvent({
  type: 'growth.mentoring.pairs-proposed',
  version: 1,
  schema: z.strictObject({ proposals: z.array(proposal), unmatched: z.array(id), total: z.int().min(0) }),
  title: 'Mentor pairs proposed',
  description: "The round's optimal assignment: every proposal with its score and the reasons for it; mentees no mentor could take are unmatched.",
  source: SOURCE,
});

export const PAIR_SIDES = ['mentor', 'mentee'] as const;
const pairAnswer = z.strictObject({ mentorId: id, menteeId: id, by: z.enum(PAIR_SIDES) });

export const MentorProposalAccepted = defineEvent({
  type: 'growth.mentoring.proposal-accepted',
  version: 1,
  schema: pairAnswer,
  title: 'Mentor proposal accepted',
  source: SOURCE,
});

export const MentorProposalDeclined = defineEvent({
  type: 'growth.mentoring.proposal-declined',
  version: 1,
  schema: pairAnswer,
  title: 'Mentor proposal declined',
  source: SOURCE,
});

export const MentorshipStarted = defineEvent({
  type: 'growth.mentoring.mentorship-started',
  version: 1,
  schema: z.strictObject({ mentorId: id, menteeId: id }),
  title: 'Mentorship started',
  description: 'Both sides accepted the proposal.',
  source: SOURCE,
});

export const MentoringSessionRecorded = defineEvent({
  type: 'growth.mentoring.session-recorded',
  version: 1,
  schema: z.strictObject({ sessionId: id, mentorId: id, menteeId: id, heldOn: isoDate, durationMinutes: z.int().min(5).max(480) }),
  title: 'Mentoring session recorded',
  source: SOURCE,
});

// ── Internal openings (opening-<openingId>) ─────────────────────────────────

export const OpeningPosted = defineEvent({
  type: 'growth.opening.posted',
  version: 1,
  schema: z.strictObject({ kind: z.enum(MOVE_KINDS), title: z.string().trim().min(1).max(200), ...position, skills: tags(20), startsOn: isoDate }),
  title: 'Internal opening posted',
  description: 'A rotation, transfer or promotion open to employees; managerId is the manager the move reports to.',
  source: SOURCE,
});

export const APPROVERS = ['manager', 'hr'] as const;

export const ApplicationSubmitted = defineEvent({
  type: 'growth.opening.application-submitted',
  version: 1,
  schema: z.strictObject({ applicantId: id, currentManagerId: id.nullable() }),
  title: 'Internal application submitted',
  source: SOURCE,
});

export const ApplicationApproved = defineEvent({
  type: 'growth.opening.application-approved',
  version: 1,
  schema: z.strictObject({ applicantId: id, by: z.enum(APPROVERS) }),
  title: 'Internal application approved',
  description: "The applicant's current manager or HR approved; both are needed before the move.",
  source: SOURCE,
});

export const ApplicationRejected = defineEvent({
  type: 'growth.opening.application-rejected',
  version: 1,
  schema: z.strictObject({ applicantId: id, by: z.enum(APPROVERS) }),
  title: 'Internal application rejected',
  source: SOURCE,
});

export const OpeningFilled = defineEvent({
  type: 'growth.opening.filled',
  version: 1,
  schema: z.strictObject({ applicantId: id }),
  title: 'Internal opening filled',
  description: "The approved applicant moves: the position change is in the applicant's journey.",
  source: SOURCE,
});

// ── Courses (course-<courseId>) ─────────────────────────────────────────────

export const COURSE_PROVIDERS = ['internal', 'external'] as const;

export const CourseAdded = defineEvent({
  type: 'growth.course.added',
  version: 1,
  schema: z
    .strictObject({ title: z.string().trim().min(1).max(200), provider: z.enum(COURSE_PROVIDERS), url: z.url().optional(), skills: tags(20) })
    .refine((d) => d.provider === 'internal' || d.url !== undefined, { message: 'an external course needs its link', path: ['url'] }),
  title: 'Course added to the catalogue',
  source: SOURCE,
});

export const CourseEnrolled = defineEvent({
  type: 'growth.course.enrolled',
  version: 1,
  schema: z.strictObject({ employeeId: id }),
  title: 'Enrolled in a course',
  source: SOURCE,
});

export const CourseCompleted = defineEvent({
  type: 'growth.course.completed',
  version: 1,
  schema: z.strictObject({
    employeeId: id,
    completedOn: isoDate,
    /** The external learning system's own id of the completion: the same id again records nothing. */
    externalId: z.string().min(1).max(200).optional(),
  }),
  title: 'Course completed',
  source: SOURCE,
});

export const developmentPlanEvents = [DevelopmentGoalSet, DevelopmentActionAdded, DevelopmentActionCompleted, DevelopmentGoalAchieved, DevelopmentCheckInRecorded] as const;
export const moveEvents = [PositionChanged, MovePlanAssigned, MoveTaskCompleted] as const;
export const mentoringEvents = [
  MentoringRoundOpened, MentorOffered, MenteeEnrolled, MentorPairsProposed, MentorProposalAccepted, MentorProposalDeclined, MentorshipStarted, MentoringSessionRecorded,
] as const;
export const openingEvents = [OpeningPosted, ApplicationSubmitted, ApplicationApproved, ApplicationRejected, OpeningFilled] as const;
export const courseEvents = [CourseAdded, CourseEnrolled, CourseCompleted] as const;
export const growthEvents = [...developmentPlanEvents, ...moveEvents, ...mentoringEvents, ...openingEvents, ...courseEvents] as const;

export type DevelopmentPlanEvent = EventOf<(typeof developmentPlanEvents)[number]>;
export type MoveEvent = EventOf<(typeof moveEvents)[number]>;
export type MentoringEvent = EventOf<(typeof mentoringEvents)[number]>;
export type OpeningEvent = EventOf<(typeof openingEvents)[number]>;
export type CourseEvent = EventOf<(typeof courseEvents)[number]>;
