import { ACTOR_KINDS, isoDay, JOURNEY_STAGES, stageOnDay } from '@ejp/contracts';
import { z } from 'zod';

/**
 * The read models the projector (`@ejp/projector`, read-models.ts) writes, as
 * this API reads and returns them. The projector owns the shapes; these
 * schemas describe them for the OpenAPI document and strip anything else the
 * store keeps. The API's tests seed the store through the real projector, so
 * a drift between the two fails them (responses are validated on the way out).
 */

export const TIMELINE_COLLECTION = 'timeline';
export const JOURNEYS_COLLECTION = 'journeys';

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime();

export const timelineEntrySchema = z
  .object({
    eventId: z.uuid(),
    revision: z.int().min(0).describe('Position in the employee\'s journey stream: the journey order.'),
    occurredAt: isoDateTime.describe('When it happened.'),
    recordedAt: isoDateTime.describe('When the platform recorded it (what `asOf` compares with).'),
    stage: z.enum(JOURNEY_STAGES).describe('The stage the employee was in when it happened.'),
    type: z.string().describe('Event type, e.g. journey.employee.hired.'),
    version: z.int().min(1).describe('Version of the data shown (always the current version of the type).'),
    title: z.string().describe('Human-readable one-line summary.'),
    actor: z.object({ id: z.string(), kind: z.enum(ACTOR_KINDS) }),
    source: z.string().describe('The service that recorded it.'),
    data: z.record(z.string(), z.unknown()).describe('The event data without personal fields.'),
    withheld: z.array(z.string()).describe('JSON paths of personal fields left out of `data`, e.g. `$.email`.'),
  })
  .describe('One touchpoint of the journey');
export type TimelineEntry = z.output<typeof timelineEntrySchema>;

export const taskSchema = z.object({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  required: z.boolean(),
  dueOffsetDays: z.int(),
  dueDate: isoDate.nullable().describe('Start date + dueOffsetDays; null while the start date is unknown.'),
  done: z.boolean(),
  completedAt: isoDateTime.nullable(),
});
export type Task = z.output<typeof taskSchema>;

export const progressSchema = z.object({
  done: z.int().min(0),
  total: z.int().min(0),
  requiredDone: z.int().min(0),
  requiredTotal: z.int().min(0),
});

/** The journey-status document as stored (one per employee, id = employee id). */
export const journeyStatusSchema = z.object({
  employeeId: z.string(),
  stage: z.enum(JOURNEY_STAGES),
  startDate: isoDate.nullable(),
  department: z.string().nullable(),
  role: z.string().nullable(),
  level: z.string().nullable(),
  managerId: z.string().nullable(),
  location: z.string().nullable(),
  hiredAt: isoDateTime.nullable(),
  tasks: z.array(taskSchema),
  progress: progressSchema,
  buddy: z.object({ buddyId: z.string(), kind: z.string(), assignedAt: isoDateTime }).nullable(),
  welcomeMessageSentAt: isoDateTime.nullable(),
  checkIns: z.array(z.object({ day: z.int(), rating: z.int(), recordedAt: isoDateTime })),
  onboardingCompletedAt: isoDateTime.nullable(),
  probation: z.object({ outcome: z.string(), newEndDate: isoDate.nullable(), recordedAt: isoDateTime }).nullable(),
  lastAppliedRevision: z.int(),
  updatedAt: z.string(),
});
export type JourneyStatusDocument = z.output<typeof journeyStatusSchema>;

/**
 * Pre-boarding ends on the start date, which no event marks: the projector
 * stores the stage as of the last event, and the reader judges it against
 * its clock (the projector's `effectiveStage` applies the same rule to each
 * touchpoint). Dates compare in UTC.
 */
export function currentStage(status: Pick<JourneyStatusDocument, 'stage' | 'startDate'>, now: Date): JourneyStatusDocument['stage'] {
  return stageOnDay(status.stage, status.startDate, isoDay(now));
}
