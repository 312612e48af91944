import { z } from 'zod';
import { APPROVERS, COURSE_PROVIDERS, MATCH_FACTORS, MOVE_KINDS, PAIR_SIDES } from '../events/growth.ts';
import { defineReadModel, type ReadModelDocument } from './define-read-model.ts';
import { onboardingProgressSchema } from './journey-status.ts';

/**
 * The growth centre's read models, written by the projector's growth
 * projections and served by the journey API. None holds personal data: goal
 * and action titles and check-in notes are the employee's and stay in the
 * (encrypted) events; ids, skills, dates and counts are here.
 */

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime();
const bookkeeping = {
  lastAppliedRevision: z.int().min(-1),
  updatedAt: z.string().describe('occurredAt of the last applied event.'),
};

// ── development_plans: one per employee ─────────────────────────────────────

export const developmentPlanSchema = z.object({
  employeeId: z.string(),
  managerId: z.string().nullable().describe('The current manager (hire, rehire or the latest position change): who checks in on the plan.'),
  goals: z.array(z.object({ goalId: z.string(), skills: z.array(z.string()), targetDate: isoDate.nullable(), achieved: z.boolean(), setAt: isoDateTime })),
  actions: z.array(z.object({ actionId: z.string(), goalId: z.string(), dueOn: isoDate, done: z.boolean(), completedOn: isoDate.nullable() })),
  checkIns: z.array(z.object({ checkInId: z.string(), progress: z.int(), byId: z.string(), recordedAt: isoDateTime })),
  progress: z.object({
    goalsAchieved: z.int().min(0),
    goals: z.int().min(0),
    actionsDone: z.int().min(0),
    actions: z.int().min(0),
    latestCheckIn: z.int().min(0).max(100).nullable().describe("The manager's last judgement, in percent."),
  }),
  ...bookkeeping,
});

export const DevelopmentPlanReadModel = defineReadModel({ collection: 'development_plans', schema: developmentPlanSchema, idIs: 'the employee id', indexes: [] });
export type DevelopmentPlan = ReadModelDocument<typeof DevelopmentPlanReadModel>;

// ── mentoring_rounds: one per round, with its mentor directory ──────────────

export const mentoringRoundSchema = z.object({
  roundId: z.string(),
  title: z.string(),
  status: z.enum(['open', 'matched']),
  openedAt: isoDateTime,
  mentors: z.array(
    z.object({
      mentorId: z.string(),
      department: z.string(),
      seniority: z.int(),
      skills: z.array(z.string()),
      topics: z.array(z.string()),
      capacity: z.int().min(1),
      proposed: z.int().min(0).describe('Mentees proposed to this mentor and not declined.'),
    }),
  ),
  menteeIds: z.array(z.string()).describe('Who enrolled as a mentee.'),
  unmatched: z.int().min(0),
  totalScore: z.int().min(0).nullable(),
  ...bookkeeping,
});

export const MentoringRoundReadModel = defineReadModel({ collection: 'mentoring_rounds', schema: mentoringRoundSchema, idIs: 'the round id', indexes: [['openedAt']] });
export type MentoringRound = ReadModelDocument<typeof MentoringRoundReadModel>;

// ── mentorships: one per proposed pair ──────────────────────────────────────

export const MENTORSHIP_STATES = ['proposed', 'started', 'declined'] as const;

export const mentorshipSchema = z.object({
  roundId: z.string(),
  mentorId: z.string(),
  menteeId: z.string(),
  score: z.int(),
  reasons: z.array(z.object({ factor: z.enum(MATCH_FACTORS), points: z.int(), detail: z.string() })).describe('Why the pair was proposed: the parts of its score.'),
  status: z.enum(MENTORSHIP_STATES),
  acceptedBy: z.array(z.enum(PAIR_SIDES)),
  sessions: z.int().min(0),
  lastSessionOn: isoDate.nullable(),
  proposedAt: isoDateTime,
});

export const MentorshipReadModel = defineReadModel({
  collection: 'mentorships',
  schema: mentorshipSchema,
  idIs: '`<roundId>|<menteeId>`',
  indexes: [['menteeId', 'proposedAt'], ['mentorId', 'proposedAt']],
});
export type Mentorship = ReadModelDocument<typeof MentorshipReadModel>;
export const mentorshipId = (roundId: string, menteeId: string) => `${roundId}|${menteeId}`;

// ── openings and internal_applications ──────────────────────────────────────

export const openingSchema = z.object({
  openingId: z.string(),
  kind: z.enum(MOVE_KINDS),
  title: z.string(),
  department: z.string(),
  role: z.string(),
  level: z.string(),
  managerId: z.string().nullable(),
  skills: z.array(z.string()),
  startsOn: isoDate,
  status: z.enum(['open', 'filled']),
  applications: z.int().min(0),
  filledBy: z.string().nullable(),
  postedAt: isoDateTime,
  ...bookkeeping,
});

export const OpeningReadModel = defineReadModel({ collection: 'openings', schema: openingSchema, idIs: 'the opening id', indexes: [['status', 'startsOn']] });
export type Opening = ReadModelDocument<typeof OpeningReadModel>;

export const APPLICATION_STATES = ['submitted', 'rejected', 'approved', 'filled'] as const;

export const internalApplicationSchema = z.object({
  openingId: z.string(),
  applicantId: z.string(),
  opening: openingSchema.pick({ kind: true, title: true, department: true, role: true, startsOn: true }),
  status: z.enum(APPLICATION_STATES).describe('approved: by the current manager (if any) and HR; filled: the opening is theirs.'),
  approvedBy: z.array(z.enum(APPROVERS)),
  submittedAt: isoDateTime,
});

export const InternalApplicationReadModel = defineReadModel({
  collection: 'internal_applications',
  schema: internalApplicationSchema,
  idIs: '`<openingId>|<applicantId>`',
  indexes: [['applicantId', 'submittedAt']],
});
export type InternalApplication = ReadModelDocument<typeof InternalApplicationReadModel>;
export const applicationId = (openingId: string, applicantId: string) => `${openingId}|${applicantId}`;

// ── skill_coverage: one cell per department and skill ───────────────────────

export const skillCoverageCellSchema = z.object({
  department: z.string(),
  skill: z.string(),
  growing: z.int().min(0).describe('Employees of the department with an open development goal on the skill.'),
  achieved: z.int().min(0).describe('Employees of the department who achieved a development goal on the skill.'),
});

export const SkillCoverageReadModel = defineReadModel({ collection: 'skill_coverage', schema: skillCoverageCellSchema, idIs: '`<department>|<skill>`', indexes: [['skill']] });
export type SkillCoverageCell = ReadModelDocument<typeof SkillCoverageReadModel>;
export const skillCoverageCellId = (department: string, skill: string) => `${department}|${skill}`;

const positionSchema = z.object({ department: z.string(), role: z.string(), level: z.string(), managerId: z.string().nullable() });

// ── moves: the latest position change of an employee, with its task list ────

export const moveSchema = z.object({
  employeeId: z.string(),
  kind: z.enum(MOVE_KINDS),
  effectiveOn: isoDate,
  openingId: z.string().nullable(),
  from: positionSchema,
  to: positionSchema,
  tasks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      owner: z.string(),
      required: z.boolean(),
      dueOffsetDays: z.int(),
      dueDate: isoDate.describe('effectiveOn + dueOffsetDays.'),
      done: z.boolean(),
      completedAt: isoDateTime.nullable(),
    }),
  ),
  progress: onboardingProgressSchema.describe("The same counts as the onboarding plan's."),
  movedAt: isoDateTime,
  ...bookkeeping,
});

export const MoveReadModel = defineReadModel({ collection: 'moves', schema: moveSchema, idIs: 'the employee id', indexes: [['effectiveOn']] });
export type Move = ReadModelDocument<typeof MoveReadModel>;

// ── courses and learning_records ────────────────────────────────────────────

export const courseSchema = z.object({
  courseId: z.string(),
  title: z.string(),
  provider: z.enum(COURSE_PROVIDERS),
  url: z.string().nullable(),
  skills: z.array(z.string()),
  enrolled: z.int().min(0),
  completed: z.int().min(0),
  addedAt: isoDateTime,
  ...bookkeeping,
});

export const CourseReadModel = defineReadModel({ collection: 'courses', schema: courseSchema, idIs: 'the course id', indexes: [['title']] });
export type Course = ReadModelDocument<typeof CourseReadModel>;

export const learningRecordSchema = z.object({
  courseId: z.string(),
  employeeId: z.string(),
  course: courseSchema.pick({ title: true, provider: true, url: true, skills: true }),
  status: z.enum(['enrolled', 'completed']),
  enrolledAt: isoDateTime.nullable(),
  completedOn: isoDate.nullable(),
  externalId: z.string().nullable().describe("The external learning system's id of the completion, when it posted it."),
});

export const LearningRecordReadModel = defineReadModel({ collection: 'learning_records', schema: learningRecordSchema, idIs: '`<courseId>|<employeeId>`', indexes: [['employeeId', 'courseId']] });
export type LearningRecord = ReadModelDocument<typeof LearningRecordReadModel>;
