import { randomUUID } from 'node:crypto';

/** A calendar date (UTC) some days from today. */
export const isoDate = (daysFromToday: number): string => new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);

/**
 * A hire body. The start date lies 35 days back so the 30-day check-in is
 * allowed today (check-ins are accepted from the start date on).
 */
export function hireBody(employeeId: string = randomUUID(), plan?: PlanTask[]) {
  return {
    employeeId,
    givenName: 'Ada',
    familyName: 'Okafor',
    email: `ada.${employeeId.slice(0, 8)}@example.com`,
    department: 'Engineering',
    role: 'Software Engineer',
    level: 'IC3',
    managerId: null,
    location: 'Lisbon',
    startDate: isoDate(-35),
    ...(plan ? { plan } : {}),
  };
}

export interface PlanTask {
  id: string;
  title: string;
  owner: 'manager' | 'it' | 'employee' | 'buddy' | 'hr';
  dueOffsetDays: number;
  required: boolean;
}

/** A plan of `count` plain tasks (t1..tN): enough commands for a benchmark on few employees. */
export function manyTasksPlan(count: number): PlanTask[] {
  return Array.from({ length: count }, (_, i) => ({ id: `t${i + 1}`, title: `Task ${i + 1}`, owner: 'hr' as const, dueOffsetDays: i % 30, required: false }));
}
