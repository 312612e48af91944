import type { Position } from '@ejp/contracts';
import { GrowthError } from './errors.ts';
import { seniorityOf } from './matching.ts';

/**
 * What a command needs to know of another employee (a mentor's department
 * and seniority, an applicant's manager) as it stood at the decision's
 * instant. The routes read the employee's journey and pass its history; the
 * decider picks the entry in force at `metadata.now`. So a retried command,
 * decided again at the instant it first recorded, gets the same facts even
 * after the employee moved or left since, and is answered as the retry it is.
 */
export interface EmployeeFact {
  /** occurredAt of the journey event from which on this entry holds. */
  since: string;
  status: 'active' | 'departed';
  position: Position;
}

export interface ActivePosition extends Position {
  seniority: number;
}

/** The employee's position at `now`, if they were hired and had not left by then. */
export function activePositionAt(history: readonly EmployeeFact[], employeeId: string, now: Date): ActivePosition {
  const at = now.toISOString();
  const fact = history.filter((entry) => entry.since <= at).at(-1);
  if (!fact) throw new GrowthError('EJP_EMPLOYEE_NOT_FOUND', `No employee ${employeeId} was hired.`);
  if (fact.status === 'departed') throw new GrowthError('EJP_EMPLOYEE_DEPARTED', `Employee ${employeeId} has left.`);
  return { ...fact.position, seniority: seniorityOf(fact.position.level) };
}
