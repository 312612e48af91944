import { Uuid } from '@ejp/contracts';
import { z } from 'zod';

/**
 * Path parameters every journey route shares, written once: the command
 * services and the journey API name the employee (and a plan task) the same
 * way, so their OpenAPI documents agree.
 */
export const EmployeeParams = z.object({
  employeeId: Uuid.describe('The employee (the subject of their journey stream).'),
});

/** An employee and one task of a plan (onboarding or offboarding). */
export const EmployeeTaskParams = EmployeeParams.extend({ taskId: z.string().min(1).max(100) });
