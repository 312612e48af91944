import { deciderSpec } from '@ejp/command-kit/testing';
import { describe, it } from 'vitest';
import { type GrowthJourneyCommand, type GrowthJourneyEvent, growthJourneyDecider } from '../../src/domain/journey.ts';
import { defaultMovePlan } from '../../src/domain/move-plan.ts';

const spec = deciderSpec(growthJourneyDecider);
const employeeId = '11111111-1111-4111-8111-111111111111';
const managerId = '22222222-2222-4222-8222-222222222222';
const newManagerId = '33333333-3333-4333-8333-333333333333';
const goalId = '44444444-4444-4444-8444-444444444444';
const actionId = '55555555-5555-4555-8555-555555555555';
const openingId = '66666666-6666-4666-8666-666666666666';
const now = new Date('2026-09-10T09:00:00Z');
const at = (type: GrowthJourneyCommand['type'], data: object) => ({ type, data: { employeeId, ...data }, metadata: { now } }) as GrowthJourneyCommand;

const hired: GrowthJourneyEvent = {
  type: 'journey.employee.hired',
  data: { employeeId, email: 'ada@example.com', givenName: 'Ada', familyName: 'L', department: 'Sales', role: 'Sales Engineer', level: 'IC4', managerId, location: 'Lisbon', startDate: '2026-01-05' },
};
const departed: GrowthJourneyEvent = { type: 'journey.employee.departed', data: { kind: 'resignation', voluntary: true, lastDay: '2026-08-31', departedOn: '2026-08-31' } };
const goal: GrowthJourneyEvent = { type: 'journey.development-plan.goal-set', data: { goalId, title: 'Lead a design review', skills: ['system-design'] } };
const action: GrowthJourneyEvent = { type: 'journey.development-plan.action-added', data: { actionId, goalId, title: 'Shadow two reviews', dueOn: '2026-10-01' } };
const was = { department: 'Sales', role: 'Sales Engineer', level: 'IC4', managerId };

describe('development plan', () => {
  it('sets goals and actions, completes an action on the day of the command', () => {
    spec.given([hired]).when(at('SetDevelopmentGoal', goal.data)).then([goal]);
    spec.given([hired, goal]).when(at('AddDevelopmentAction', action.data)).then([action]);
    spec.given([hired, goal, action]).when(at('CompleteDevelopmentAction', { actionId })).then([{ type: 'journey.development-plan.action-completed', data: { actionId, completedOn: '2026-09-10' } }]);
  });

  it('refuses an action of an unknown goal, an action done twice, and anyone who has left', () => {
    spec.given([hired]).when(at('AddDevelopmentAction', action.data)).thenThrows('EJP_DEVELOPMENT_GOAL_NOT_FOUND');
    spec.given([hired, goal, action, { type: 'journey.development-plan.action-completed', data: { actionId, completedOn: '2026-09-01' } }])
      .when(at('CompleteDevelopmentAction', { actionId }))
      .thenThrows('EJP_DEVELOPMENT_ACTION_ALREADY_DONE');
    spec.given([hired, departed]).when(at('SetDevelopmentGoal', goal.data)).thenThrows('EJP_EMPLOYEE_DEPARTED');
    spec.given([]).when(at('SetDevelopmentGoal', goal.data)).thenThrows('EJP_EMPLOYEE_NOT_FOUND');
  });

  it('achieves a goal once; achieving it again records nothing', () => {
    const achieved: GrowthJourneyEvent = { type: 'journey.development-plan.goal-achieved', data: { goalId } };
    spec.given([hired, goal]).when(at('AchieveDevelopmentGoal', { goalId })).then([achieved]);
    spec.given([hired, goal, achieved]).when(at('AchieveDevelopmentGoal', { goalId })).then([]);
  });

  it('takes check-ins from the current manager or HR only, the manager as the latest move set it', () => {
    const checkIn = { checkInId: actionId, progress: 40 };
    const recorded: GrowthJourneyEvent = { type: 'journey.development-plan.check-in-recorded', data: checkIn };
    spec.given([hired]).when(at('RecordDevelopmentCheckIn', { ...checkIn, by: { id: managerId, roles: ['manager'] } })).then([recorded]);
    spec.given([hired]).when(at('RecordDevelopmentCheckIn', { ...checkIn, by: { id: newManagerId, roles: ['manager'] } })).thenThrows('EJP_NOT_THE_MANAGER');
    spec.given([hired]).when(at('RecordDevelopmentCheckIn', { ...checkIn, by: { id: newManagerId, roles: ['hr'] } })).then([recorded]);
    const moved: GrowthJourneyEvent = { type: 'journey.employee.position-changed', data: { kind: 'transfer', effectiveOn: '2026-09-01', ...was, managerId: newManagerId, from: was } };
    spec.given([hired, moved]).when(at('RecordDevelopmentCheckIn', { ...checkIn, by: { id: managerId, roles: ['manager'] } })).thenThrows('EJP_NOT_THE_MANAGER');
    spec.given([hired, moved]).when(at('RecordDevelopmentCheckIn', { ...checkIn, by: { id: newManagerId, roles: ['manager'] } })).then([recorded]);
  });
});

describe('position changes', () => {
  const transfer = { kind: 'transfer' as const, effectiveOn: '2026-10-01', department: 'Engineering', role: 'Software Engineer', managerId: newManagerId, openingId };

  it('records the new position with the old one and the default task list of a move to another team', () => {
    spec.given([hired]).when(at('ChangePosition', transfer)).then([
      { type: 'journey.employee.position-changed', data: { kind: 'transfer', effectiveOn: '2026-10-01', openingId, department: 'Engineering', role: 'Software Engineer', level: 'IC4', managerId: newManagerId, from: was } },
      { type: 'journey.move.plan-assigned', data: { effectiveOn: '2026-10-01', tasks: defaultMovePlan('transfer', false) } },
    ]);
  });

  it('promotes in place with no handover, and refuses a move that changes nothing or a rotation without its end', () => {
    spec.given([hired]).when(at('ChangePosition', { kind: 'promotion', effectiveOn: '2026-10-01', level: 'IC5' })).then([
      { type: 'journey.employee.position-changed', data: { kind: 'promotion', effectiveOn: '2026-10-01', ...was, level: 'IC5', from: was } },
      { type: 'journey.move.plan-assigned', data: { effectiveOn: '2026-10-01', tasks: defaultMovePlan('promotion', true) } },
    ]);
    spec.given([hired]).when(at('ChangePosition', { kind: 'promotion', effectiveOn: '2026-10-01', level: 'IC4' })).thenThrows('EJP_INVALID_COMMAND');
    spec.given([hired]).when(at('ChangePosition', { ...transfer, kind: 'rotation' })).thenThrows((e) => (e as { extensions: { field: string } }).extensions.field === 'endsOn');
    spec.given([hired]).when(at('ChangePosition', { ...transfer, managerId: employeeId })).thenThrows('EJP_INVALID_COMMAND');
  });

  it('completes move tasks: the employee their own, managers and HR any, each once', () => {
    const plan: GrowthJourneyEvent = { type: 'journey.move.plan-assigned', data: { effectiveOn: '2026-10-01', tasks: defaultMovePlan('rotation', false) } };
    const done = (taskId: string): GrowthJourneyEvent => ({ type: 'journey.move.task-completed', data: { taskId } });
    spec.given([hired, plan]).when(at('CompleteMoveTask', { taskId: 'rotation-review', by: { id: employeeId, roles: ['employee'] } })).then([done('rotation-review')]);
    spec.given([hired, plan]).when(at('CompleteMoveTask', { taskId: 'handover', by: { id: employeeId, roles: ['employee'] } })).thenThrows('EJP_NOT_THE_MANAGER');
    spec.given([hired, plan]).when(at('CompleteMoveTask', { taskId: 'handover', by: { id: managerId, roles: ['manager'] } })).then([done('handover')]);
    spec.given([hired, plan, done('handover')]).when(at('CompleteMoveTask', { taskId: 'handover', by: { id: managerId, roles: ['hr'] } })).thenThrows('EJP_MOVE_TASK_ALREADY_DONE');
    spec.given([hired, plan]).when(at('CompleteMoveTask', { taskId: 'party', by: { id: managerId, roles: ['hr'] } })).thenThrows('EJP_MOVE_TASK_NOT_FOUND');
    spec.given([hired]).when(at('CompleteMoveTask', { taskId: 'handover', by: { id: managerId, roles: ['hr'] } })).thenThrows('EJP_NO_MOVE_PLAN');
  });
});
