import { AppError, type AuthenticatedUser, ErrorCodes, type Role } from '@ejp/service-kit';

/** Every role that may call the journey routes at all. */
export const READER_ROLES: readonly Role[] = ['hr', 'admin', 'manager', 'employee'];

/** Roles that may read analytics and the alumni directory: about many people at once, and not a manager's business beyond their team. */
export const HR_ROLES: readonly Role[] = ['hr', 'admin'];

/** Roles that may read anyone's journey. */
const READS_ANY: readonly Role[] = ['hr', 'admin', 'manager'];

/**
 * hr, admin and manager read every journey; an employee reads only their own
 * (token subject = employee id). Managers are not limited to their reports
 * yet: the status document has `managerId`, so that check can come later
 * without a new read model. Checked before the employee is looked up, so a
 * 403 never reveals whether someone else exists.
 */
export function assertMayRead(user: AuthenticatedUser | null, employeeId: string): void {
  if (user && (user.roles.some((role) => READS_ANY.includes(role)) || user.subject === employeeId)) return;
  throw new AppError(ErrorCodes.EJP_FORBIDDEN, 'An employee may read only their own journey.');
}
