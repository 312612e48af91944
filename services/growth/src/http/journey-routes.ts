import { type CommandInput, commandRoute, createCommandHandler, journeyCodec } from '@ejp/command-kit';
import {
  DevelopmentActionAdded,
  DevelopmentCheckInRecorded,
  DevelopmentGoalSet,
  developmentPlanEvents,
  journeyStream,
  MOVE_KINDS,
  MovePlanAssigned,
  moveEvents,
  offboardingEvents,
  onboardingEvents,
  PositionChanged,
} from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import { type AccessPolicy, AppError, type AuthenticatedUser, EmployeeParams, EmployeeTaskParams, ErrorCodes } from '@ejp/service-kit';
import { z } from 'zod';
import { GrowthError } from '../domain/errors.ts';
import { type ChangePosition, type GrowthJourneyCommand, growthJourneyDecider } from '../domain/journey.ts';
import { openingOf } from './facts.ts';

/** A development plan is worked on by the employee, a manager in their reporting line, and HR. */
const PLAN_EDITORS: AccessPolicy = { roles: ['hr'], self: 'employeeId', managerOf: 'employeeId' };

const PRIVILEGED = new Set(['hr', 'manager', 'admin']);

/** An employee-only caller works on their own plan; managers and HR on anyone's (the decider checks the check-in's manager). */
function forThemselves(user: AuthenticatedUser, employeeId: string, command: CommandInput<GrowthJourneyCommand>): CommandInput<GrowthJourneyCommand> {
  if (user.roles.some((role) => PRIVILEGED.has(role)) || user.subject === employeeId) return command;
  throw new AppError(ErrorCodes.EJP_FORBIDDEN, `Employees act for themselves only; you are not employee ${employeeId}.`);
}

const caller = (user: AuthenticatedUser) => ({ id: user.subject, roles: user.roles });
const GoalParams = EmployeeParams.extend({ goalId: z.uuid() });
const ActionParams = EmployeeParams.extend({ actionId: z.uuid() });
const position = PositionChanged.schema.shape;

const DirectMove = z
  .strictObject({
    kind: z.enum(MOVE_KINDS),
    effectiveOn: position.effectiveOn,
    department: position.department.optional(),
    role: position.role.optional(),
    level: position.level.optional(),
    managerId: position.managerId.optional(),
    endsOn: position.endsOn,
    tasks: MovePlanAssigned.schema.shape.tasks.optional().describe('The move’s task list, offsets from effectiveOn; omitted: the default for its kind.'),
  })
  .describe('A move HR records directly (a promotion in place): the fields that change; the others stay.');
const OpeningMove = z
  .strictObject({
    openingId: z.uuid(),
    effectiveOn: position.effectiveOn.optional().describe("Omitted: the opening's start day."),
    tasks: MovePlanAssigned.schema.shape.tasks.optional(),
  })
  .describe('The move that fills an internal opening: its kind and position come from the opening, filled by this employee.');

const route = commandRoute<GrowthJourneyCommand>();
const base = '/employees/:employeeId';

export const growthJourneyRoutes = [
  route({
    method: 'PUT', url: `${base}/development-plan/goals/:goalId`, operationId: 'setDevelopmentGoal', access: PLAN_EDITORS, status: 200,
    summary: 'Set a goal of the individual development plan (again: replace it)', params: GoalParams, body: DevelopmentGoalSet.schema.omit({ goalId: true }),
    toCommand: ({ params, body }, { user }) => forThemselves(user, params.employeeId, { type: 'SetDevelopmentGoal', data: { ...params, ...body } }),
  }),
  route({
    method: 'POST', url: `${base}/development-plan/actions`, operationId: 'addDevelopmentAction', access: PLAN_EDITORS, status: 201,
    summary: 'Add an action with its due date to a goal of the plan', params: EmployeeParams, body: DevelopmentActionAdded.schema,
    toCommand: ({ params, body }, { user }) => forThemselves(user, params.employeeId, { type: 'AddDevelopmentAction', data: { ...params, ...body } }),
  }),
  route({
    method: 'POST', url: `${base}/development-plan/actions/:actionId/complete`, operationId: 'completeDevelopmentAction', access: PLAN_EDITORS, status: 200,
    summary: 'Complete an action of the plan', params: ActionParams,
    toCommand: ({ params }, { user }) => forThemselves(user, params.employeeId, { type: 'CompleteDevelopmentAction', data: params }),
  }),
  route({
    method: 'POST', url: `${base}/development-plan/goals/:goalId/achieve`, operationId: 'achieveDevelopmentGoal', access: PLAN_EDITORS, status: 200,
    summary: 'Mark a goal of the plan achieved', params: GoalParams,
    toCommand: ({ params }, { user }) => forThemselves(user, params.employeeId, { type: 'AchieveDevelopmentGoal', data: params }),
  }),
  route({
    method: 'POST', url: `${base}/development-plan/check-ins`, operationId: 'recordDevelopmentCheckIn', access: { roles: ['hr'], managerOf: 'employeeId' }, status: 201,
    summary: "The employee's manager (or HR) checks in on the plan's progress", params: EmployeeParams, body: DevelopmentCheckInRecorded.schema,
    toCommand: ({ params, body }, { user }) => ({ type: 'RecordDevelopmentCheckIn', data: { ...params, ...body, by: caller(user) } }),
  }),
  route({
    method: 'POST', url: `${base}/position-changes`, operationId: 'changePosition', access: { roles: ['hr'] }, status: 201,
    summary: 'Transfer, promote or rotate the employee (department, role, level, manager) with the move’s task list',
    params: EmployeeParams, body: z.union([OpeningMove, DirectMove]),
    toCommand: async ({ params, body }, { events }): Promise<CommandInput<ChangePosition>> => {
      if (!('openingId' in body)) return { type: 'ChangePosition', data: { ...params, ...body } };
      const { opening, filledBy } = await openingOf(events, body.openingId);
      if (filledBy !== params.employeeId) {
        throw new GrowthError('EJP_APPLICATION_NOT_APPROVED', `Opening ${body.openingId} is not filled by employee ${params.employeeId}.`, { filledBy });
      }
      const { kind, department, role, level, managerId, startsOn } = opening;
      const data = { ...params, openingId: body.openingId, kind, department, role, level, managerId, effectiveOn: body.effectiveOn ?? startsOn };
      return { type: 'ChangePosition', data: body.tasks ? { ...data, tasks: body.tasks } : data };
    },
  }),
  route({
    method: 'POST', url: `${base}/move/tasks/:taskId/complete`, operationId: 'completeMoveTask', access: { roles: ['hr'], self: 'employeeId', managerOf: 'employeeId', scope: 'tasks' }, status: 200,
    summary: "Complete a task of the employee's move (the employee completes their own)", params: EmployeeTaskParams,
    toCommand: ({ params: { employeeId, taskId } }, { user }) => ({ type: 'CompleteMoveTask', data: { employeeId, taskId, by: caller(user) } }),
  }),
];

export function createGrowthJourneyHandler(store: EventStore) {
  return createCommandHandler({
    store,
    decider: growthJourneyDecider,
    // Reads the other services' journey events: the hire gives the position, and every event may move the stage.
    codec: journeyCodec([...developmentPlanEvents, ...moveEvents], [...onboardingEvents, ...offboardingEvents, ...developmentPlanEvents, ...moveEvents]),
    streamOf: (command: GrowthJourneyCommand) => journeyStream(command.data.employeeId),
    // Folded states kept between commands (command kit stateCache): this state holds no personal data.
    stateCache: {},
  });
}
