import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event.ts';

/**
 * Reporting lines after the hire: whom an employee reports to. The hire
 * (and a rehire) names the first manager; HR changes it with this event,
 * appended by the onboarding service, which owns the employee record. The
 * access read model (reporting lines) projects every event type listed in
 * read-models/reporting-lines.ts `managerChanges`.
 */

const employeeId = z.uuid();

export const ManagerChanged = defineEvent({
  type: 'journey.employee.manager-changed',
  version: 1,
  schema: z
    .strictObject({
      /** Null: reports to nobody (the CEO). */
      managerId: employeeId.nullable(),
      previousManagerId: employeeId.nullable(),
    })
    .refine((d) => d.managerId !== d.previousManagerId, { message: 'the new manager must differ from the previous one', path: ['managerId'] }),
  title: 'Manager changed',
  description: 'The employee reports to someone else from now on: their new manager reaches their journey, the previous one no longer does.',
  source: 'onboarding',
});

export const reportingLineEvents = [ManagerChanged] as const;

export type ReportingLineEvent = EventOf<(typeof reportingLineEvents)[number]>;
