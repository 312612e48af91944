import { uuidV5 } from '@ejp/command-kit';
import { addDays } from '@ejp/contracts';
import { assignMentors, type MenteeRequest, type MentorOffer, seniorityOf } from '@ejp/growth';
import type { DemoEmployee } from './company.ts';
import type { DemoActor, DemoCommand } from './script.ts';

/**
 * Northwind's growth centre, through the growth routes: five people write a
 * development plan and their managers check in on it; HR runs a mentoring
 * round in which four department heads mentor six staff from other teams
 * (matched as a whole, every pair accepted by both sides, a first session
 * held); and one engineer moves to Product through an internal opening,
 * approved by their manager and HR, with the move's task list.
 *
 * Only staff settled in role or probation take part, never the offboarding
 * demo's leaver candidates (in role for 260 days or more): a departed
 * employee can do none of this. Everything lies in the last six weeks.
 */

const GROWTH_NAMESPACE = '3e9d2c1b-7a6f-4e5d-8c4b-2a1f0e9d8c7b';
const idOf = (name: string) => uuidV5(GROWTH_NAMESPACE, `demo-growth/${name}`);
export const DEMO_ROUND_ID = idOf('round/autumn');
export const DEMO_OPENING_ID = idOf('opening/product');

/** What each department's head offers as a mentor, and what its staff want to grow in elsewhere. */
const SKILLS: Readonly<Record<string, { offers: string[]; wants: string }>> = {
  Engineering: { offers: ['system-design', 'code-review'], wants: 'product-discovery' },
  Product: { offers: ['product-discovery', 'user-research'], wants: 'system-design' },
  Sales: { offers: ['negotiation', 'public-speaking'], wants: 'user-research' },
  'Customer Success': { offers: ['escalations'], wants: 'negotiation' },
  Marketing: { offers: ['storytelling'], wants: 'public-speaking' },
  Finance: { offers: ['budgeting'], wants: 'storytelling' },
  People: { offers: ['coaching', 'feedback'], wants: 'public-speaking' },
};
const MENTOR_DEPARTMENTS = ['Engineering', 'Product', 'Sales', 'People'];

const mayLeave = (e: DemoEmployee) => e.index > 7 && e.stage === 'in-role' && e.startOffsetDays <= -260;
const settled = (e: DemoEmployee) => e.index > 7 && (e.stage === 'in-role' || e.stage === 'probation') && !mayLeave(e);

/** The mentees and the employee who moves: picked by rule, so the rest of the company stays as it was. */
export function growthCast(company: readonly DemoEmployee[]) {
  const staff = company.filter(settled);
  // In role for a while: a newer hire's 90-day check-in could fall after the move, when the old manager no longer reaches them.
  const mover = staff.find((e) => e.department === 'Engineering' && e.stage === 'in-role')!;
  const mentees = staff.filter((e) => e !== mover && seniorityOf(e.level) <= 3).slice(0, 6);
  const mentors = company.filter((e) => e.level === 'M3' && MENTOR_DEPARTMENTS.includes(e.department));
  return { mover, mentees, mentors };
}

export function growthCommands(company: readonly DemoEmployee[], anchorDate: string): DemoCommand[] {
  const hr = company.find((e) => e.role === 'Head of People')!;
  const hrActor: DemoActor = { subject: hr.employeeId, roles: ['hr'] };
  const as = (e: DemoEmployee, role: 'employee' | 'manager' = 'employee'): DemoActor => ({ subject: e.employeeId, roles: [role] });
  const managerOf = (e: DemoEmployee) => company.find((m) => m.employeeId === e.managerId)!;
  const at = (day: number, minutes = 0) => new Date(Date.parse(`${addDays(anchorDate, day)}T09:00:00Z`) + minutes * 60_000);
  const { mover, mentees, mentors } = growthCast(company);
  const commands: DemoCommand[] = [];
  const add = (command: Omit<DemoCommand, 'key'> & { key: string }) => commands.push({ ...command, key: `demo:growth:${command.key}` });

  // Development plans: the mentees' own, with a check-in by their manager.
  mentees.slice(0, 5).forEach((e, i) => {
    const base = `/employees/${e.employeeId}/development-plan`;
    const goalId = idOf(`goal/${e.index}`);
    const wants = SKILLS[e.department]!.wants;
    add({ employee: e, key: `goal:${e.index}`, at: at(-40, i * 20), method: 'PUT', url: `${base}/goals/${goalId}`, actor: as(e), body: { title: `Grow in ${wants.replace('-', ' ')} beyond ${e.department}`, skills: [wants], targetDate: addDays(anchorDate, 120) } });
    add({ employee: e, key: `action:${e.index}`, at: at(-39, i * 20), method: 'POST', url: `${base}/actions`, actor: as(e), body: { actionId: idOf(`action/${e.index}`), goalId, title: 'Shadow a colleague who does it well', dueOn: addDays(anchorDate, 30) } });
    add({ employee: e, key: `check-in:${e.index}`, at: at(-10, i * 20), method: 'POST', url: `${base}/check-ins`, actor: as(managerOf(e), 'manager'), body: { checkInId: idOf(`check-in/${e.index}`), progress: 20 + i * 10, notes: 'Good start; keep the shadowing going.' } });
  });

  // A mentoring round, matched as a whole.
  const round = `/mentoring-rounds/${DEMO_ROUND_ID}`;
  const inRound = { ownStream: { name: `mentoring-${DEMO_ROUND_ID}`, revisionUrl: round } };
  add({ employee: hr, ...inRound, key: 'round', at: at(-35), method: 'POST', url: '/mentoring-rounds', actor: hrActor, body: { roundId: DEMO_ROUND_ID, title: 'Autumn mentoring round' } });
  const offers: MentorOffer[] = mentors.map((m) => ({ mentorId: m.employeeId, department: m.department, seniority: seniorityOf(m.level), skills: SKILLS[m.department]!.offers, topics: ['leadership'], capacity: 2 }));
  offers.forEach((offer, i) => {
    const { skills, topics, capacity } = offer;
    add({ employee: mentors[i]!, ...inRound, key: `mentor:${i}`, at: at(-34, i * 15), method: 'PUT', url: `${round}/mentors/me`, actor: as(mentors[i]!), body: { skills, topics, capacity } });
  });
  const requests: MenteeRequest[] = mentees.map((e) => ({ menteeId: e.employeeId, department: e.department, seniority: seniorityOf(e.level), managerId: e.managerId, goals: [SKILLS[e.department]!.wants, 'leadership'] }));
  requests.forEach((request, i) => {
    add({ employee: mentees[i]!, ...inRound, key: `mentee:${i}`, at: at(-33, i * 15), method: 'PUT', url: `${round}/mentees/me`, actor: as(mentees[i]!), body: { goals: request.goals } });
  });
  add({ employee: hr, ...inRound, key: 'proposals', at: at(-30), method: 'POST', url: `${round}/proposals`, actor: hrActor });
  // The service solves the same round from the same facts: these are its pairs.
  const byId = new Map(company.map((e) => [e.employeeId, e]));
  assignMentors(offers, requests).proposals.forEach((pair, i) => {
    const [mentor, mentee] = [byId.get(pair.mentorId)!, byId.get(pair.menteeId)!];
    const url = `${round}/proposals/${mentee.employeeId}`;
    add({ employee: mentee, ...inRound, key: `accept:mentee:${i}`, at: at(-29, i * 15), method: 'POST', url: `${url}/accept`, actor: as(mentee) });
    add({ employee: mentor, ...inRound, key: `accept:mentor:${i}`, at: at(-28, i * 15), method: 'POST', url: `${url}/accept`, actor: as(mentor) });
    add({ employee: mentee, ...inRound, key: `session:${i}`, at: at(-14, i * 15), method: 'POST', url: `${url}/sessions`, actor: as(mentee), body: { sessionId: idOf(`session/${i}`), heldOn: addDays(anchorDate, -14), durationMinutes: 45 } });
  });

  // One transfer through an internal opening.
  const product = company.find((e) => e.department === 'Product' && e.level === 'M3')!;
  const opening = `/openings/${DEMO_OPENING_ID}`;
  const inOpening = { ownStream: { name: `opening-${DEMO_OPENING_ID}`, revisionUrl: opening } };
  const posted = { openingId: DEMO_OPENING_ID, kind: 'transfer', title: 'Product manager for the developer platform', department: 'Product', role: 'Product Manager', level: mover.level, managerId: product.employeeId, skills: ['product-discovery'], startsOn: addDays(anchorDate, 14) };
  add({ employee: hr, ...inOpening, key: 'opening', at: at(-21), method: 'POST', url: '/openings', actor: hrActor, body: posted });
  add({ employee: mover, ...inOpening, key: 'apply', at: at(-20), method: 'POST', url: `${opening}/applications`, actor: as(mover) });
  const application = `${opening}/applications/${mover.employeeId}`;
  add({ employee: mover, ...inOpening, key: 'approve:manager', at: at(-19), method: 'POST', url: `${application}/decision`, actor: as(managerOf(mover), 'manager'), body: { approve: true } });
  add({ employee: mover, ...inOpening, key: 'approve:hr', at: at(-18), method: 'POST', url: `${application}/decision`, actor: hrActor, body: { approve: true } });
  add({ employee: mover, ...inOpening, key: 'fill', at: at(-17), method: 'POST', url: `${application}/fill`, actor: hrActor });
  add({ employee: mover, key: 'move', at: at(-16), method: 'POST', url: `/employees/${mover.employeeId}/position-changes`, actor: hrActor, body: { openingId: DEMO_OPENING_ID } });
  add({ employee: mover, key: 'move:records', at: at(-15), method: 'POST', url: `/employees/${mover.employeeId}/move/tasks/records/complete`, actor: hrActor });
  return commands;
}
