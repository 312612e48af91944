import { CommandKitErrors, commandProblems, commandRoute, createCommandHandler, etagOf, journeyCodec, registerCommandRoutes } from '@ejp/command-kit';
import { journeyStream, offboardingEvents, onboardingEvents, TASK_SCOPE } from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import { type AccessPolicy, AppError, defineErrors, type ErrorDefinition, problemResponse, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import type { OnboardingCommand } from '../domain/commands.ts';
import { onboardingDecider } from '../domain/decider.ts';
import type { OnboardingErrorCode } from '../domain/errors.ts';
import { dueDate, isoDateOf, stageOf } from '../domain/state.ts';
import { erasureCommandRoutes } from './erasure-routes.ts';
import { registerPersonalDetailsRoutes } from './personal-details-routes.ts';
import { registerReportingLineRoutes } from './reporting-line-routes.ts';
import { BuddyBody, CheckInBody, EmployeeParams, HireBody, OnboardingView, PlanBody, ProbationBody, StartDateBody, TaskParams, WelcomeBody } from './schemas.ts';

/**
 * The onboarding codes in the catalogue: the only place where a domain rule
 * meets an HTTP status. `Record<OnboardingErrorCode, ...>` makes the compiler
 * insist that every domain code has one.
 */
const domainErrors: Record<OnboardingErrorCode, ErrorDefinition> = {
  EJP_EMPLOYEE_ALREADY_HIRED: { status: 409, title: 'The employee is already hired' },
  EJP_EMPLOYEE_NOT_FOUND: { status: 404, title: 'No such employee' },
  // Same title in every service that refuses departed employees (codes are process-wide).
  EJP_EMPLOYEE_DEPARTED: { status: 409, title: 'The employee has left' },
  EJP_TASK_NOT_FOUND: { status: 404, title: 'No such onboarding task' },
  EJP_TASK_ALREADY_DONE: { status: 409, title: 'The onboarding task is already done' },
  EJP_TASK_DONE_BY_TOUCHPOINT: { status: 409, title: 'The task completes through its touchpoint command' },
  EJP_NOT_TASK_OWNER: { status: 403, title: 'Only the task owner may complete this task' },
  EJP_CHECKIN_OUT_OF_ORDER: { status: 409, title: 'Check-ins happen at 30, then 60, then 90 days' },
  EJP_CHECKIN_ALREADY_RECORDED: { status: 409, title: 'The check-in is already recorded' },
  EJP_WELCOME_ALREADY_SENT: { status: 409, title: 'The welcome message was already sent' },
  // Same title as the kit's README example, so another service may define it too (codes are process-wide).
  EJP_STAGE_MISMATCH: { status: 409, title: 'The journey stage does not allow this command' },
  EJP_REQUIRED_TASKS_OPEN: { status: 409, title: 'Required onboarding tasks are still open' },
  EJP_INVALID_COMMAND: { status: 422, title: 'The command breaks a business rule' },
};
export const OnboardingErrors = defineErrors(domainErrors);

const route = commandRoute<OnboardingCommand>();

/** HR reaches everyone; a manager the people in their reporting line (their check-ins, ratings and notes included). */
const MANAGED: AccessPolicy = { roles: ['hr'], managerOf: 'employeeId' };

/** One row per onboarding command; the command kit gives each the same HTTP side. */
export const onboardingCommandRoutes = [
  route({
    method: 'POST', url: '/employees', operationId: 'hireEmployee', access: { roles: ['hr'] }, status: 201,
    summary: 'Hire an employee (and assign the given or the default onboarding plan)',
    body: HireBody,
    toCommand: ({ body }) => ({ type: 'HireEmployee', data: body }),
    location: ({ body }) => `/employees/${body.employeeId}/onboarding`,
  }),
  route({
    method: 'POST', url: '/employees/:employeeId/onboarding/plan', operationId: 'assignOnboardingPlan', access: { roles: ['hr'] }, status: 200,
    summary: 'Replace the onboarding plan', params: EmployeeParams, body: PlanBody,
    toCommand: ({ params, body }) => ({ type: 'AssignOnboardingPlan', data: { ...params, ...body } }),
  }),
  route({
    method: 'POST', url: '/employees/:employeeId/onboarding/buddy', operationId: 'assignBuddy', access: MANAGED, status: 200,
    summary: 'Assign a buddy or mentor', params: EmployeeParams, body: BuddyBody,
    toCommand: ({ params, body }) => ({ type: 'AssignBuddy', data: { ...params, ...body } }),
  }),
  route({
    method: 'POST', url: '/employees/:employeeId/onboarding/welcome', operationId: 'sendWelcomeMessage', access: MANAGED, status: 200,
    summary: 'Send the personal welcome message', params: EmployeeParams, body: WelcomeBody,
    toCommand: ({ params, body }) => ({ type: 'SendWelcomeMessage', data: { ...params, ...body } }),
  }),
  route({
    method: 'POST', url: '/employees/:employeeId/onboarding/tasks/:taskId/complete', operationId: 'completeOnboardingTask', status: 200,
    // Employees complete their own tasks and, as buddies, buddy tasks (the decider checks the owner); bots the tasks their scope names.
    access: { ...MANAGED, self: 'employeeId', buddyOf: 'employeeId', scope: TASK_SCOPE },
    summary: 'Complete an onboarding task', params: TaskParams,
    toCommand: ({ params: { employeeId, taskId } }, { user, access }) => ({
      type: 'CompleteOnboardingTask',
      data: { employeeId, taskId, completedBy: { id: user.subject, roles: [access.as], scopes: user.scopes } },
    }),
  }),
  route({
    method: 'POST', url: '/employees/:employeeId/onboarding/check-ins', operationId: 'recordCheckIn', access: MANAGED, status: 200,
    summary: 'Record the 30, 60 or 90-day check-in', params: EmployeeParams, body: CheckInBody,
    toCommand: ({ params, body }) => ({ type: 'RecordCheckIn', data: { ...params, ...body } }),
  }),
  route({
    method: 'PUT', url: '/employees/:employeeId/start-date', operationId: 'changeStartDate', access: { roles: ['hr'] }, status: 200,
    summary: 'Change the start date (every due date follows)', params: EmployeeParams, body: StartDateBody,
    toCommand: ({ params, body }) => ({ type: 'ChangeStartDate', data: { ...params, ...body } }),
  }),
  route({
    method: 'POST', url: '/employees/:employeeId/onboarding/complete', operationId: 'completeOnboarding', access: MANAGED, status: 200,
    summary: 'Complete onboarding (every required task done)', params: EmployeeParams,
    toCommand: ({ params }) => ({ type: 'CompleteOnboarding', data: params }),
  }),
  route({
    method: 'POST', url: '/employees/:employeeId/probation', operationId: 'recordProbationOutcome', access: { roles: ['hr'] }, status: 200,
    summary: 'Record the probation outcome', params: EmployeeParams, body: ProbationBody,
    toCommand: ({ params, body }) => ({ type: 'RecordProbationOutcome', data: { ...params, ...body } }),
  }),
];

export interface OnboardingRoutesOptions {
  /** The event store to append to: in production the crypto-shredding decorator around an adapter. */
  store: EventStore;
  /** The clock commands are decided at (default: the system clock); tests pin it. */
  clock?: () => Date;
  /** Extra attempts after a concurrency conflict when the request had no If-Match (default 3). */
  maxConflictRetries?: number;
}

const tags = { onboarding: 'Commands of the onboarding journey: hire, plan, buddy, welcome, tasks, check-ins, start date, completion and probation' };
// Documented here; the kits add 400, 401, 403, 410 and 500 themselves.
const problems = {
  404: problemResponse('No such employee (or task)'),
  409: problemResponse('The command conflicts with the onboarding state (stage, task, check-in order...) or with concurrent commands'),
  422: problemResponse('A business rule or a reused Idempotency-Key'),
};

/**
 * Adds the onboarding command routes (and a debug view of the write-side
 * state) to an app built by `createServiceApp`. Works on the root app or
 * inside `app.register(...)` with a prefix, so the standalone process can
 * mount it next to other services.
 */
export function registerOnboardingRoutes(app: ServiceApp, options: OnboardingRoutesOptions): void {
  const handler = createCommandHandler({
    store: options.store,
    decider: onboardingDecider,
    // Reads offboarding's events too: a departure refuses these commands, a rehire opens a new onboarding.
    codec: journeyCodec(onboardingEvents, [...onboardingEvents, ...offboardingEvents]),
    streamOf: (command: OnboardingCommand) => journeyStream(command.data.employeeId),
    // Folded states kept between commands (command kit stateCache): this state holds no personal data.
    stateCache: {},
    ...(options.maxConflictRetries === undefined ? {} : { maxRetries: options.maxConflictRetries }),
  });
  const now = options.clock ?? (() => new Date());
  registerCommandRoutes(app, {
    handler,
    routes: [...onboardingCommandRoutes, ...erasureCommandRoutes],
    tags,
    problems,
    clock: now,
    result: { shape: { employeeId: z.uuid() }, of: (command) => ({ employeeId: command.data.employeeId }) },
  });
  // Onboarding owns the employee record, reporting lines included (their own rows and decider).
  registerReportingLineRoutes(app, options);
  registerPersonalDetailsRoutes(app, { store: options.store, clock: now });

  app.get(
    '/employees/:employeeId/onboarding',
    {
      config: { access: MANAGED },
      schema: {
        operationId: 'getOnboardingState',
        tags: Object.keys(tags),
        summary: 'The write-side onboarding state (debugging; the journey API is the read side)',
        params: EmployeeParams,
        response: { 200: OnboardingView, 404: problems[404], 410: commandProblems[410] },
      },
    },
    async (request, reply) => {
      const { employeeId } = request.params;
      const { state, revision, erased } = await handler.load(journeyStream(employeeId));
      // Its personal fields read as redacted now: the person asked to be forgotten, and the view would only show holes.
      if (erased) throw new AppError(CommandKitErrors.EJP_SUBJECT_ERASED, `Employee ${employeeId} was erased.`);
      if (state.status !== 'hired' || revision === undefined) {
        throw new AppError(OnboardingErrors.EJP_EMPLOYEE_NOT_FOUND, `No employee ${employeeId} was hired.`);
      }
      reply.header('etag', etagOf(revision));
      const { status: _, journey: __, tasks, ...rest } = state;
      return {
        ...rest,
        revision: revision.toString(),
        stage: stageOf(state, isoDateOf(now())),
        tasks: tasks.map((task) => ({ ...task, dueDate: dueDate(state.startDate, task.dueOffsetDays) })),
      };
    },
  );
}
