import { z } from 'zod';
import type { EventData, EventDefinition } from '../define-event.ts';
import { PositionChanged } from '../events/growth.ts';
import { EmployeeRehired } from '../events/offboarding.ts';
import { BuddyAssigned, EmployeeHired, ManagerChanged } from '../events/onboarding.ts';
import { defineReadModel, type ReadModelDocument } from './define-read-model.ts';

/**
 * The access read model: one document per employee (id = employee id) with
 * whom they report to and who their onboarding buddy is. Every service's
 * access check reads it (through service-kit's AccessDirectory port) before
 * anything else is looked up: a manager reaches the journeys of the people
 * whose line leads to them, a buddy their buddy's onboarding tasks.
 */
export const reportingLineSchema = z.object({
  employeeId: z.string().min(1),
  managerId: z.string().nullable().describe('Whom the employee reports to; null for nobody (the CEO).'),
  buddyId: z.string().nullable().describe('The buddy or mentor of the current chapter; null when none is assigned.'),
  lastAppliedRevision: z.int().min(-1),
  updatedAt: z.string(),
});

export const ReportingLinesReadModel = defineReadModel({
  collection: 'reporting_lines',
  schema: reportingLineSchema,
  idIs: 'the employee id',
  // A manager's direct reports (a team view, a skip-level walk downwards).
  indexes: [['managerId']],
});

export type ReportingLine = ReadModelDocument<typeof ReportingLinesReadModel>;

/** An event type that (re)sets an employee's manager, and how its data names the new one. */
export interface ManagerChange {
  readonly type: string;
  /** Whether it opens a new chapter (hire, rehire): the buddy of the old one no longer applies. */
  readonly opensChapter: boolean;
  managerOf(data: unknown): string | null;
}

function managerChange<D extends EventDefinition>(event: D, managerOf: (data: EventData<D>) => string | null): ManagerChange {
  return { type: event.type, opensChapter: event.journey?.opensChapter === true, managerOf: (data) => managerOf(data as EventData<D>) };
}

/**
 * Every event type that changes a manager: the access projection handles
 * exactly these (and the buddy assignment). A service whose event moves
 * someone to another manager (a transfer, a promotion) adds one line here;
 * its data must name the new manager in a field that is not personal data,
 * since projections never see personal fields.
 */
export const managerChanges: readonly ManagerChange[] = [
  managerChange(EmployeeHired, (d) => d.managerId),
  managerChange(EmployeeRehired, (d) => d.managerId),
  managerChange(ManagerChanged, (d) => d.managerId),
  managerChange(PositionChanged, (d) => d.managerId),
];

/** The buddy of the current chapter comes from this event type. */
export const buddyChange = { type: BuddyAssigned.type, buddyOf: (data: unknown) => (data as EventData<typeof BuddyAssigned>).buddyId };
