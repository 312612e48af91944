import {
  addDays,
  BuddyAssigned,
  CheckInRecorded,
  EmployeeErased,
  EmployeeHired,
  EmployeeRehired,
  type EventCatalogue,
  type EventData,
  eventCatalogue,
  evolveJourneyStage,
  initialJourneyStage,
  isoDay,
  JourneyStreams,
  journeyStageOn,
  OnboardingCompleted,
  OnboardingPlanAssigned,
  OnboardingTaskCompleted,
  PositionChanged,
  ProbationOutcomeRecorded,
  WelcomeMessageSent,
} from '@ejp/contracts';
import { type JourneyStatus, JourneyStatusReadModel, managerChanges, type OnboardingTaskStatus, taskProgressOf } from '@ejp/contracts/read-models';
import { type ProjectedEvent, type Projection, singleStreamProjection } from '@ejp/projection-kit';

/** What of an event the status needs: its safe, current-version data and when it happened. */
export type StatusEvent = Pick<ProjectedEvent, 'type' | 'data' | 'revision' | 'occurredAt'>;

export function emptyStatus(employeeId: string): JourneyStatus {
  return {
    employeeId,
    stage: 'pre-boarding',
    stageFold: initialJourneyStage(),
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
    erasedAt: null,
    lastAppliedRevision: -1,
    updatedAt: '',
  };
}

function withDueDates(tasks: OnboardingTaskStatus[], startDate: string | null): OnboardingTaskStatus[] {
  return tasks.map((t) => ({ ...t, dueDate: startDate === null ? null : addDays(startDate, t.dueOffsetDays) }));
}

/**
 * Applies one event to the status (pure: returns a new document). The stage
 * and start date come from the contracts journey-stage fold, kept in
 * `stageFold`; `stage` is the fold's stage judged on the event's day (any
 * event on or after the start date shows pre-boarding is over). Types that do
 * not concern the status only advance lastAppliedRevision. Every time in the
 * result comes from the event, never the clock, so replays are identical.
 */
export function evolveJourneyStatus(before: JourneyStatus, event: StatusEvent, catalogue: EventCatalogue = eventCatalogue): JourneyStatus {
  const at = event.occurredAt;
  const s: JourneyStatus = { ...before, lastAppliedRevision: event.revision, updatedAt: at };
  switch (event.type) {
    case EmployeeHired.type: {
      const d = event.data as EventData<typeof EmployeeHired>;
      Object.assign(s, { department: d.department, role: d.role, level: d.level, managerId: d.managerId, location: d.location, hiredAt: at });
      break;
    }
    case EmployeeRehired.type: {
      // A new chapter: its position, and an onboarding of its own (the old chapter's stays on the timeline).
      const d = event.data as EventData<typeof EmployeeRehired>;
      const fresh = emptyStatus(s.employeeId);
      Object.assign(s, {
        department: d.department,
        role: d.role,
        level: d.level,
        managerId: d.managerId,
        location: d.location,
        hiredAt: at,
        tasks: fresh.tasks,
        buddy: fresh.buddy,
        welcomeMessageSentAt: fresh.welcomeMessageSentAt,
        checkIns: fresh.checkIns,
        onboardingCompletedAt: fresh.onboardingCompletedAt,
        probation: fresh.probation,
      });
      break;
    }
    case PositionChanged.type: {
      // A transfer, promotion or rotation: the reporting line and the department (every segment) follow; the onboarding stays.
      const d = event.data as EventData<typeof PositionChanged>;
      Object.assign(s, { department: d.department, role: d.role, level: d.level, managerId: d.managerId });
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
    case BuddyAssigned.type: {
      const d = event.data as EventData<typeof BuddyAssigned>;
      s.buddy = { buddyId: d.buddyId, kind: d.kind, assignedAt: at };
      break;
    }
    case EmployeeErased.type:
      // The redaction marker: the status never held personal fields, and the first erasure time stands.
      s.erasedAt ??= at;
      break;
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
      break;
    case ProbationOutcomeRecorded.type: {
      const d = event.data as EventData<typeof ProbationOutcomeRecorded>;
      s.probation = { outcome: d.outcome, newEndDate: d.outcome === 'extended' ? d.newEndDate : null, recordedAt: at };
      break;
    }
  }
  // Every declared manager change (the hire's, a change of manager, a transfer another service records) moves managerId.
  const managerChange = managerChanges.find((change) => change.type === event.type);
  if (managerChange) s.managerId = managerChange.managerOf(event.data);
  s.stageFold = evolveJourneyStage(before.stageFold, event, catalogue);
  s.startDate = s.stageFold.startDate;
  if (s.startDate !== before.startDate) s.tasks = withDueDates(s.tasks, s.startDate);
  s.stage = journeyStageOn(s.stageFold, isoDay(at)) ?? s.stage;
  s.progress = taskProgressOf(s.tasks);
  return s;
}

export interface JourneyStatusProjectionOptions {
  catalogue?: EventCatalogue;
}

/**
 * One status document per employee. Every event of the journey stream
 * advances `lastAppliedRevision`, whatever its type (one a newer service
 * appends included): read-your-writes waits on it for the revision a command
 * answered with.
 */
export function journeyStatusProjection(options: JourneyStatusProjectionOptions = {}): Projection {
  return singleStreamProjection({
    name: 'journey-status',
    // 2: a rehire starts the new chapter's position and onboarding. 3: a position change moves department, role, level and manager.
    version: 3,
    readModel: JourneyStatusReadModel,
    category: JourneyStreams,
    canHandle: 'every-event',
    initial: (event) => emptyStatus(event.subject),
    evolve: (status, event) => evolveJourneyStatus(status, event, options.catalogue),
  });
}
