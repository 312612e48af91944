import { commandRoute, createCommandHandler, journeyCodec, registerCommandRoutes } from '@ejp/command-kit';
import { journeyStream, ManagerChanged, offboardingEvents, onboardingEvents, reportingLineEvents } from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import { EmployeeParams, problemResponse, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { type ChangeManager, reportingLineDecider } from '../domain/reporting-line.ts';

const route = commandRoute<ChangeManager>();

export const ManagerBody = z
  .strictObject({ managerId: ManagerChanged.schema.shape.managerId })
  .describe('Whom the employee reports to from now on; null for nobody.');

/** HR alone moves someone to another manager: the new line decides who reaches the journey. */
export const reportingLineCommandRoutes = [
  route({
    method: 'PUT', url: '/employees/:employeeId/manager', operationId: 'changeManager', access: { roles: ['hr'] }, status: 200,
    summary: 'Change whom the employee reports to (their new manager reaches their journey, the previous one no longer does)',
    params: EmployeeParams, body: ManagerBody,
    toCommand: ({ params, body }) => ({ type: 'ChangeManager', data: { ...params, ...body } }),
  }),
];

export interface ReportingLineRoutesOptions {
  store: EventStore;
  clock?: () => Date;
  maxConflictRetries?: number;
}

const tags = { 'reporting-lines': 'Whom an employee reports to: what a manager reaches is decided by it' };
const problems = {
  404: problemResponse('No such employee'),
  409: problemResponse('The employee has left, or concurrent commands kept conflicting'),
  422: problemResponse('An employee cannot report to themselves, or a reused Idempotency-Key'),
};

export function registerReportingLineRoutes(app: ServiceApp, options: ReportingLineRoutesOptions): void {
  const handler = createCommandHandler({
    store: options.store,
    decider: reportingLineDecider,
    codec: journeyCodec(reportingLineEvents, [...onboardingEvents, ...offboardingEvents]),
    streamOf: (command: ChangeManager) => journeyStream(command.data.employeeId),
    // Folded states kept between commands (command kit stateCache): this state holds no personal data.
    stateCache: {},
    ...(options.maxConflictRetries === undefined ? {} : { maxRetries: options.maxConflictRetries }),
  });
  registerCommandRoutes(app, {
    handler,
    routes: reportingLineCommandRoutes,
    tags,
    problems,
    ...(options.clock ? { clock: options.clock } : {}),
    result: { shape: { employeeId: z.uuid() }, of: (command) => ({ employeeId: command.data.employeeId }) },
  });
}
