import { commandRoute } from '@ejp/command-kit';
import { EmployeeErased } from '@ejp/contracts';
import type { OnboardingCommand } from '../domain/commands.ts';
import { EmployeeParams } from './schemas.ts';

const route = commandRoute<OnboardingCommand>();

/** The erasure body: the event's own schema, so the reason is a closed list and can carry no personal words. */
export const ErasureBody = EmployeeErased.schema.describe('Why the personal data is erased (a closed list: the audited event holds no free text)');

/**
 * Right to erasure. Onboarding owns the employee record (it appends the
 * hire), so it appends the erasure too: the crypto-shredding store destroys
 * the employee's key with that append, the projections mark their documents,
 * and the relay tells Kafka consumers (`journey.employee.erased`) to delete
 * what they hold. Afterwards every command on the employee answers 410.
 */
export const erasureCommandRoutes = [
  route({
    method: 'POST', url: '/employees/:employeeId/erasure', operationId: 'eraseEmployee', access: { roles: ['hr', 'admin'] }, status: 200,
    summary: "Erase an employee's personal data (right to erasure)",
    description:
      "Destroys the employee's data key: every personal field of their journey (names, email, messages, notes) reads as redacted from now on, in every copy of the events. Recorded as the audited event journey.employee.erased (no personal data in it). A second erasure, and any later command on the employee, answers 410.",
    params: EmployeeParams, body: ErasureBody,
    toCommand: ({ params, body }) => ({ type: 'EraseEmployee', data: { ...params, ...body } }),
  }),
];
