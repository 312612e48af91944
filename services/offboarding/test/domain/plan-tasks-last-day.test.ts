import { describe, expect, it } from 'vitest';
import type { OffboardingTask } from '../../src/domain/commands.ts';
import { offboardingDecider } from '../../src/domain/decider.ts';
import { defaultPlan } from '../../src/domain/default-plan.ts';
import { dueDate, type HiredState, type JourneyEvent } from '../../src/domain/state.ts';
import {
  accessRemovalDue,
  afterLastDay,
  command,
  employeeId,
  hrUser,
  inRole,
  lastDay,
  leftOnLastDay,
  onLastDay,
  planned,
  started,
  taskCompleted,
} from './fixtures.ts';
import { deciderSpec } from '@ejp/command-kit/testing';

const spec = deciderSpec(offboardingDecider);
const offboarding: JourneyEvent[] = [...inRole, started(), planned()];
const fold = (events: JourneyEvent[]) => events.reduce(offboardingDecider.evolve, offboardingDecider.initialState()) as HiredState;
const complete = (taskId: string, completedBy: { id: string; roles: string[]; scopes?: string[] } = hrUser) => command('CompleteOffboardingTask', { taskId, completedBy });
const changeLastDay = (to: string, now?: Date) => command('ChangeLastDay', { lastDay: to }, now);
const markDue = (now: Date) => command('MarkAccessRemovalDue', {}, now);

describe('the offboarding plan', () => {
  it('the default plan: knowledge transfer a week ahead, farewell the day before (optional), equipment and access on the last day', () => {
    expect(defaultPlan().map((task) => [task.id, task.owner, task.dueOffsetDays, task.required])).toEqual([
      ['knowledge-transfer', 'employee', -7, true],
      ['farewell', 'manager', -1, false],
      ['equipment-return', 'employee', 0, true],
      ['access-removal', 'it', 0, true],
    ]);
  });

  it('due dates are offsets from the last day, so changing the last day moves every one of them', () => {
    const dueDates = (events: JourneyEvent[]) => {
      const record = fold(events).offboarding!;
      return record.tasks.map((task) => dueDate(record, task));
    };
    expect(dueDates(offboarding)).toEqual(['2026-06-23', '2026-06-29', '2026-06-30', '2026-06-30']);
    spec.given(offboarding).when(changeLastDay('2026-07-15')).then([{ type: 'journey.offboarding.last-day-changed', data: { from: lastDay, to: '2026-07-15' } }]);
    const moved = [...offboarding, { type: 'journey.offboarding.last-day-changed', data: { from: lastDay, to: '2026-07-15' } } as JourneyEvent];
    expect(dueDates(moved)).toEqual(['2026-07-08', '2026-07-14', '2026-07-15', '2026-07-15']);
  });

  it('the same last day again changes nothing', () => {
    spec.given(offboarding).when(changeLastDay(lastDay)).then([]);
  });

  it('the last day no longer moves once access removal was announced', () => {
    spec.given([...offboarding, accessRemovalDue()]).when(changeLastDay('2026-07-15', onLastDay)).thenThrows('EJP_LAST_DAY_REACHED');
  });

  it('a new plan replaces the old one; a done task that stays in the plan stays done', () => {
    const tasks: OffboardingTask[] = [defaultPlan()[0]!, { id: 'docs', title: 'Write docs', kind: 'other', owner: 'employee', dueOffsetDays: -2, required: true }];
    spec.given(offboarding).when(command('AssignOffboardingPlan', { tasks })).then([planned(tasks)]);
    const state = fold([...offboarding, taskCompleted('knowledge-transfer'), planned(tasks)]);
    expect(state.offboarding!.tasks.map((task) => [task.id, task.done])).toEqual([
      ['knowledge-transfer', true],
      ['docs', false],
    ]);
  });

  it('refuses a plan with a buddy handover that names no newcomer', () => {
    const bad: OffboardingTask[] = [{ id: 'h', title: 'Hand over', kind: 'buddy-handover', owner: 'manager', dueOffsetDays: -5, required: true }];
    spec.given(offboarding).when(command('AssignOffboardingPlan', { tasks: bad })).thenThrows('EJP_INVALID_COMMAND');
  });
});

describe('complete an offboarding task', () => {
  it('records the completion', () => {
    spec.given(offboarding).when(complete('access-removal', { id: 'it-bot', roles: ['service'], scopes: ['tasks:it'] })).then([taskCompleted('access-removal')]);
  });

  it('lets a service account complete only the tasks its scope names', () => {
    spec.given(offboarding).when(complete('access-removal', { id: 'hr-bot', roles: ['service'], scopes: ['tasks:hr'] })).thenThrows('EJP_NOT_OFFBOARDING_TASK_OWNER');
    spec.given(offboarding).when(complete('access-removal', { id: 'bot', roles: ['service'] })).thenThrows('EJP_NOT_OFFBOARDING_TASK_OWNER');
    // Outside its scope, a task that does not exist looks like one that is not its own.
    spec.given(offboarding).when(complete('cake', { id: 'hr-bot', roles: ['service'], scopes: ['tasks:hr'] })).thenThrows('EJP_NOT_OFFBOARDING_TASK_OWNER');
    spec.given(offboarding).when(complete('access-removal', { id: 'ops-bot', roles: ['service'], scopes: ['tasks'] })).then([taskCompleted('access-removal')]);
  });

  it('refuses an unknown task and one already done', () => {
    spec.given(offboarding).when(complete('cake')).thenThrows('EJP_OFFBOARDING_TASK_NOT_FOUND');
    spec.given([...offboarding, taskCompleted('farewell')]).when(complete('farewell')).thenThrows('EJP_OFFBOARDING_TASK_ALREADY_DONE');
  });

  it('lets the leaver complete their own tasks only, and nobody else who is only an employee', () => {
    const leaver = { id: employeeId, roles: ['employee'] };
    spec.given(offboarding).when(complete('knowledge-transfer', leaver)).then([taskCompleted('knowledge-transfer')]);
    spec.given(offboarding).when(complete('access-removal', leaver)).thenThrows('EJP_NOT_OFFBOARDING_TASK_OWNER');
    spec.given(offboarding).when(complete('knowledge-transfer', { id: 'colleague', roles: ['employee'] })).thenThrows('EJP_NOT_OFFBOARDING_TASK_OWNER');
  });
});

describe('access removal due: the lifecycle event for deprovisioning consumers', () => {
  it('is recorded on the last day, for the last day', () => {
    spec.given(offboarding).when(markDue(onLastDay)).then([accessRemovalDue(lastDay)]);
  });

  it('follows a moved last day', () => {
    const moved = [...offboarding, { type: 'journey.offboarding.last-day-changed', data: { from: lastDay, to: '2026-06-15' } } as JourneyEvent];
    spec.given(moved).when(markDue(new Date('2026-06-15T07:00:00Z'))).then([accessRemovalDue('2026-06-15')]);
    spec.given(offboarding).when(markDue(new Date('2026-06-15T07:00:00Z'))).thenThrows('EJP_LAST_DAY_NOT_REACHED');
  });

  it('is a no-op the second time (a scheduler retrying), and catches up when the scheduler ran late', () => {
    spec.given([...offboarding, accessRemovalDue()]).when(markDue(onLastDay)).then([]);
    spec.given(offboarding).when(markDue(afterLastDay)).then([accessRemovalDue(lastDay)]);
  });
});

describe('after the departure, the offboarding commands say the employee has left', () => {
  const commands = [
    command('AssignOffboardingPlan', { tasks: defaultPlan() }, afterLastDay),
    command('CompleteOffboardingTask', { taskId: 'farewell', completedBy: hrUser }, afterLastDay),
    changeLastDay('2026-08-01', afterLastDay),
    markDue(afterLastDay),
    command('WithdrawResignation', {}, afterLastDay),
    command('Depart', {}, afterLastDay),
  ];
  it.each(commands.map((c) => [c.type, c] as const))('%s is EJP_EMPLOYEE_DEPARTED', (_type, c) => {
    spec.given(leftOnLastDay).when(c).thenThrows('EJP_EMPLOYEE_DEPARTED');
  });

  it.each(commands.map((c) => [c.type, c] as const))('%s before any offboarding is EJP_OFFBOARDING_NOT_STARTED', (_type, c) => {
    spec.given(inRole).when(c).thenThrows('EJP_OFFBOARDING_NOT_STARTED');
  });
});
