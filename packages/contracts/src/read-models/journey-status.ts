import { z } from 'zod';
import { isoDay } from '../calendar.ts';
import { journeyStageOn, journeyStageStateSchema } from '../journey-stage.ts';
import { JOURNEY_STAGES, type JourneyStage } from '../vocabulary.ts';
import { defineReadModel, type ReadModelDocument } from './define-read-model.ts';

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime();

export const onboardingTaskStatusSchema = z.object({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  required: z.boolean(),
  dueOffsetDays: z.int(),
  dueDate: isoDate.nullable().describe('Start date + dueOffsetDays; null while the start date is unknown.'),
  done: z.boolean(),
  completedAt: isoDateTime.nullable(),
});

/** Done and required counts of a plan: the onboarding's, and the offboarding's (offboarding-progress.ts). */
export const onboardingProgressSchema = z.object({
  done: z.int().min(0),
  total: z.int().min(0),
  requiredDone: z.int().min(0),
  requiredTotal: z.int().min(0),
});

/** The counts of a plan's tasks. */
export function taskProgressOf(tasks: readonly { done: boolean; required: boolean }[]): z.output<typeof onboardingProgressSchema> {
  const required = tasks.filter((t) => t.required);
  return {
    done: tasks.filter((t) => t.done).length,
    total: tasks.length,
    requiredDone: required.filter((t) => t.done).length,
    requiredTotal: required.length,
  };
}

/** One document per employee (id = employee id), written by the projector's journey-status projection. */
export const journeyStatusSchema = z.object({
  employeeId: z.string().min(1),
  stage: z
    .enum(JOURNEY_STAGES)
    .describe('The stage on the day of the last applied event. Pre-boarding ends on the start date without an event: readers judge it on their own day (`journeyStatusStageOn`).'),
  stageFold: journeyStageStateSchema.describe("The contracts journey-stage fold's state after the last applied event; the next event folds on from it."),
  startDate: isoDate.nullable(),
  department: z.string().nullable(),
  role: z.string().nullable(),
  level: z.string().nullable(),
  managerId: z.string().nullable(),
  location: z.string().nullable(),
  hiredAt: isoDateTime.nullable(),
  tasks: z.array(onboardingTaskStatusSchema),
  progress: onboardingProgressSchema,
  buddy: z.object({ buddyId: z.string(), kind: z.string(), assignedAt: isoDateTime }).nullable(),
  welcomeMessageSentAt: isoDateTime.nullable(),
  checkIns: z.array(z.object({ day: z.int(), rating: z.int(), recordedAt: isoDateTime })),
  onboardingCompletedAt: isoDateTime.nullable(),
  probation: z.object({ outcome: z.string(), newEndDate: isoDate.nullable(), recordedAt: isoDateTime }).nullable(),
  erasedAt: isoDateTime.nullable().optional().describe('The redaction marker: when the personal data was erased (right to erasure). Personal fields were never here; absent or null while not erased.'),
  lastAppliedRevision: z.int().min(-1).describe('The revision of the last event of the journey stream applied: read-your-writes waits on it.'),
  updatedAt: z.string().describe('occurredAt of the last applied event (never the wall clock, so a replay writes identical documents).'),
});

export const JourneyStatusReadModel = defineReadModel({
  collection: 'journeys',
  schema: journeyStatusSchema,
  idIs: 'the employee id',
  indexes: [],
});

export type JourneyStatus = ReadModelDocument<typeof JourneyStatusReadModel>;
export type OnboardingTaskStatus = z.output<typeof onboardingTaskStatusSchema>;
export type OnboardingProgress = z.output<typeof onboardingProgressSchema>;

/**
 * The stage of a status on the day of `at` (ISO day in UTC, a day early or late
 * at most for offices far from it): the fold's stage judged on that day, so
 * pre-boarding turns into onboarding on the start date. Before any hire the
 * stored stage stands.
 */
export function journeyStatusStageOn(status: Pick<JourneyStatus, 'stage' | 'stageFold'>, at: string | Date): JourneyStage {
  return journeyStageOn(status.stageFold, isoDay(at)) ?? status.stage;
}
