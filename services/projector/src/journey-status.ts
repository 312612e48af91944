import {
  addDays,
  BuddyAssigned,
  CheckInRecorded,
  EmployeeHired,
  type EventData,
  isoDay,
  type JourneyStage,
  OnboardingCompleted,
  OnboardingPlanAssigned,
  OnboardingTaskCompleted,
  ProbationOutcomeRecorded,
  StartDateChanged,
  WelcomeMessageSent,
  stageOnDay,
} from '@ejp/contracts';
import type { JourneyStatus, OnboardingProgress, OnboardingTaskStatus } from './read-models.ts';

/** What of an event the status needs: its safe, current-version data and when it happened. */
export interface StatusEvent {
  type: string;
  data: Record<string, unknown>;
  revision: number;
  occurredAt: string;
}

export function emptyStatus(employeeId: string): JourneyStatus {
  return {
    employeeId,
    stage: 'pre-boarding',
    startDate: null,
    department: null,
    role: null,
    level: null,
    managerId: null,
    location: null,
    hiredAt: null,
    tasks: [],
    progress: { done: 0, total: 0, requiredDone: 0, requiredTotal: 0 },
    buddy: null,
    welcomeMessageSentAt: null,
    checkIns: [],
    onboardingCompletedAt: null,
    probation: null,
    lastAppliedRevision: -1,
    updatedAt: '',
  };
}

/**
 * Pre-boarding ends on the start date: no event marks that day, so the stage
 * is judged against a time (the event's for touchpoints, the reader's clock
 * for "current stage"). Dates compare in UTC, a day early or late at most for
 * offices far from it.
 */
export function effectiveStage(status: Pick<JourneyStatus, 'stage' | 'startDate'>, at: string | Date): JourneyStage {
  return stageOnDay(status.stage, status.startDate, isoDay(at));
}

export { addDays };

function withDueDates(tasks: OnboardingTaskStatus[], startDate: string | null): OnboardingTaskStatus[] {
  return tasks.map((t) => ({ ...t, dueDate: startDate === null ? null : addDays(startDate, t.dueOffsetDays) }));
}

function progressOf(tasks: OnboardingTaskStatus[]): OnboardingProgress {
  const required = tasks.filter((t) => t.required);
  return {
    done: tasks.filter((t) => t.done).length,
    total: tasks.length,
    requiredDone: required.filter((t) => t.done).length,
    requiredTotal: required.length,
  };
}

/**
 * Applies one event to the status (pure: returns a new document). Types that
 * do not concern the status only advance lastAppliedRevision. Every time in
 * the result comes from the event, never the clock, so replays are identical.
 */
export function applyToStatus(before: JourneyStatus, event: StatusEvent): JourneyStatus {
  const s: JourneyStatus = { ...before, lastAppliedRevision: event.revision, updatedAt: event.occurredAt };
  const at = event.occurredAt;
  switch (event.type) {
    case EmployeeHired.type: {
      const d = event.data as EventData<typeof EmployeeHired>;
      Object.assign(s, {
        stage: 'pre-boarding',
        startDate: d.startDate,
        department: d.department,
        role: d.role,
        level: d.level,
        managerId: d.managerId,
        location: d.location,
        hiredAt: at,
        tasks: withDueDates(s.tasks, d.startDate),
      });
      break;
    }
    case OnboardingPlanAssigned.type: {
      // A re-assigned plan replaces the tasks; a task kept under the same id keeps its completion.
      const previous = new Map(s.tasks.map((t) => [t.id, t]));
      const tasks = (event.data as EventData<typeof OnboardingPlanAssigned>).tasks.map((t) => ({
        id: t.id,
        title: t.title,
        owner: t.owner,
        required: t.required,
        dueOffsetDays: t.dueOffsetDays,
        dueDate: null,
        done: previous.get(t.id)?.done ?? false,
        completedAt: previous.get(t.id)?.completedAt ?? null,
      }));
      s.tasks = withDueDates(tasks, s.startDate);
      break;
    }
    case OnboardingTaskCompleted.type: {
      const { taskId } = event.data as EventData<typeof OnboardingTaskCompleted>;
      // Completing twice keeps the first time; a task not in the plan is only on the timeline.
      s.tasks = s.tasks.map((t) => (t.id === taskId && !t.done ? { ...t, done: true, completedAt: at } : t));
      break;
    }
    case StartDateChanged.type: {
      const { to } = event.data as EventData<typeof StartDateChanged>;
      s.startDate = to;
      s.tasks = withDueDates(s.tasks, to);
      break;
    }
    case BuddyAssigned.type: {
      const d = event.data as EventData<typeof BuddyAssigned>;
      s.buddy = { buddyId: d.buddyId, kind: d.kind, assignedAt: at };
      break;
    }
    case WelcomeMessageSent.type:
      s.welcomeMessageSentAt ??= at;
      break;
    case CheckInRecorded.type: {
      const d = event.data as EventData<typeof CheckInRecorded>;
      // One check-in per day mark: a re-recorded day 30 replaces the first.
      s.checkIns = [...s.checkIns.filter((c) => c.day !== d.day), { day: d.day, rating: d.rating, recordedAt: at }].sort((a, b) => a.day - b.day);
      break;
    }
    case OnboardingCompleted.type:
      s.onboardingCompletedAt = at;
      s.stage = 'probation';
      break;
    case ProbationOutcomeRecorded.type: {
      const d = event.data as EventData<typeof ProbationOutcomeRecorded>;
      s.probation = { outcome: d.outcome, newEndDate: d.outcome === 'extended' ? d.newEndDate : null, recordedAt: at };
      s.stage = d.outcome === 'passed' ? 'in-role' : d.outcome === 'extended' ? 'probation' : 'offboarding';
      break;
    }
  }
  s.progress = progressOf(s.tasks);
  // Any event on or after the start date proves pre-boarding is over.
  s.stage = effectiveStage(s, at);
  return s;
}
