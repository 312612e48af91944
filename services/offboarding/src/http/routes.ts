import { type CommandHandler, commandRoute, createCommandHandler, type HandleResult, journeyCodec, registerCommandRoutes } from '@ejp/command-kit';
import { type CausationContext, journeyStream, offboardingEvents, onboardingEvents, TASK_SCOPE } from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import { type AccessPolicy, defineErrors, type ErrorDefinition, problemResponse, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import type { OffboardingCommand } from '../domain/commands.ts';
import { offboardingDecider } from '../domain/decider.ts';
import type { OffboardingErrorCode } from '../domain/errors.ts';
import type { JourneyEvent, OffboardingState } from '../domain/state.ts';
import {
  DepartBody,
  EligibilityBody,
  EmployeeParams,
  EnrolBody,
  ExitInterviewBody,
  LastDayBody,
  PlanBody,
  ReferralBody,
  RehireBody,
  StartBody,
  TaskParams,
} from './schemas.ts';

/**
 * The offboarding codes in the catalogue: the only place where a domain rule
 * meets an HTTP status. Codes shared with onboarding (employee not found or
 * departed, invalid command) carry the same status and title, since codes are
 * process-wide in standalone.
 */
const domainErrors: Record<OffboardingErrorCode, ErrorDefinition> = {
  EJP_EMPLOYEE_NOT_FOUND: { status: 404, title: 'No such employee' },
  EJP_EMPLOYEE_DEPARTED: { status: 409, title: 'The employee has left' },
  EJP_OFFBOARDING_ALREADY_STARTED: { status: 409, title: 'Offboarding is already under way' },
  EJP_OFFBOARDING_NOT_STARTED: { status: 409, title: 'No offboarding was started' },
  EJP_NOT_A_RESIGNATION: { status: 409, title: 'Only a resignation can be withdrawn' },
  EJP_LAST_DAY_REACHED: { status: 409, title: 'The last day is reached' },
  EJP_LAST_DAY_NOT_REACHED: { status: 409, title: 'The last day is not reached yet' },
  EJP_OFFBOARDING_TASK_NOT_FOUND: { status: 404, title: 'No such offboarding task' },
  EJP_OFFBOARDING_TASK_ALREADY_DONE: { status: 409, title: 'The offboarding task is already done' },
  EJP_NOT_OFFBOARDING_TASK_OWNER: { status: 403, title: 'Only the task owner may complete this offboarding task' },
  EJP_REQUIRED_OFFBOARDING_TASKS_OPEN: { status: 409, title: 'Required offboarding tasks are still open' },
  EJP_EXIT_INTERVIEW_ALREADY_RECORDED: { status: 409, title: 'The exit interview is already recorded' },
  EJP_NOT_DEPARTED: { status: 409, title: 'The employee has not departed' },
  EJP_ALUMNI_CONSENT_REQUIRED: { status: 422, title: 'Joining the alumni programme needs consent' },
  EJP_ALUMNUS_ALREADY_ENROLLED: { status: 409, title: 'The alumnus is already enrolled' },
  EJP_ALUMNUS_NOT_ENROLLED: { status: 409, title: 'The alumnus is not enrolled' },
  EJP_REFERRAL_ALREADY_MADE: { status: 409, title: 'The referral was already made' },
  EJP_NOT_ELIGIBLE_FOR_REHIRE: { status: 409, title: 'The alumnus is not eligible for rehire' },
  EJP_INVALID_COMMAND: { status: 422, title: 'The command breaks a business rule' },
};
export const OffboardingErrors = defineErrors(domainErrors);

/** The scope of a service account that announces access removal (the deprovisioning scheduler's, when it runs apart). */
export const ACCESS_REMOVAL_SCOPE = 'access-removal';

const route = commandRoute<OffboardingCommand>();

/** HR reaches everyone; a manager the people in their reporting line. */
const MANAGED = { roles: ['hr'], managerOf: 'employeeId' } as const satisfies AccessPolicy;
/** HR, or the employee acting for themselves (their resignation, their alumni membership). */
const OWN = { roles: ['hr'], self: 'employeeId' } as const satisfies AccessPolicy;
const HR = { roles: ['hr'] } as const satisfies AccessPolicy;
const base = '/employees/:employeeId';

/** One row per offboarding command; the command kit gives each the same HTTP side. */
export const offboardingCommandRoutes = [
  route({
    method: 'POST', url: `${base}/offboarding`, operationId: 'startOffboarding', access: MANAGED, status: 201,
    summary: 'Start offboarding (resignation, termination, retirement, end of contract) with the given or the default plan',
    params: EmployeeParams, body: StartBody,
    toCommand: ({ params, body }) => ({ type: 'StartOffboarding', data: { ...params, ...body } }),
    location: ({ params }) => `/employees/${params.employeeId}/offboarding`,
  }),
  route({
    method: 'POST', url: `${base}/offboarding/withdrawal`, operationId: 'withdrawResignation', access: { ...MANAGED, ...OWN }, status: 200,
    summary: 'Withdraw a resignation before the last day (the journey goes back to its stage)', params: EmployeeParams,
    toCommand: ({ params }) => ({ type: 'WithdrawResignation', data: params }),
  }),
  route({
    method: 'PUT', url: `${base}/offboarding/plan`, operationId: 'assignOffboardingPlan', access: HR, status: 200,
    summary: 'Replace the offboarding plan', params: EmployeeParams, body: PlanBody,
    toCommand: ({ params, body }) => ({ type: 'AssignOffboardingPlan', data: { ...params, ...body } }),
  }),
  route({
    method: 'POST', url: `${base}/offboarding/tasks/:taskId/complete`, operationId: 'completeOffboardingTask', status: 200,
    // The leaver completes their own tasks (the decider checks the owner); bots the tasks their scope names (IT deprovisioning).
    access: { ...MANAGED, self: 'employeeId', scope: TASK_SCOPE },
    summary: 'Complete an offboarding task', params: TaskParams,
    toCommand: ({ params: { employeeId, taskId } }, { user, access }) => ({
      type: 'CompleteOffboardingTask',
      data: { employeeId, taskId, completedBy: { id: user.subject, roles: [access.as], scopes: user.scopes } },
    }),
  }),
  route({
    method: 'PUT', url: `${base}/offboarding/last-day`, operationId: 'changeLastDay', access: HR, status: 200,
    summary: 'Change the last day (every due date follows)', params: EmployeeParams, body: LastDayBody,
    toCommand: ({ params, body }) => ({ type: 'ChangeLastDay', data: { ...params, ...body } }),
  }),
  route({
    method: 'POST', url: `${base}/offboarding/access-removal-due`, operationId: 'markAccessRemovalDue', access: { roles: ['admin'], scope: ACCESS_REMOVAL_SCOPE }, status: 200,
    summary: "Announce that the employee's access is due for removal (on or after the last day; the scheduler sends it)",
    params: EmployeeParams,
    toCommand: ({ params }) => ({ type: 'MarkAccessRemovalDue', data: params }),
  }),
  route({
    method: 'POST', url: `${base}/offboarding/exit-interview`, operationId: 'recordExitInterview', access: HR, status: 201,
    summary: 'Record the exit interview (once per offboarding)', params: EmployeeParams, body: ExitInterviewBody,
    toCommand: ({ params, body }) => ({ type: 'RecordExitInterview', data: { ...params, ...body } }),
  }),
  route({
    method: 'POST', url: `${base}/departure`, operationId: 'departEmployee', access: HR, status: 200,
    summary: 'Record the departure: on or after the last day with every required task done, or with an override and its reason',
    params: EmployeeParams, body: DepartBody,
    toCommand: ({ params, body }) => ({ type: 'Depart', data: { ...params, ...body } }),
  }),
  route({
    method: 'POST', url: `${base}/alumni`, operationId: 'enrolAlumnus', access: OWN, status: 201,
    summary: 'Enrol a departed employee in the alumni programme, with consent and a contact preference', params: EmployeeParams, body: EnrolBody,
    toCommand: ({ params, body: { consent, ...contact } }) => ({ type: 'EnrolAlumnus', data: { ...params, consent, contact } }),
    location: ({ params }) => `/employees/${params.employeeId}/alumni`,
  }),
  route({
    method: 'DELETE', url: `${base}/alumni`, operationId: 'withdrawAlumniConsent', access: OWN, status: 200,
    summary: 'Withdraw the consent to be contacted: the alumnus leaves the programme and its directory', params: EmployeeParams,
    toCommand: ({ params }) => ({ type: 'WithdrawAlumniConsent', data: params }),
  }),
  route({
    method: 'POST', url: `${base}/alumni/referrals`, operationId: 'makeReferral', access: OWN, status: 201,
    summary: 'Refer someone (an enrolled alumnus)', params: EmployeeParams, body: ReferralBody,
    toCommand: ({ params, body }) => ({ type: 'MakeReferral', data: { ...params, ...body } }),
  }),
  route({
    method: 'PUT', url: `${base}/rehire-eligibility`, operationId: 'setRehireEligibility', access: HR, status: 200,
    summary: "Set whether the employee may be rehired, with HR's reason", params: EmployeeParams, body: EligibilityBody,
    toCommand: ({ params, body }) => ({ type: 'SetRehireEligibility', data: { ...params, ...body } }),
  }),
  route({
    method: 'POST', url: `${base}/rehire`, operationId: 'rehireEmployee', access: HR, status: 201,
    summary: 'Rehire an eligible alumnus: a new chapter of the same journey, starting in pre-boarding', params: EmployeeParams, body: RehireBody,
    toCommand: ({ params, body }) => ({ type: 'Rehire', data: { ...params, ...body } }),
    location: ({ params }) => `/employees/${params.employeeId}/onboarding`,
  }),
];

export type OffboardingHandler = CommandHandler<OffboardingCommand, OffboardingState, JourneyEvent, CausationContext>;
export type OffboardingResult = HandleResult<OffboardingState, JourneyEvent>;

/** The handler of every offboarding command, on the employee's journey stream; routes and the access-removal scheduler share it. */
export function createOffboardingHandler(store: EventStore, maxRetries?: number): OffboardingHandler {
  return createCommandHandler({
    store,
    decider: offboardingDecider,
    // Reads onboarding's events too: the hire says who the employee is, and every event may move the stage.
    codec: journeyCodec(offboardingEvents, [...onboardingEvents, ...offboardingEvents]),
    streamOf: (command: OffboardingCommand) => journeyStream(command.data.employeeId),
    // Folded states kept between commands (command kit stateCache): this state holds no personal data.
    stateCache: {},
    ...(maxRetries === undefined ? {} : { maxRetries }),
  });
}

export interface OffboardingRoutesOptions {
  /** The event store to append to: in production the crypto-shredding decorator around an adapter. */
  store: EventStore;
  /** The handler to use (main shares one with the scheduler); default: one on `store`. */
  handler?: OffboardingHandler;
  /** The clock commands are decided at (default: the system clock); tests pin it. */
  clock?: () => Date;
  /** Extra attempts after a concurrency conflict when the request had no If-Match (default 3). */
  maxConflictRetries?: number;
}

const tags = {
  offboarding: 'Commands of the offboarding journey: start, withdrawal, plan, tasks, last day, access removal, exit interview, departure, alumni and rehire',
};
// Documented here; the kits add 400, 401, 403, 410 and 500 themselves.
const problems = {
  404: problemResponse('No such employee (or offboarding task)'),
  409: problemResponse('The command conflicts with the journey (the employee has left, no offboarding, last day, open tasks...) or with concurrent commands'),
  422: problemResponse('A business rule (consent, a field rule of the event) or a reused Idempotency-Key'),
};

/** Adds the offboarding command routes to an app built by `createServiceApp` (or an `app.register` scope). */
export function registerOffboardingRoutes(app: ServiceApp, options: OffboardingRoutesOptions): void {
  registerCommandRoutes(app, {
    handler: options.handler ?? createOffboardingHandler(options.store, options.maxConflictRetries),
    routes: offboardingCommandRoutes,
    tags,
    problems,
    ...(options.clock ? { clock: options.clock } : {}),
    result: { shape: { employeeId: z.uuid() }, of: (command) => ({ employeeId: command.data.employeeId }) },
  });
}
