import { addDays } from '@ejp/contracts';
import type { Role } from '@ejp/service-kit';
import { growthCommands } from './growth.ts';
import { recognitionCommands } from './recognitions.ts';
import { between, type DemoEmployee, pick, prng } from './company.ts';
import { demoLeavers, departureCommands } from './departures.ts';
import { servicedeskCommands } from './servicedesk.ts';
import { feedbackCommands } from './feedback.ts';
import { pulseCommands } from './pulse.ts';

/**
 * Turns the demo company into HTTP commands, each at a simulated past
 * instant. Every employee follows the same full journey template (hire,
 * welcome, equipment, buddy, check-ins, completion, probation outcome); what
 * lies on or after the anchor date has not happened yet and is left out, so
 * the stage someone ends up in follows from their start date. People still
 * in onboarding skip some touchpoints, which then show as open or overdue.
 */

export interface DemoActor {
  subject: string;
  roles: Role[];
  /** A service account's token scope (the IT bots complete the tasks owned by `it`). */
  scope?: string;
}

export interface DemoCommand {
  employee: DemoEmployee;
  /** Idempotency-Key: scoped to the employee's stream by the onboarding service. */
  key: string;
  at: Date;
  method: 'POST' | 'PUT' | 'DELETE';
  url: string;
  body?: Record<string, unknown>;
  actor: DemoActor;
  /** Set when the command appends to the organisation's settings stream, or to a survey's or a suggestion's streams, rather than `employee`'s journey. */
  appendsTo?: 'organisation' | 'feedback';
  /** Set when it appends to a stream of its own (a service request): its name, and the GET that answers its revision. */
  ownStream?: { name: string; revisionUrl: string };
}

const IT_BOT: DemoActor = { subject: 'it-provisioning-bot', roles: ['service'], scope: 'tasks:it' };

const CHECK_IN_NOTES = [
  'Settling in well; asked for more pairing time.',
  'Great first month. Wants clearer priorities for the quarter.',
  'Ramping up faster than expected; already owns a small project.',
  'A bit overwhelmed by the tooling; agreed on a lighter sprint.',
  'Enjoys the team. Would like a mentor outside the department.',
  'Strong start with customers; needs access to the billing dashboard.',
] as const;

export { addDays };

/** Every demo command, in the order they happened (across employees), all strictly before the anchor date. */
export function demoCommands(company: readonly DemoEmployee[], anchorDate: string): DemoCommand[] {
  const hr = company.find((e) => e.role === 'Head of People')!;
  const byId = new Map(company.map((e) => [e.employeeId, e]));
  const leavers = demoLeavers(company);
  const anchor = Date.parse(`${anchorDate}T00:00:00Z`);
  const commands = company.flatMap((employee) => {
    const story = leavers.get(employee.employeeId);
    const leaving = story ? departureCommands(employee, story, company, anchorDate, hr).filter((command) => command.at.getTime() < anchor) : [];
    return [...employeeCommands(employee, anchorDate, hr, byId), ...leaving];
  });
  // Chronological across employees, so the event log reads like the company's history; one employee's order is kept.
  return [...commands, ...recognitionCommands(company, anchorDate), ...servicedeskCommands(company, anchorDate, new Set(leavers.keys())), ...growthCommands(company, anchorDate), ...feedbackCommands(company, anchorDate), ...pulseCommands(company, anchorDate)].map((command, order) => ({ command, order })).sort((a, b) => a.command.at.getTime() - b.command.at.getTime() || a.order - b.order).map((x) => x.command);
}

function employeeCommands(employee: DemoEmployee, anchorDate: string, hr: DemoEmployee, byId: Map<string, DemoEmployee>): DemoCommand[] {
  // One PRNG per employee: changing someone's script never shifts anyone else's.
  const random = prng(employee.index * 7919 + 17);
  const startDate = addDays(anchorDate, employee.startOffsetDays);
  const manager = employee.managerId ? byId.get(employee.managerId)! : hr;
  // Whoever has no manager (the CEO) is looked after by HR, which reaches everyone.
  const managerActor: DemoActor = employee.managerId ? { subject: manager.employeeId, roles: ['manager'] } : { subject: hr.employeeId, roles: ['hr'] };
  const hrActor: DemoActor = { subject: hr.employeeId, roles: ['hr'] };
  const base = `/employees/${employee.employeeId}`;
  // Only people still onboarding may have gaps; everyone further along did everything the plan required.
  const mayMiss = employee.stage === 'onboarding' || employee.stage === 'pre-boarding';
  const happens = (chance: number) => !mayMiss || random() < chance;

  const commands: DemoCommand[] = [];
  let last = 0;
  const add = (dayFromStart: number, key: string, method: DemoCommand['method'], url: string, actor: DemoActor, body?: Record<string, unknown>) => {
    const day = addDays(startDate, dayFromStart);
    // Office hours, never two commands of one employee at the same instant (their order must survive the sort).
    let at = Date.parse(`${day}T09:00:00Z`) + between(random, 0, 8 * 60) * 60_000;
    if (at <= last) at = last + 5 * 60_000;
    last = at;
    commands.push({ employee, key: `demo:${key}`, at: new Date(at), method, url, actor, ...(body ? { body } : {}) });
  };

  // The offer is accepted 2 to 6 weeks ahead; people starting soon were hired within the last days at the latest.
  const hiredDay = Math.min(-between(random, 14, 45), -employee.startOffsetDays - between(random, 1, 10));
  const moved = employee.stage === 'pre-boarding' && hiredDay + employee.startOffsetDays <= -4 && random() < 0.4;
  // A moved start date: first agreed two weeks earlier, then pushed back (a notice period).
  add(hiredDay, 'hire', 'POST', '/employees', hrActor, hireBody(employee, moved ? addDays(startDate, -14) : startDate));
  if (moved) add(hiredDay + 2, 'start-date', 'PUT', `${base}/start-date`, hrActor, { startDate });

  if (happens(0.9)) {
    const message = `Welcome to Northwind, ${employee.givenName}! We are so glad you are joining ${employee.department}. See you on day one. ${manager.givenName}`;
    // Some managers write right after the offer is accepted, most in the days before day one.
    const day = random() < 0.4 ? hiredDay + between(random, 2, 7) : -between(random, 3, 10);
    add(day, 'welcome', 'POST', `${base}/onboarding/welcome`, managerActor, { message });
  }
  if (happens(0.85)) add(-between(random, 0, 2), 'task:equipment-ready', 'POST', `${base}/onboarding/tasks/equipment-ready/complete`, IT_BOT);
  if (happens(0.85)) add(between(random, 0, 4), 'buddy', 'POST', `${base}/onboarding/buddy`, managerActor, { buddyId: employee.buddyId, kind: random() < 0.8 ? 'buddy' : 'mentor' });
  for (const day of [30, 60, 90] as const) {
    // A skipped check-in blocks the later ones (they must come in order): it shows as overdue.
    if (!happens(0.85)) break;
    const rating = pick(random, [3, 4, 4, 4, 5, 5, 2]);
    const notes = random() < 0.7 ? { notes: pick(random, CHECK_IN_NOTES) } : {};
    add(day + between(random, 0, 3), `check-in:${day}`, 'POST', `${base}/onboarding/check-ins`, managerActor, { day, rating, ...notes });
  }
  if (!mayMiss) add(between(random, 94, 98), 'complete', 'POST', `${base}/onboarding/complete`, managerActor);
  if (employee.stage === 'in-role') add(between(random, 180, 186), 'probation', 'POST', `${base}/probation`, hrActor, { outcome: 'passed' });
  if (employee.stage === 'extended-probation') {
    add(182, 'probation', 'POST', `${base}/probation`, hrActor, { outcome: 'extended', newEndDate: addDays(startDate, 275) });
  }
  // Whatever falls on or after the anchor date has not happened yet.
  const anchor = Date.parse(`${anchorDate}T00:00:00Z`);
  return commands.filter((command) => command.at.getTime() < anchor);
}

function hireBody(e: DemoEmployee, startDate: string): Record<string, unknown> {
  return {
    employeeId: e.employeeId,
    givenName: e.givenName,
    familyName: e.familyName,
    email: e.email,
    department: e.department,
    role: e.role,
    level: e.level,
    managerId: e.managerId,
    location: e.location,
    startDate,
  };
}
