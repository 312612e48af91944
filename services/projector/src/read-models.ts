import type { Actor, JourneyStage } from '@ejp/contracts';

/**
 * The documents the timeline projection writes. The journey API reads them
 * (it describes the same shapes with zod for its responses), so a field is
 * only ever added here, never renamed: a rename needs a rebuild AND a
 * coordinated API release.
 *
 * Revisions are plain numbers: a per-employee stream never comes near 2^53
 * events, and numbers sort and compare natively in both SQLite and MongoDB.
 * Times are ISO 8601 in UTC (`toISOString`), so they also compare as strings.
 */

export const TIMELINE_COLLECTION = 'timeline';
export const JOURNEYS_COLLECTION = 'journeys';

/** One touchpoint of an employee's journey; its id in the store is the event id. */
export interface TimelineEntry {
  employeeId: string;
  eventId: string;
  /** Position in the employee's stream: the journey order. */
  revision: number;
  /** When it happened (the writer's clock). */
  occurredAt: string;
  /** When the event store recorded it: what `asOf` filters on. */
  recordedAt: string;
  /** The stage the employee was in when it happened (before any move the event itself causes). */
  stage: JourneyStage;
  type: string;
  /** The version the data is shown in: always the catalogue's current one (older events are upcast). */
  version: number;
  title: string;
  actor: Actor;
  /** The service that appended the event (the catalogue's `source`). */
  source: string;
  /** The event data without its personal fields: read models hold no personal data. */
  data: Record<string, unknown>;
  /** JSON paths of the personal fields left out of `data` (`$.email`), so a reader knows something is not shown. */
  withheld: string[];
}

export interface OnboardingTaskStatus {
  id: string;
  title: string;
  owner: string;
  required: boolean;
  dueOffsetDays: number;
  /** startDate + dueOffsetDays (an ISO date); null while the start date is unknown. */
  dueDate: string | null;
  done: boolean;
  completedAt: string | null;
}

export interface OnboardingProgress {
  done: number;
  total: number;
  requiredDone: number;
  requiredTotal: number;
}

/** One document per employee; its id in the store is the employee id. */
export interface JourneyStatus {
  employeeId: string;
  /**
   * The stage after the last applied event, judged at that event's time.
   * Pre-boarding turns into onboarding on the start date without any event,
   * so readers re-judge it against their own clock (see `effectiveStage`).
   */
  stage: JourneyStage;
  startDate: string | null;
  department: string | null;
  role: string | null;
  level: string | null;
  managerId: string | null;
  location: string | null;
  hiredAt: string | null;
  tasks: OnboardingTaskStatus[];
  progress: OnboardingProgress;
  buddy: { buddyId: string; kind: string; assignedAt: string } | null;
  welcomeMessageSentAt: string | null;
  checkIns: { day: number; rating: number; recordedAt: string }[];
  onboardingCompletedAt: string | null;
  probation: { outcome: string; newEndDate: string | null; recordedAt: string } | null;
  /** The revision of the last event applied: events at or below it are skipped, and read-your-writes waits on it. */
  lastAppliedRevision: number;
  /** occurredAt of the last applied event (never the wall clock, so a replay writes identical documents). */
  updatedAt: string;
}
