import {
  AccessRemovalDue,
  addDays,
  EmployeeDeparted,
  EmployeeErased,
  EmployeeHired,
  EmployeeRehired,
  type EventData,
  ExitInterviewRecorded,
  JourneyStreams,
  LastDayChanged,
  OffboardingPlanAssigned,
  OffboardingStarted,
  OffboardingTaskCompleted,
  ResignationWithdrawn,
} from '@ejp/contracts';
import { type OffboardingProgress, OffboardingProgressReadModel, type OffboardingTaskStatus, taskProgressOf } from '@ejp/contracts/read-models';
import { type ProjectedEvent, type Projection, singleStreamProjection } from '@ejp/projection-kit';

/** The events that change an offboarding, and the hires that open a chapter (and with it a fresh, empty offboarding). */
const HANDLED = [
  EmployeeHired,
  EmployeeRehired,
  OffboardingStarted,
  ResignationWithdrawn,
  OffboardingPlanAssigned,
  OffboardingTaskCompleted,
  LastDayChanged,
  AccessRemovalDue,
  ExitInterviewRecorded,
  EmployeeDeparted,
  EmployeeErased,
].map((d) => d.type);

export function emptyOffboarding(employeeId: string, chapter = 0): OffboardingProgress {
  return {
    employeeId,
    chapter,
    state: 'not-started',
    kind: null,
    voluntary: null,
    regrettable: null,
    initiatedBy: null,
    startedAt: null,
    lastDay: null,
    tasks: [],
    progress: { done: 0, total: 0, requiredDone: 0, requiredTotal: 0 },
    exitInterview: null,
    accessRemovalDueOn: null,
    departure: null,
    erasedAt: null,
    lastAppliedRevision: -1,
    updatedAt: '',
  };
}

const withDueDates = (tasks: OffboardingTaskStatus[], lastDay: string | null): OffboardingTaskStatus[] =>
  lastDay === null ? tasks : tasks.map((t) => ({ ...t, dueDate: addDays(lastDay, t.dueOffsetDays) }));

/**
 * Applies one event to the offboarding of the current chapter (pure; times
 * from the event). A hire or rehire opens a new chapter, read from the
 * event type's journey declaration as the stage fold reads it, and starts
 * from an empty offboarding: the old chapter's stays on the timeline.
 */
export function evolveOffboardingProgress(before: OffboardingProgress, event: Pick<ProjectedEvent, 'type' | 'data' | 'revision' | 'occurredAt' | 'definition'>): OffboardingProgress {
  const at = event.occurredAt;
  let s: OffboardingProgress = { ...before, lastAppliedRevision: event.revision, updatedAt: at };
  if (event.definition?.journey?.opensChapter) s = { ...emptyOffboarding(before.employeeId, before.chapter + 1), lastAppliedRevision: event.revision, updatedAt: at };
  switch (event.type) {
    case OffboardingStarted.type: {
      const d = event.data as EventData<typeof OffboardingStarted>;
      // A new start (after a withdrawn resignation) begins with an empty plan.
      s = { ...emptyOffboarding(s.employeeId, s.chapter), lastAppliedRevision: s.lastAppliedRevision, updatedAt: at };
      Object.assign(s, { state: 'in-progress', kind: d.kind, voluntary: d.voluntary, regrettable: d.regrettable, initiatedBy: d.initiatedBy, startedAt: at, lastDay: d.lastDay });
      break;
    }
    case EmployeeErased.type:
      s.erasedAt ??= at;
      break;
    case ResignationWithdrawn.type:
      s.state = 'withdrawn';
      break;
    case OffboardingPlanAssigned.type: {
      const previous = new Map(s.tasks.map((t) => [t.id, t]));
      const tasks = (event.data as EventData<typeof OffboardingPlanAssigned>).tasks.map((t) => ({
        id: t.id,
        title: t.title,
        kind: t.kind,
        owner: t.owner,
        required: t.required,
        dueOffsetDays: t.dueOffsetDays,
        dueDate: '',
        buddyOf: t.buddyOf ?? null,
        done: previous.get(t.id)?.done ?? false,
        completedAt: previous.get(t.id)?.completedAt ?? null,
      }));
      s.tasks = withDueDates(tasks, s.lastDay);
      break;
    }
    case OffboardingTaskCompleted.type: {
      const { taskId } = event.data as EventData<typeof OffboardingTaskCompleted>;
      s.tasks = s.tasks.map((t) => (t.id === taskId && !t.done ? { ...t, done: true, completedAt: at } : t));
      break;
    }
    case LastDayChanged.type:
      s.lastDay = (event.data as EventData<typeof LastDayChanged>).to;
      s.tasks = withDueDates(s.tasks, s.lastDay);
      break;
    case AccessRemovalDue.type:
      s.accessRemovalDueOn = (event.data as EventData<typeof AccessRemovalDue>).dueOn;
      break;
    case ExitInterviewRecorded.type:
      // The primary reason is attributed, not personal; the notes never reach a projection.
      s.exitInterview = { recordedAt: at, primaryReason: (event.data as EventData<typeof ExitInterviewRecorded>).primaryReason };
      break;
    case EmployeeDeparted.type: {
      // The override's reason is withheld (personal): only that a rule was set aside, and which, are shown.
      const d = event.data as Omit<EventData<typeof EmployeeDeparted>, 'override'> & { override?: { openTasks: string[]; beforeLastDay: boolean } };
      s.state = 'departed';
      s.departure = { departedOn: d.departedOn, overridden: d.override !== undefined, openTasks: d.override?.openTasks ?? [], beforeLastDay: d.override?.beforeLastDay ?? false };
      break;
    }
  }
  s.progress = taskProgressOf(s.tasks);
  // A later chapter of an erased employee cannot happen (commands answer 410); the marker survives a reset all the same.
  if (before.erasedAt && !s.erasedAt) s.erasedAt = before.erasedAt;
  return s;
}

/** One offboarding document per employee: the current chapter's. */
export function offboardingProgressProjection(): Projection {
  return singleStreamProjection({
    name: 'offboarding-progress',
    version: 1,
    readModel: OffboardingProgressReadModel,
    category: JourneyStreams,
    canHandle: HANDLED,
    initial: (event) => emptyOffboarding(event.subject),
    evolve: evolveOffboardingProgress,
  });
}
