import { z } from 'zod';
import { defineReadModel, type ReadModelDocument } from './define-read-model.ts';

/**
 * Who is in which department and team now: one slim document per employee
 * (department, manager, whether still employed), kept from the hire, the
 * rehire (which may change both) and the departure. The team shout-out's
 * fan-out asks it for a department's or a manager's members through an
 * index, instead of scanning the journey status documents.
 */
export const membershipSchema = z.object({
  employeeId: z.uuid(),
  department: z.string(),
  managerId: z.uuid().nullable(),
  member: z.boolean().describe('False once departed (until a rehire).'),
});

export const DepartmentMembershipReadModel = defineReadModel({
  collection: 'department_membership',
  schema: membershipSchema,
  idIs: 'the employee id',
  indexes: [
    ['department', 'member'],
    ['managerId', 'member'],
  ],
});
export type Membership = ReadModelDocument<typeof DepartmentMembershipReadModel>;
