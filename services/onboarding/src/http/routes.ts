import { journeyStream } from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import { AppError, problemResponse, type ServiceApp } from '@ejp/service-kit';
import type { z } from 'zod';
import { createCommandHandler } from '../command-handler.ts';
import { onboardingDecider } from '../domain/decider.ts';
import { dueDate, isoDateOf, stageOf } from '../domain/state.ts';
import { onboardingEventCodec } from '../event-codec.ts';
import { etagOf, runCommand } from './command-route.ts';
import { OnboardingErrors } from './errors.ts';
import {
  BuddyBody,
  CheckInBody,
  CommandHeaders,
  CommandResult,
  EmployeeParams,
  HireBody,
  OnboardingView,
  PlanBody,
  ProbationBody,
  StartDateBody,
  TaskParams,
  WelcomeBody,
} from './schemas.ts';

export interface OnboardingRoutesOptions {
  /** The event store to append to: in production the crypto-shredding decorator around an adapter. */
  store: EventStore;
  /** The clock commands are decided at (default: the system clock); tests pin it. */
  clock?: () => Date;
  /** Extra attempts after a concurrency conflict when the request had no If-Match (default 3). */
  maxConflictRetries?: number;
}

const tags = ['onboarding'];
// Documented here; the kit adds 400, 401, 403 and 500 itself.
const problems = {
  404: problemResponse('No such employee (or task)'),
  409: problemResponse('The command conflicts with the onboarding state (stage, task, check-in order...)'),
  412: problemResponse('If-Match does not name the current revision'),
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
    codec: onboardingEventCodec,
    ...(options.maxConflictRetries === undefined ? {} : { maxRetries: options.maxConflictRetries }),
  });
  const now = options.clock ?? (() => new Date());
  const metadata = () => ({ now: now() });
  const run = runCommand.bind(undefined, handler);
  const response = { 200: CommandResult, ...problems };
  const commandSchema = <P extends z.ZodType, B extends z.ZodType>(summary: string, params: P, body: B) => ({
    tags,
    summary,
    params,
    body,
    headers: CommandHeaders,
    response,
  });
  const bodylessSchema = <P extends z.ZodType>(summary: string, params: P) => ({ tags, summary, params, headers: CommandHeaders, response });

  app.post(
    '/employees',
    {
      config: { roles: ['hr'] },
      schema: { tags, summary: 'Hire an employee (and assign the given or the default onboarding plan)', body: HireBody, headers: CommandHeaders, response: { 201: CommandResult, ...problems } },
    },
    (request, reply) =>
      run(request, reply, { type: 'HireEmployee', data: request.body, metadata: metadata() }, {
        status: 201,
        location: `/employees/${request.body.employeeId}/onboarding`,
      }),
  );

  app.post(
    '/employees/:employeeId/onboarding/plan',
    { config: { roles: ['hr'] }, schema: commandSchema('Replace the onboarding plan', EmployeeParams, PlanBody) },
    (request, reply) =>
      run(request, reply, { type: 'AssignOnboardingPlan', data: { ...request.params, ...request.body }, metadata: metadata() }, { status: 200 }),
  );

  app.post(
    '/employees/:employeeId/onboarding/buddy',
    { config: { roles: ['manager', 'hr'] }, schema: commandSchema('Assign a buddy or mentor', EmployeeParams, BuddyBody) },
    (request, reply) =>
      run(request, reply, { type: 'AssignBuddy', data: { ...request.params, ...request.body }, metadata: metadata() }, { status: 200 }),
  );

  app.post(
    '/employees/:employeeId/onboarding/welcome',
    { config: { roles: ['manager', 'hr'] }, schema: commandSchema('Send the personal welcome message', EmployeeParams, WelcomeBody) },
    (request, reply) =>
      run(request, reply, { type: 'SendWelcomeMessage', data: { ...request.params, ...request.body }, metadata: metadata() }, { status: 200 }),
  );

  app.post(
    '/employees/:employeeId/onboarding/tasks/:taskId/complete',
    {
      // Employees complete their own tasks and, as buddies, buddy tasks (checked by the decider); services are bots (IT provisioning).
      config: { roles: ['hr', 'manager', 'service', 'employee'] },
      schema: bodylessSchema('Complete an onboarding task', TaskParams),
    },
    (request, reply) => {
      const { employeeId, taskId } = request.params;
      const completedBy = { id: request.user!.subject, roles: request.user!.roles };
      return run(request, reply, { type: 'CompleteOnboardingTask', data: { employeeId, taskId, completedBy }, metadata: metadata() }, { status: 200 });
    },
  );

  app.post(
    '/employees/:employeeId/onboarding/check-ins',
    { config: { roles: ['manager', 'hr'] }, schema: commandSchema('Record the 30, 60 or 90-day check-in', EmployeeParams, CheckInBody) },
    (request, reply) =>
      run(request, reply, { type: 'RecordCheckIn', data: { ...request.params, ...request.body }, metadata: metadata() }, { status: 200 }),
  );

  app.put(
    '/employees/:employeeId/start-date',
    { config: { roles: ['hr'] }, schema: commandSchema('Change the start date (every due date follows)', EmployeeParams, StartDateBody) },
    (request, reply) =>
      run(request, reply, { type: 'ChangeStartDate', data: { ...request.params, ...request.body }, metadata: metadata() }, { status: 200 }),
  );

  app.post(
    '/employees/:employeeId/onboarding/complete',
    { config: { roles: ['hr', 'manager'] }, schema: bodylessSchema('Complete onboarding (every required task done)', EmployeeParams) },
    (request, reply) => run(request, reply, { type: 'CompleteOnboarding', data: request.params, metadata: metadata() }, { status: 200 }),
  );

  app.post(
    '/employees/:employeeId/probation',
    { config: { roles: ['hr'] }, schema: commandSchema('Record the probation outcome', EmployeeParams, ProbationBody) },
    (request, reply) =>
      run(request, reply, { type: 'RecordProbationOutcome', data: { ...request.params, ...request.body }, metadata: metadata() }, { status: 200 }),
  );

  app.get(
    '/employees/:employeeId/onboarding',
    {
      config: { roles: ['hr', 'manager'] },
      schema: { tags, summary: 'The write-side onboarding state (debugging; the journey API is the read side)', params: EmployeeParams, response: { 200: OnboardingView, 404: problems[404] } },
    },
    async (request, reply) => {
      const { employeeId } = request.params;
      const { state, revision } = await handler.load(journeyStream(employeeId));
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
