import type { AccessPolicy } from '@ejp/service-kit';

/**
 * One person's journey (timeline, status with check-in ratings and notes,
 * offboarding): HR, the employee themselves, and a manager in their
 * reporting line. Declared on each route and checked by the service kit
 * before the read model is touched, so a 403 never reveals whether someone
 * else exists.
 */
export const JOURNEY_READERS: AccessPolicy = { roles: ['hr'], self: 'employeeId', managerOf: 'employeeId' };

/** Analytics and the alumni directory: about many people at once, and not a manager's business beyond their team. */
export const HR_READERS: AccessPolicy = { roles: ['hr', 'admin'] };
