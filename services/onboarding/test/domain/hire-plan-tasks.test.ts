import { describe, expect, it } from 'vitest';
import { DomainError } from '@ejp/command-kit';
import { deciderSpec } from '@ejp/command-kit/testing';
import { onboardingDecider } from '../../src/domain/decider.ts';
import { defaultPlan } from '../../src/domain/default-plan.ts';
import {
  beforeStart,
  buddyId,
  command,
  completed,
  defaultPlanned,
  employeeId,
  hireData,
  hired,
  hrUser,
  inProbation,
  planned,
  smallPlan,
  taskCompleted,
} from './fixtures.ts';

const spec = deciderSpec(onboardingDecider);
const hire = (data: object = {}) => command('HireEmployee', { ...hireData, ...data }, beforeStart);
const complete = (taskId: string, completedBy: { id: string; roles: string[]; scopes?: string[] } = hrUser) => command('CompleteOnboardingTask', { taskId, completedBy });

describe('hire', () => {
  it('hires and assigns the default plan in the same decision', () => {
    spec.given([]).when(hire()).then([hired, defaultPlanned]);
  });

  it('assigns the plan HR gives instead of the default one', () => {
    spec.given([]).when(hire({ plan: smallPlan })).then([hired, planned(smallPlan)]);
  });

  it('refuses a second hire of the same employee id', () => {
    spec.given([hired, defaultPlanned]).when(hire()).thenThrows('EJP_EMPLOYEE_ALREADY_HIRED');
  });

  it('refuses an employee who is their own manager', () => {
    spec.given([]).when(hire({ managerId: employeeId })).thenThrows('EJP_INVALID_COMMAND');
  });

  it('refuses a plan with a task id twice', () => {
    spec.given([]).when(hire({ plan: [smallPlan[0]!, smallPlan[0]!] })).thenThrows('EJP_INVALID_COMMAND');
  });

  it('the default plan welcomes before day one, readies equipment on day 0, a buddy in week 1, check-ins at 30/60/90', () => {
    const offsets = Object.fromEntries(defaultPlan().map((task) => [task.id, task.dueOffsetDays]));
    expect(offsets).toEqual({
      'welcome-message': -3,
      'equipment-ready': 0,
      'buddy-assigned': 4,
      'check-in-30': 30,
      'check-in-60': 60,
      'check-in-90': 90,
    });
  });
});

describe('every command but hire needs a hired employee', () => {
  const commands = [
    command('AssignOnboardingPlan', { tasks: smallPlan }),
    command('AssignBuddy', { buddyId, kind: 'buddy' }),
    command('SendWelcomeMessage', { message: 'Welcome!' }),
    complete('laptop'),
    command('RecordCheckIn', { day: 30, rating: 5 }),
    command('ChangeStartDate', { startDate: '2025-04-01' }),
    command('CompleteOnboarding', {}),
    command('RecordProbationOutcome', { outcome: 'passed' }),
  ];
  it.each(commands.map((c) => [c.type, c] as const))('%s before the hire is EJP_EMPLOYEE_NOT_FOUND', (_type, c) => {
    spec.given([]).when(c).thenThrows('EJP_EMPLOYEE_NOT_FOUND');
  });
});

describe('assign a plan', () => {
  const newPlan = [smallPlan[0]!, { id: 'security', title: 'Security training', owner: 'employee' as const, dueOffsetDays: 10, required: true }];

  it('replaces the plan; a done task that stays in the plan stays done', () => {
    const state = [hired, planned(), taskCompleted('laptop'), planned(newPlan)].reduce(onboardingDecider.evolve, onboardingDecider.initialState());
    expect(state).toMatchObject({ tasks: [{ id: 'laptop', done: true }, { id: 'security', done: false }] });
  });

  it('completes the tasks of touchpoints that already happened', () => {
    const withTouchpoints = [...newPlan, { id: 'welcome-message', title: 'Welcome', owner: 'manager' as const, dueOffsetDays: -1, required: true }];
    spec
      .given([hired, planned(), { type: 'journey.onboarding.welcome-message-sent', data: { message: 'Hi' } }])
      .when(command('AssignOnboardingPlan', { tasks: withTouchpoints }))
      .then([planned(withTouchpoints), taskCompleted('welcome-message')]);
  });

  it('is refused once onboarding is completed', () => {
    spec.given(inProbation).when(command('AssignOnboardingPlan', { tasks: newPlan })).thenThrows('EJP_STAGE_MISMATCH');
  });
});

describe('buddy and welcome message', () => {
  it('assigns a buddy and completes the buddy task of the default plan', () => {
    spec
      .given([hired, defaultPlanned])
      .when(command('AssignBuddy', { buddyId, kind: 'mentor' }))
      .then([{ type: 'journey.onboarding.buddy-assigned', data: { buddyId, kind: 'mentor' } }, taskCompleted('buddy-assigned')]);
  });

  it('the same buddy again changes nothing', () => {
    const assigned = { type: 'journey.onboarding.buddy-assigned', data: { buddyId, kind: 'buddy' } } as const;
    spec.given([hired, defaultPlanned, assigned]).when(command('AssignBuddy', { buddyId, kind: 'buddy' })).then([]);
  });

  it('refuses the employee as their own buddy', () => {
    spec.given([hired, defaultPlanned]).when(command('AssignBuddy', { buddyId: employeeId, kind: 'buddy' })).thenThrows('EJP_INVALID_COMMAND');
  });

  it('sends the welcome message once, before day one too', () => {
    const sent = { type: 'journey.onboarding.welcome-message-sent', data: { message: 'Welcome, Ada!' } } as const;
    const send = command('SendWelcomeMessage', { message: 'Welcome, Ada!' }, beforeStart);
    spec.given([hired, defaultPlanned]).when(send).then([sent, taskCompleted('welcome-message')]);
    spec.given([hired, defaultPlanned, sent]).when(send).thenThrows('EJP_WELCOME_ALREADY_SENT');
  });
});

describe('complete a task', () => {
  it('completes an existing open task', () => {
    spec.given([hired, planned()]).when(complete('laptop')).then([taskCompleted('laptop')]);
  });

  it('refuses a task that is not in the plan', () => {
    spec.given([hired, planned()]).when(complete('unicorn')).thenThrows('EJP_TASK_NOT_FOUND');
  });

  it('refuses a task that is already done', () => {
    spec.given([hired, planned(), taskCompleted('laptop')]).when(complete('laptop')).thenThrows('EJP_TASK_ALREADY_DONE');
  });

  it('refuses any task after onboarding is completed', () => {
    spec.given(inProbation).when(complete('coffee')).thenThrows('EJP_STAGE_MISMATCH');
  });

  it('lets an employee complete their own tasks but not IT tasks nor somebody else’s', () => {
    const self = { id: employeeId, roles: ['employee'] };
    spec.given([hired, planned()]).when(complete('handbook', self)).then([taskCompleted('handbook')]);
    spec.given([hired, planned()]).when(complete('laptop', self)).thenThrows('EJP_NOT_TASK_OWNER');
    spec.given([hired, planned()]).when(complete('handbook', { id: buddyId, roles: ['employee'] })).thenThrows('EJP_NOT_TASK_OWNER');
  });

  it('lets a service account complete only the tasks its scope names (an IT bot: tasks:it)', () => {
    const itBot = { id: 'it-bot', roles: ['service'], scopes: ['tasks:it'] };
    spec.given([hired, planned()]).when(complete('laptop', itBot)).then([taskCompleted('laptop')]);
    spec.given([hired, planned()]).when(complete('handbook', itBot)).thenThrows('EJP_NOT_TASK_OWNER');
    spec.given([hired, planned()]).when(complete('laptop', { id: 'bot', roles: ['service'] })).thenThrows('EJP_NOT_TASK_OWNER');
    // Outside its scope, a task that does not exist looks like one that is not its own.
    spec.given([hired, planned()]).when(complete('no-such-task', itBot)).thenThrows('EJP_NOT_TASK_OWNER');
  });

  it('refuses to tick a touchpoint task: welcome, buddy and check-ins complete only through their commands', () => {
    for (const [taskId, commandType] of [
      ['welcome-message', 'SendWelcomeMessage'],
      ['buddy-assigned', 'AssignBuddy'],
      ['check-in-30', 'RecordCheckIn'],
      ['check-in-90', 'RecordCheckIn'],
    ] as const) {
      spec
        .given([hired, defaultPlanned])
        .when(complete(taskId))
        .thenThrows(
          (error) => error instanceof DomainError && error.code === 'EJP_TASK_DONE_BY_TOUCHPOINT' && error.extensions.command === commandType && error.extensions.taskId === taskId,
        );
    }
    // The same ids in a custom plan are the same touchpoints.
    const custom = [{ id: 'check-in-60', title: 'Two months', owner: 'manager' as const, dueOffsetDays: 60, required: true }];
    spec.given([hired, planned(custom)]).when(complete('check-in-60')).thenThrows('EJP_TASK_DONE_BY_TOUCHPOINT');
  });

  it('lets the assigned buddy complete buddy tasks', () => {
    const assigned = { type: 'journey.onboarding.buddy-assigned', data: { buddyId, kind: 'buddy' } } as const;
    const buddy = { id: buddyId, roles: ['employee'] };
    spec.given([hired, planned()]).when(complete('coffee', buddy)).thenThrows('EJP_NOT_TASK_OWNER');
    spec.given([hired, planned(), assigned]).when(complete('coffee', buddy)).then([taskCompleted('coffee')]);
  });
});

describe('the spec helper itself can fail', () => {
  it('then() fails on different events', () => {
    expect(() => spec.given([]).when(hire()).then([hired])).toThrow();
  });

  it('thenThrows() fails on another code and when nothing is thrown', () => {
    expect(() => spec.given([hired]).when(hire()).thenThrows('EJP_TASK_NOT_FOUND')).toThrow(/EJP_TASK_NOT_FOUND/);
    expect(() => spec.given([]).when(hire()).thenThrows('EJP_EMPLOYEE_ALREADY_HIRED')).toThrow(/decide returned/);
  });

  it('completed onboarding really is a different stage', () => {
    spec.given([hired, planned(), completed]).when(complete('laptop')).thenThrows('EJP_STAGE_MISMATCH');
  });
});
