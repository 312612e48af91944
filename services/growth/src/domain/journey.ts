import type { Command, Decider } from '@ejp/command-kit';
import {
  DevelopmentActionAdded,
  DevelopmentActionCompleted,
  DevelopmentCheckInRecorded,
  DevelopmentGoalAchieved,
  DevelopmentGoalSet,
  type DevelopmentPlanEvent,
  type EventData,
  employmentStatus,
  evolveJourneyStage,
  evolvePosition,
  initialJourneyStage,
  isoDay,
  type JourneyStageState,
  type MoveEvent,
  MovePlanAssigned,
  MoveTaskCompleted,
  type OffboardingEvent,
  type OnboardingEvent,
  type Position,
  PositionChanged,
} from '@ejp/contracts';
import { GrowthError, recorded } from './errors.ts';
import { defaultMovePlan, type MoveTask } from './move-plan.ts';

/**
 * The growth centre's decider on an employee's `journey-<employeeId>`: the
 * individual development plan and position changes with their task lists. It
 * folds the whole journey (the hire gives the position, every service's
 * events may move the stage) and holds no personal data (titles and notes
 * are only in the events).
 */

export type GrowthJourneyEvent = OnboardingEvent | OffboardingEvent | DevelopmentPlanEvent | MoveEvent;

/** Who gives a command, for the rules that depend on the relationship (the employee's manager). */
export interface Caller {
  id: string;
  roles: readonly string[];
}

type JourneyCommand<T extends string, D> = Command<T, { employeeId: string } & D>;
type Without<D, K extends string = never> = Omit<D, K>;

export type SetDevelopmentGoal = JourneyCommand<'SetDevelopmentGoal', EventData<typeof DevelopmentGoalSet>>;
export type AddDevelopmentAction = JourneyCommand<'AddDevelopmentAction', EventData<typeof DevelopmentActionAdded>>;
export type CompleteDevelopmentAction = JourneyCommand<'CompleteDevelopmentAction', { actionId: string }>;
export type AchieveDevelopmentGoal = JourneyCommand<'AchieveDevelopmentGoal', EventData<typeof DevelopmentGoalAchieved>>;
export type RecordDevelopmentCheckIn = JourneyCommand<'RecordDevelopmentCheckIn', EventData<typeof DevelopmentCheckInRecorded> & { by: Caller }>;
/** What changes; a field left out stays as it is. `tasks` omitted: the default move plan. */
export type ChangePosition = JourneyCommand<
  'ChangePosition',
  Without<EventData<typeof PositionChanged>, 'from' | keyof Position> & Partial<Position> & { tasks?: MoveTask[] }
>;
export type CompleteMoveTask = JourneyCommand<'CompleteMoveTask', { taskId: string; by: Caller }>;

export type GrowthJourneyCommand =
  | SetDevelopmentGoal
  | AddDevelopmentAction
  | CompleteDevelopmentAction
  | AchieveDevelopmentGoal
  | RecordDevelopmentCheckIn
  | ChangePosition
  | CompleteMoveTask;

export interface HiredJourney {
  status: 'hired';
  employeeId: string;
  journey: JourneyStageState;
  position: Position;
  goals: Record<string, { achieved: boolean }>;
  actions: Record<string, { goalId: string; done: boolean }>;
  /** The task list of the latest move; a new move replaces it. */
  move: { tasks: (Pick<MoveTask, 'id' | 'owner'> & { done: boolean })[] } | null;
}

export type GrowthJourneyState = { status: 'not-hired' } | HiredJourney;

export function evolve(state: GrowthJourneyState, event: GrowthJourneyEvent): GrowthJourneyState {
  const position = evolvePosition(state.status === 'hired' ? state.position : null, event);
  if (state.status !== 'hired') {
    if (event.type !== 'journey.employee.hired' || position === null) return state;
    return { status: 'hired', employeeId: event.data.employeeId, journey: evolveJourneyStage(initialJourneyStage(), event), position, goals: {}, actions: {}, move: null };
  }
  const next: HiredJourney = { ...state, journey: evolveJourneyStage(state.journey, event), position: position ?? state.position };
  switch (event.type) {
    case 'journey.development-plan.goal-set':
      return { ...next, goals: { ...state.goals, [event.data.goalId]: { achieved: false } } };
    case 'journey.development-plan.goal-achieved':
      return { ...next, goals: { ...state.goals, [event.data.goalId]: { achieved: true } } };
    case 'journey.development-plan.action-added':
      return { ...next, actions: { ...state.actions, [event.data.actionId]: { goalId: event.data.goalId, done: false } } };
    case 'journey.development-plan.action-completed': {
      const action = state.actions[event.data.actionId];
      return action ? { ...next, actions: { ...state.actions, [event.data.actionId]: { ...action, done: true } } } : next;
    }
    case 'journey.move.plan-assigned':
      return { ...next, move: { tasks: event.data.tasks.map(({ id, owner }) => ({ id, owner, done: false })) } };
    case 'journey.move.task-completed':
      return state.move ? { ...next, move: { tasks: state.move.tasks.map((t) => (t.id === event.data.taskId ? { ...t, done: true } : t)) } } : next;
    default:
      return next;
  }
}

function requireActive(state: GrowthJourneyState, employeeId: string): HiredJourney {
  if (state.status !== 'hired') throw new GrowthError('EJP_EMPLOYEE_NOT_FOUND', `No employee ${employeeId} was hired.`);
  if (employmentStatus(state.journey) === 'departed') throw new GrowthError('EJP_EMPLOYEE_DEPARTED', `Employee ${employeeId} has left.`);
  return state;
}

const isHr = (caller: Caller) => caller.roles.includes('hr') || caller.roles.includes('admin');

/** The plan's check-ins are the current manager's (HR may record one too); the reporting line comes from the journey itself. */
function requireManagerOrHr(state: HiredJourney, caller: Caller): void {
  if (isHr(caller) || caller.id === state.position.managerId) return;
  throw new GrowthError('EJP_NOT_THE_MANAGER', `Only the manager of employee ${state.employeeId} (or HR) may do this.`, { managerId: state.position.managerId });
}

export function decide(command: GrowthJourneyCommand, state: GrowthJourneyState): GrowthJourneyEvent[] {
  const hired = requireActive(state, command.data.employeeId);
  switch (command.type) {
    case 'SetDevelopmentGoal': {
      const { employeeId: _, ...goal } = command.data;
      return [recorded(DevelopmentGoalSet, goal)];
    }
    case 'AddDevelopmentAction': {
      const { employeeId: _, ...action } = command.data;
      requireGoal(hired, action.goalId);
      return [recorded(DevelopmentActionAdded, action)];
    }
    case 'CompleteDevelopmentAction': {
      const action = hired.actions[command.data.actionId];
      if (!action) throw new GrowthError('EJP_DEVELOPMENT_ACTION_NOT_FOUND', `The plan has no action ${command.data.actionId}.`);
      if (action.done) throw new GrowthError('EJP_DEVELOPMENT_ACTION_ALREADY_DONE', `Action ${command.data.actionId} is already done.`);
      return [recorded(DevelopmentActionCompleted, { actionId: command.data.actionId, completedOn: isoDay(command.metadata.now) })];
    }
    case 'AchieveDevelopmentGoal':
      // Achieving an achieved goal changes nothing: an empty decision keeps a retry harmless.
      return requireGoal(hired, command.data.goalId).achieved ? [] : [recorded(DevelopmentGoalAchieved, { goalId: command.data.goalId })];
    case 'RecordDevelopmentCheckIn': {
      requireManagerOrHr(hired, command.data.by);
      const { employeeId: _, by: __, ...checkIn } = command.data;
      return [recorded(DevelopmentCheckInRecorded, checkIn)];
    }
    case 'ChangePosition':
      return changePosition(command, hired);
    case 'CompleteMoveTask':
      return completeMoveTask(command, hired);
  }
}

function requireGoal(state: HiredJourney, goalId: string): { achieved: boolean } {
  const goal = state.goals[goalId];
  if (!goal) throw new GrowthError('EJP_DEVELOPMENT_GOAL_NOT_FOUND', `The plan has no goal ${goalId}.`, { goalId });
  return goal;
}

function changePosition(command: ChangePosition, state: HiredJourney): GrowthJourneyEvent[] {
  const { employeeId: _, tasks, department, role, level, managerId, ...move } = command.data;
  const from = state.position;
  const to: Position = {
    department: department ?? from.department,
    role: role ?? from.role,
    level: level ?? from.level,
    managerId: managerId === undefined ? from.managerId : managerId,
  };
  if (to.department === from.department && to.role === from.role && to.level === from.level && to.managerId === from.managerId) {
    throw new GrowthError('EJP_INVALID_COMMAND', 'The move changes nothing: name a new department, role, level or manager.', { field: 'department' });
  }
  if (to.managerId === state.employeeId) throw new GrowthError('EJP_INVALID_COMMAND', 'managerId: nobody manages themselves.', { field: 'managerId' });
  const sameTeam = to.department === from.department && to.managerId === from.managerId;
  // One append of both: a move never happens without its task list.
  return [
    recorded(PositionChanged, { ...move, ...to, from }),
    recorded(MovePlanAssigned, { effectiveOn: move.effectiveOn, tasks: tasks ?? defaultMovePlan(move.kind, sameTeam) }),
  ];
}

// Roles that complete any move task: HR, managers, and services (an IT provisioning bot).
const PRIVILEGED = ['hr', 'manager', 'admin', 'service'];

function completeMoveTask(command: CompleteMoveTask, state: HiredJourney): GrowthJourneyEvent[] {
  const { taskId, by } = command.data;
  if (!state.move) throw new GrowthError('EJP_NO_MOVE_PLAN', `Employee ${state.employeeId} has no move with a task list.`);
  const task = state.move.tasks.find((t) => t.id === taskId);
  if (!task) throw new GrowthError('EJP_MOVE_TASK_NOT_FOUND', `The move plan has no task ${taskId}.`, { taskId });
  if (task.done) throw new GrowthError('EJP_MOVE_TASK_ALREADY_DONE', `Task ${taskId} is already done.`, { taskId });
  const own = task.owner === 'employee' && by.id === state.employeeId;
  if (!own && !by.roles.some((r) => PRIVILEGED.includes(r))) {
    throw new GrowthError('EJP_NOT_THE_MANAGER', `Task ${taskId} belongs to the ${task.owner}; you cannot complete it.`, { taskId, owner: task.owner });
  }
  return [recorded(MoveTaskCompleted, { taskId })];
}

export const growthJourneyDecider: Decider<GrowthJourneyCommand, GrowthJourneyState, GrowthJourneyEvent> = {
  initialState: () => ({ status: 'not-hired' }),
  evolve,
  decide,
};
