import { CHECK_IN_DAYS, employmentStatus, type JourneyStage, type OnboardingEvent, taskScopeAdmits } from '@ejp/contracts';
import type {
  AssignBuddy,
  AssignOnboardingPlan,
  CompleteOnboardingTask,
  HireEmployee,
  OnboardingCommand,
  PlanTask,
  RecordCheckIn,
  RecordProbationOutcome,
} from './commands.ts';
import { defaultPlan, TOUCHPOINT_TASKS, touchpointOf } from './default-plan.ts';
import { OnboardingError } from './errors.ts';
import { type HiredState, isoDateOf, type OnboardingState, stageOf } from './state.ts';

/**
 * Pure: the events a command causes in the given state, or an OnboardingError.
 * An empty list means "nothing to do" (e.g. the same start date again), which
 * keeps PUT-like commands idempotent without an error.
 */
export function decide(command: OnboardingCommand, state: OnboardingState): OnboardingEvent[] {
  const today = isoDateOf(command.metadata.now);
  if (command.type === 'HireEmployee') return hire(command, state);
  const hired = requireHired(state, command.data.employeeId);
  // Erasure applies in every stage, alumni included (the usual case); a second one never reaches here (410).
  if (command.type === 'EraseEmployee') return [{ type: 'journey.employee.erased', data: { reason: command.data.reason } }];
  requireNotDeparted(hired);

  switch (command.type) {
    case 'AssignOnboardingPlan':
      requireStage(hired, today, ['pre-boarding', 'onboarding'], 'assign an onboarding plan');
      return assignPlan(command, hired);
    case 'AssignBuddy':
      requireStage(hired, today, ['pre-boarding', 'onboarding'], 'assign a buddy');
      return assignBuddy(command, hired);
    case 'SendWelcomeMessage':
      requireStage(hired, today, ['pre-boarding', 'onboarding'], 'send the welcome message');
      if (hired.welcomeSent) throw new OnboardingError('EJP_WELCOME_ALREADY_SENT', 'The welcome message was already sent.');
      return [
        { type: 'journey.onboarding.welcome-message-sent', data: { message: command.data.message } },
        ...autoComplete(hired, TOUCHPOINT_TASKS.welcome),
      ];
    case 'CompleteOnboardingTask':
      requireStage(hired, today, ['pre-boarding', 'onboarding'], 'complete an onboarding task');
      return completeTask(command, hired);
    case 'RecordCheckIn':
      // Check-ins follow the calendar, not the plan: they may still happen in probation.
      requireStage(hired, today, ['onboarding', 'probation'], 'record a check-in');
      return recordCheckIn(command, hired, today);
    case 'ChangeStartDate': {
      requireStage(hired, today, ['pre-boarding', 'onboarding'], 'change the start date');
      const to = command.data.startDate;
      if (to === hired.startDate) return [];
      return [{ type: 'journey.employee.start-date-changed', data: { from: hired.startDate, to } }];
    }
    case 'CompleteOnboarding': {
      requireStage(hired, today, ['pre-boarding', 'onboarding'], 'complete onboarding');
      const open = hired.tasks.filter((task) => task.required && !task.done).map((task) => task.id);
      if (open.length > 0) {
        throw new OnboardingError('EJP_REQUIRED_TASKS_OPEN', `Required tasks are still open: ${open.join(', ')}.`, {
          openTasks: open,
        });
      }
      return [{ type: 'journey.onboarding.completed', data: {} }];
    }
    case 'RecordProbationOutcome':
      requireStage(hired, today, ['probation'], 'record the probation outcome');
      return recordProbationOutcome(command, hired, today);
  }
}

function hire(command: HireEmployee, state: OnboardingState): OnboardingEvent[] {
  const { plan, ...data } = command.data;
  if (state.status === 'hired') {
    throw new OnboardingError('EJP_EMPLOYEE_ALREADY_HIRED', `Employee ${data.employeeId} is already hired.`);
  }
  if (data.managerId === data.employeeId) {
    throw new OnboardingError('EJP_INVALID_COMMAND', 'An employee cannot be their own manager.');
  }
  // One append of both events: there is never a hired employee without a plan.
  return [
    { type: 'journey.employee.hired', data },
    { type: 'journey.onboarding.plan-assigned', data: { tasks: checkedPlan(plan ?? defaultPlan()) } },
  ];
}

function assignPlan(command: AssignOnboardingPlan, state: HiredState): OnboardingEvent[] {
  const tasks = checkedPlan(command.data.tasks);
  const planned: OnboardingEvent = { type: 'journey.onboarding.plan-assigned', data: { tasks } };
  // Touchpoints that already happened complete their task in the new plan too.
  const after: HiredState = { ...state, tasks: tasks.map((task) => ({ ...task, done: isDone(state, task.id) })) };
  const happened = [
    ...(state.welcomeSent ? [TOUCHPOINT_TASKS.welcome] : []),
    ...(state.buddy ? [TOUCHPOINT_TASKS.buddy] : []),
    ...state.checkIns.map(TOUCHPOINT_TASKS.checkIn),
  ];
  return [planned, ...happened.flatMap((taskId) => autoComplete(after, taskId))];
}

function assignBuddy(command: AssignBuddy, state: HiredState): OnboardingEvent[] {
  const { buddyId, kind } = command.data;
  if (buddyId === state.employeeId) throw new OnboardingError('EJP_INVALID_COMMAND', 'An employee cannot be their own buddy.');
  if (state.buddy?.id === buddyId && state.buddy.kind === kind) return [];
  return [{ type: 'journey.onboarding.buddy-assigned', data: { buddyId, kind } }, ...autoComplete(state, TOUCHPOINT_TASKS.buddy)];
}

function completeTask(command: CompleteOnboardingTask, state: HiredState): OnboardingEvent[] {
  const { taskId, completedBy } = command.data;
  const task = state.tasks.find((candidate) => candidate.id === taskId);
  // HR and managers may complete any task, a service account (an IT provisioning bot) those its scope names;
  // someone who is only an employee completes their own tasks, or those of the person they are buddy to.
  const privileged = completedBy.roles.some((role) => role === 'hr' || role === 'manager' || role === 'admin');
  // A bot outside its scope hears the same whether the task exists or not.
  if (!privileged && completedBy.roles.includes('service') && !taskScopeAdmits(completedBy.scopes, task?.owner)) {
    throw new OnboardingError('EJP_NOT_TASK_OWNER', `Task ${taskId} is not one your scope names.`, { taskId });
  }
  if (!task) throw new OnboardingError('EJP_TASK_NOT_FOUND', `The onboarding plan has no task ${taskId}.`, { taskId });
  if (task.done) throw new OnboardingError('EJP_TASK_ALREADY_DONE', `Task ${taskId} is already done.`, { taskId });
  const touchpoint = touchpointOf(taskId);
  if (touchpoint) {
    throw new OnboardingError('EJP_TASK_DONE_BY_TOUCHPOINT', `Task ${taskId} is done when the touchpoint happens: ${touchpoint.route}.`, {
      taskId,
      command: touchpoint.command,
    });
  }
  const ownsIt =
    completedBy.roles.includes('service') ||
    (task.owner === 'employee' && completedBy.id === state.employeeId) ||
    (task.owner === 'buddy' && completedBy.id === state.buddy?.id);
  if (!privileged && !ownsIt) {
    throw new OnboardingError('EJP_NOT_TASK_OWNER', `Task ${taskId} belongs to the ${task.owner}; you cannot complete it.`, {
      taskId,
      owner: task.owner,
    });
  }
  return [{ type: 'journey.onboarding.task-completed', data: { taskId } }];
}

function recordCheckIn(command: RecordCheckIn, state: HiredState, today: string): OnboardingEvent[] {
  const { day, rating, notes } = command.data;
  if (state.checkIns.includes(day)) {
    throw new OnboardingError('EJP_CHECKIN_ALREADY_RECORDED', `The ${day}-day check-in is already recorded.`, { day });
  }
  const missing = CHECK_IN_DAYS.filter((earlier) => earlier < day && !state.checkIns.includes(earlier));
  if (missing.length > 0) {
    throw new OnboardingError('EJP_CHECKIN_OUT_OF_ORDER', `Record the ${missing[0]}-day check-in before the ${day}-day one.`, {
      day,
      missing,
    });
  }
  return [
    { type: 'journey.onboarding.check-in-recorded', data: { day, rating, ...(notes === undefined ? {} : { notes }) } },
    // Task completion belongs to the onboarding phase; in probation the plan is closed.
    ...(stageOf(state, today) === 'onboarding' ? autoComplete(state, TOUCHPOINT_TASKS.checkIn(day)) : []),
  ];
}

function recordProbationOutcome(command: RecordProbationOutcome, _state: HiredState, today: string): OnboardingEvent[] {
  const { employeeId: _, ...outcome } = command.data;
  if (outcome.outcome === 'extended' && outcome.newEndDate <= today) {
    throw new OnboardingError('EJP_INVALID_COMMAND', `An extended probation must end after today (${today}).`, {
      newEndDate: outcome.newEndDate,
    });
  }
  return [{ type: 'journey.probation.outcome-recorded', data: outcome }];
}

export function requireHired(state: OnboardingState, employeeId: string): HiredState {
  if (state.status !== 'hired') throw new OnboardingError('EJP_EMPLOYEE_NOT_FOUND', `No employee ${employeeId} was hired.`);
  return state;
}

/** Hired and not departed, by the shared stage fold: someone who has left is told so, whatever the command. */
export function requireNotDeparted(state: HiredState): void {
  if (employmentStatus(state.journey) !== 'departed') return;
  throw new OnboardingError('EJP_EMPLOYEE_DEPARTED', `Employee ${state.employeeId} has left; onboarding commands apply again only after a rehire.`, {
    currentStage: state.journey.stage,
  });
}

function requireStage(state: HiredState, today: string, allowed: readonly JourneyStage[], action: string): void {
  const current = stageOf(state, today);
  if (!(allowed as readonly string[]).includes(current)) {
    throw new OnboardingError('EJP_STAGE_MISMATCH', `Cannot ${action} in stage ${current}.`, {
      currentStage: current,
      allowedStages: allowed,
    });
  }
}

function checkedPlan(tasks: PlanTask[]): PlanTask[] {
  if (tasks.length === 0) throw new OnboardingError('EJP_INVALID_COMMAND', 'An onboarding plan needs at least one task.');
  const ids = tasks.map((task) => task.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) throw new OnboardingError('EJP_INVALID_COMMAND', `Task id ${twice} appears twice in the plan.`);
  return tasks;
}

function isDone(state: HiredState, taskId: string): boolean {
  return state.tasks.some((task) => task.id === taskId && task.done);
}

/** The completion of a touchpoint's task, when the plan has it and it is still open. */
function autoComplete(state: HiredState, taskId: string): OnboardingEvent[] {
  const open = state.tasks.some((task) => task.id === taskId && !task.done);
  return open ? [{ type: 'journey.onboarding.task-completed', data: { taskId } }] : [];
}
