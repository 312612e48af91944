import {
  AccessRemovalDue,
  EmployeeDeparted,
  ExitInterviewRecorded,
  isoDay,
  LastDayChanged,
  type OffboardingEvent,
  OffboardingPlanAssigned,
  OffboardingStarted,
  OffboardingTaskCompleted,
  ResignationWithdrawn,
  taskScopeAdmits,
} from '@ejp/contracts';
import { decideAlumni } from './alumni.ts';
import type { CompleteOffboardingTask, Depart, OffboardingCommand, StartOffboarding } from './commands.ts';
import { defaultPlan, withBuddyHandovers } from './default-plan.ts';
import { OffboardingError } from './errors.ts';
import { recorded, requireActive, requireHired, requireOffboarding, requireOpenOffboarding } from './guards.ts';
import type { HiredState, OffboardingRecord, OffboardingState } from './state.ts';

/**
 * Pure: the events a command causes in the given state, or an OffboardingError.
 * An empty list means "nothing to do" (the same last day again, access
 * removal already announced), which keeps retried commands harmless.
 */
export function decide(command: OffboardingCommand, state: OffboardingState): OffboardingEvent[] {
  const today = isoDay(command.metadata.now);
  const hired = requireHired(state, command.data.employeeId);
  switch (command.type) {
    case 'StartOffboarding':
      return start(command, hired);
    case 'WithdrawResignation':
      return withdraw(requireOpenOffboarding(hired), today);
    case 'AssignOffboardingPlan':
      requireOpenOffboarding(hired);
      return [recorded(OffboardingPlanAssigned, { tasks: command.data.tasks })];
    case 'CompleteOffboardingTask':
      return completeTask(command, hired, requireOpenOffboarding(hired));
    case 'ChangeLastDay':
      return changeLastDay(requireOpenOffboarding(hired), command.data.lastDay);
    case 'MarkAccessRemovalDue':
      return markAccessRemovalDue(requireOpenOffboarding(hired), today);
    case 'RecordExitInterview': {
      if (requireOffboarding(hired).interviewed) {
        throw new OffboardingError('EJP_EXIT_INTERVIEW_ALREADY_RECORDED', 'The exit interview of this offboarding is already recorded.');
      }
      const { employeeId: _, ...interview } = command.data;
      return [recorded(ExitInterviewRecorded, interview)];
    }
    case 'Depart':
      return depart(command, requireOpenOffboarding(hired), today);
    default:
      return decideAlumni(command, hired);
  }
}

function start(command: StartOffboarding, state: HiredState): OffboardingEvent[] {
  requireActive(state);
  if (state.offboarding) {
    throw new OffboardingError('EJP_OFFBOARDING_ALREADY_STARTED', `Offboarding is already under way (last day ${state.offboarding.lastDay}).`, {
      lastDay: state.offboarding.lastDay,
    });
  }
  const { employeeId: _, plan, buddyDuties, ...started } = command.data;
  // One append of both events: there is never an offboarding without a plan.
  return [
    recorded(OffboardingStarted, started),
    recorded(OffboardingPlanAssigned, { tasks: withBuddyHandovers(plan ?? defaultPlan(), buddyDuties ?? []) }),
  ];
}

function withdraw(offboarding: OffboardingRecord, today: string): OffboardingEvent[] {
  if (offboarding.kind !== 'resignation') {
    throw new OffboardingError('EJP_NOT_A_RESIGNATION', `Only a resignation can be withdrawn; this offboarding is a ${offboarding.kind}.`, {
      kind: offboarding.kind,
    });
  }
  if (today >= offboarding.lastDay) {
    throw new OffboardingError('EJP_LAST_DAY_REACHED', `A resignation can be withdrawn only before the last day (${offboarding.lastDay}).`, {
      lastDay: offboarding.lastDay,
    });
  }
  if (offboarding.returnsTo === null) {
    throw new OffboardingError('EJP_INVALID_COMMAND', 'The employment ends anyway (probation was not passed): there is no stage to go back to.');
  }
  return [recorded(ResignationWithdrawn, { returnsTo: offboarding.returnsTo })];
}

// HR and managers may complete any task; a service account (an IT deprovisioning bot) those its scope names.
const PRIVILEGED_ROLES = new Set(['hr', 'manager', 'admin']);

function completeTask(command: CompleteOffboardingTask, state: HiredState, offboarding: OffboardingRecord): OffboardingEvent[] {
  const { taskId, completedBy } = command.data;
  const task = offboarding.tasks.find((candidate) => candidate.id === taskId);
  const privileged = completedBy.roles.some((role) => PRIVILEGED_ROLES.has(role));
  // A bot outside its scope hears the same whether the task exists or not.
  const bot = !privileged && completedBy.roles.includes('service');
  if (bot && !taskScopeAdmits(completedBy.scopes, task?.owner)) {
    throw new OffboardingError('EJP_NOT_OFFBOARDING_TASK_OWNER', `Task ${taskId} is not one your scope names.`, { taskId });
  }
  if (!task) throw new OffboardingError('EJP_OFFBOARDING_TASK_NOT_FOUND', `The offboarding plan has no task ${taskId}.`, { taskId });
  if (task.done) throw new OffboardingError('EJP_OFFBOARDING_TASK_ALREADY_DONE', `Task ${taskId} is already done.`, { taskId });
  // Someone who is only an employee completes the leaver's own tasks, and only the leaver does.
  if (!privileged && !bot && !(task.owner === 'employee' && completedBy.id === state.employeeId)) {
    throw new OffboardingError('EJP_NOT_OFFBOARDING_TASK_OWNER', `Task ${taskId} belongs to the ${task.owner}; you cannot complete it.`, {
      taskId,
      owner: task.owner,
    });
  }
  return [recorded(OffboardingTaskCompleted, { taskId })];
}

function changeLastDay(offboarding: OffboardingRecord, lastDay: string): OffboardingEvent[] {
  // Deprovisioning consumers already acted on the announced day; a later last day would leave the employee without access.
  if (offboarding.accessRemovalDueOn !== null) {
    throw new OffboardingError('EJP_LAST_DAY_REACHED', `Access removal was due on ${offboarding.accessRemovalDueOn}; the last day can no longer move.`, {
      lastDay: offboarding.lastDay,
    });
  }
  if (lastDay === offboarding.lastDay) return [];
  return [recorded(LastDayChanged, { from: offboarding.lastDay, to: lastDay })];
}

function markAccessRemovalDue(offboarding: OffboardingRecord, today: string): OffboardingEvent[] {
  if (offboarding.accessRemovalDueOn !== null) return [];
  if (today < offboarding.lastDay) {
    throw new OffboardingError('EJP_LAST_DAY_NOT_REACHED', `Access removal is due on the last day (${offboarding.lastDay}), not before.`, {
      lastDay: offboarding.lastDay,
    });
  }
  return [recorded(AccessRemovalDue, { dueOn: offboarding.lastDay })];
}

function depart(command: Depart, offboarding: OffboardingRecord, today: string): OffboardingEvent[] {
  const { kind, voluntary, lastDay } = offboarding;
  const openTasks = offboarding.tasks.filter((task) => task.required && !task.done).map((task) => task.id);
  const beforeLastDay = today < lastDay;
  const reason = command.data.override?.reason;
  if (reason === undefined && beforeLastDay) {
    throw new OffboardingError('EJP_LAST_DAY_NOT_REACHED', `The last day is ${lastDay}; departing earlier needs an override with its reason.`, {
      lastDay,
      openTasks,
    });
  }
  if (reason === undefined && openTasks.length > 0) {
    throw new OffboardingError('EJP_REQUIRED_OFFBOARDING_TASKS_OPEN', `Required tasks are still open: ${openTasks.join(', ')}; finish them or override with a reason.`, {
      openTasks,
    });
  }
  // An override is recorded only when it set a rule aside, so analytics count real exceptions.
  const override = reason !== undefined && (beforeLastDay || openTasks.length > 0) ? { reason, openTasks, beforeLastDay } : undefined;
  return [
    // Deprovisioning consumers hear of every departure, even one before the scheduler's last-day run.
    ...(offboarding.accessRemovalDueOn === null ? [recorded(AccessRemovalDue, { dueOn: beforeLastDay ? today : lastDay })] : []),
    recorded(EmployeeDeparted, { kind, voluntary, lastDay, departedOn: today, ...(override ? { override } : {}) }),
  ];
}
