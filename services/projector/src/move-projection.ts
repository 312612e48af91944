import { addDays, type EventData, JourneyStreams, moveEvents, type MovePlanAssigned, type PositionChanged } from '@ejp/contracts';
import { type Move, MoveReadModel, taskProgressOf } from '@ejp/contracts/read-models';
import { fanOutProjection, type ProjectedEvent, type Projection, put } from '@ejp/projection-kit';

/**
 * An employee's latest move (transfer, promotion, rotation) with its task
 * list, due dates counted from the effective day as onboarding's are from the
 * start date. Only employees who moved have a document.
 */

const bookkeeping = (event: ProjectedEvent) => ({ lastAppliedRevision: event.revision, updatedAt: event.occurredAt });

export function evolveMove(before: Move | undefined, event: ProjectedEvent): Move | undefined {
  switch (event.type) {
    case 'journey.employee.position-changed': {
      const { kind, effectiveOn, openingId, from, department, role, level, managerId } = event.data as EventData<typeof PositionChanged>;
      const to = { department, role, level, managerId };
      return { employeeId: event.subject, kind, effectiveOn, openingId: openingId ?? null, from, to, tasks: [], progress: taskProgressOf([]), movedAt: event.occurredAt, ...bookkeeping(event) };
    }
    case 'journey.move.plan-assigned': {
      if (!before) return before;
      const { effectiveOn, tasks } = event.data as EventData<typeof MovePlanAssigned>;
      const planned = tasks.map((t) => ({ ...t, dueDate: addDays(effectiveOn, t.dueOffsetDays), done: false, completedAt: null }));
      return { ...before, tasks: planned, progress: taskProgressOf(planned), ...bookkeeping(event) };
    }
    case 'journey.move.task-completed': {
      if (!before) return before;
      const tasks = before.tasks.map((t) => (t.id === event.data.taskId && !t.done ? { ...t, done: true, completedAt: event.occurredAt } : t));
      return { ...before, tasks, progress: taskProgressOf(tasks), ...bookkeeping(event) };
    }
    default:
      return before;
  }
}

/** The latest move of each employee who moved, with its task list and due dates from the effective day. */
export function moveProjection(): Projection {
  return fanOutProjection<{ move: Move | null }>({
    name: 'moves',
    version: 1,
    canHandle: moveEvents.map((e) => e.type),
    categories: [JourneyStreams],
    readModels: [MoveReadModel],
    streamState: { collection: 'moves_state', initial: () => ({ move: null }), evolve: (state, event) => ({ move: evolveMove(state.move ?? undefined, event) ?? null }) },
    documents: (event, state) => {
      const after = evolveMove(state.move ?? undefined, event);
      return after && after !== state.move ? [put(MoveReadModel, event.subject, after)] : [];
    },
  });
}
