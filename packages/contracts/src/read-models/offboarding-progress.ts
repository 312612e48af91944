import { z } from 'zod';
import { EXIT_REASONS, OFFBOARDING_INITIATORS, OFFBOARDING_KINDS, OFFBOARDING_TASK_KINDS, OFFBOARDING_TASK_OWNERS } from '../events/offboarding.ts';
import { defineReadModel, type ReadModelDocument } from './define-read-model.ts';
import { onboardingProgressSchema } from './journey-status.ts';

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime();

export const offboardingTaskStatusSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(OFFBOARDING_TASK_KINDS),
  owner: z.enum(OFFBOARDING_TASK_OWNERS),
  required: z.boolean(),
  dueOffsetDays: z.int().describe('Days relative to the last day, negative before it.'),
  dueDate: isoDate.describe('Last day + dueOffsetDays: moves when the last day changes.'),
  buddyOf: z.string().nullable().describe('buddy-handover only: the newcomer who needs a new buddy.'),
  done: z.boolean(),
  completedAt: isoDateTime.nullable(),
});

export const OFFBOARDING_PROGRESS_STATES = ['not-started', 'in-progress', 'withdrawn', 'departed'] as const;

/**
 * One document per employee (id = employee id): the offboarding of the
 * current chapter. Personal data stays out: the exit interview shows only
 * that it is done and its attributed primary reason (never the notes), a
 * departure override only that it happened and which rule it set aside
 * (never its reason).
 */
export const offboardingProgressSchema = z.object({
  employeeId: z.string().min(1),
  chapter: z.int().min(0).describe('The chapter of the journey this offboarding ends (2 after a rehire).'),
  state: z.enum(OFFBOARDING_PROGRESS_STATES),
  kind: z.enum(OFFBOARDING_KINDS).nullable(),
  voluntary: z.boolean().nullable(),
  regrettable: z.boolean().nullable(),
  initiatedBy: z.enum(OFFBOARDING_INITIATORS).nullable(),
  startedAt: isoDateTime.nullable(),
  lastDay: isoDate.nullable(),
  tasks: z.array(offboardingTaskStatusSchema),
  progress: onboardingProgressSchema.describe('The same counts as the onboarding plan\'s.'),
  exitInterview: z.object({ recordedAt: isoDateTime, primaryReason: z.enum(EXIT_REASONS) }).nullable().describe('null until the interview is recorded.'),
  accessRemovalDueOn: isoDate.nullable(),
  departure: z
    .object({
      departedOn: isoDate,
      overridden: z.boolean().describe('A rule was set aside (its reason is personal data and not shown).'),
      openTasks: z.array(z.string()).describe('Ids of required tasks open at the departure (override only).'),
      beforeLastDay: z.boolean(),
    })
    .nullable(),
  erasedAt: isoDateTime.nullable().optional().describe('The redaction marker: when the personal data was erased (right to erasure). Personal fields were never here; absent or null while not erased.'),
  lastAppliedRevision: z.int().min(-1),
  updatedAt: z.string().describe('occurredAt of the last applied event.'),
});

export const OffboardingProgressReadModel = defineReadModel({
  collection: 'offboarding_progress',
  schema: offboardingProgressSchema,
  idIs: 'the employee id',
  indexes: [],
});

export type OffboardingProgress = ReadModelDocument<typeof OffboardingProgressReadModel>;
export type OffboardingTaskStatus = z.output<typeof offboardingTaskStatusSchema>;
