import { addDays } from '@ejp/contracts';
import { defaultPlan, withBuddyHandovers } from '@ejp/offboarding';
import type { DemoEmployee } from './company.ts';
import type { DemoActor, DemoCommand } from './script.ts';

/**
 * The leavers of the demo company: five people long in role, one story each,
 * so every offboarding type, the alumni programme and a boomerang show up.
 * They are picked from the company by rule (staff in role for at least 260
 * days, in index order), so the company itself and everyone else's script
 * stay as they were. Every departure lies before the anchor date, the last
 * leaver's last day after it.
 */
export const DEPARTURE_STORIES = ['boomerang', 'terminated', 'retired', 'contract-ended', 'leaving'] as const;
export type DepartureStory = (typeof DEPARTURE_STORIES)[number];

/** The journey stage each story leaves its leaver in on the anchor date. */
export const STAGE_AFTER_STORY: Readonly<Record<DepartureStory, string>> = {
  boomerang: 'pre-boarding',
  terminated: 'alumni',
  retired: 'alumni',
  'contract-ended': 'alumni',
  leaving: 'offboarding',
};

const STARTS: Readonly<Record<DepartureStory, { kind: string; voluntary: boolean; regrettable: boolean; initiatedBy: string }>> = {
  boomerang: { kind: 'resignation', voluntary: true, regrettable: true, initiatedBy: 'employee' },
  terminated: { kind: 'termination', voluntary: false, regrettable: false, initiatedBy: 'hr' },
  retired: { kind: 'retirement', voluntary: true, regrettable: false, initiatedBy: 'employee' },
  'contract-ended': { kind: 'end-of-contract', voluntary: false, regrettable: true, initiatedBy: 'hr' },
  leaving: { kind: 'resignation', voluntary: true, regrettable: true, initiatedBy: 'employee' },
};

const INTERVIEWS: Readonly<Partial<Record<DepartureStory, Record<string, unknown>>>> = {
  boomerang: { primaryReason: 'growth', secondaryReasons: ['pay'], wouldRecommend: 9, wouldReturn: true, notes: 'Leaving for a lead role; would love to come back.' },
  retired: { primaryReason: 'other', secondaryReasons: [], wouldRecommend: 10, wouldReturn: false },
  'contract-ended': { primaryReason: 'career-change', secondaryReasons: ['workload'], wouldRecommend: 7, wouldReturn: true },
};

/** The leavers and their stories, by employee id. */
export function demoLeavers(company: readonly DemoEmployee[]): Map<string, DepartureStory> {
  // Staff only (index 8 on: not the CEO or a head), in role long enough that probation lies well before the offboarding.
  const candidates = company.filter((e) => e.index > 7 && e.stage === 'in-role' && e.startOffsetDays <= -260);
  return new Map(candidates.slice(0, DEPARTURE_STORIES.length).map((e, i) => [e.employeeId, DEPARTURE_STORIES[i]!]));
}

/** One leaver's offboarding (and alumni and rehire) commands; the caller drops those on or after the anchor date. */
export function departureCommands(
  employee: DemoEmployee,
  story: DepartureStory,
  company: readonly DemoEmployee[],
  anchorDate: string,
  hr: DemoEmployee,
): DemoCommand[] {
  const base = `/employees/${employee.employeeId}`;
  const self: DemoActor = { subject: employee.employeeId, roles: ['employee'] };
  const hrActor: DemoActor = { subject: hr.employeeId, roles: ['hr'] };
  // Whoever has no manager (the CEO) is looked after by HR, which reaches everyone.
  const manager: DemoActor = employee.managerId ? { subject: employee.managerId, roles: ['manager'] } : hrActor;
  const itBot: DemoActor = { subject: 'it-deprovisioning-bot', roles: ['service'], scope: 'tasks:it' };
  const commands: DemoCommand[] = [];
  let minute = 0;
  const add = (day: number, key: string, method: DemoCommand['method'], url: string, actor: DemoActor, body?: Record<string, unknown>) => {
    // Office hours, in order: one command of the leaver every few minutes of the day.
    minute += 7;
    const at = new Date(Date.parse(`${addDays(anchorDate, day)}T10:00:00Z`) + minute * 60_000);
    commands.push({ employee, key: `demo:offboarding:${key}`, at, method, url, actor, ...(body ? { body } : {}) });
  };

  const leaving = story === 'leaving';
  const lastDay = leaving ? addDays(anchorDate, 20) : addDays(anchorDate, -40);
  const buddyDuties = company.filter((e) => e.buddyId === employee.employeeId && e.startOffsetDays > -100).map((e) => e.employeeId);
  add(leaving ? -10 : -70, 'start', 'POST', `${base}/offboarding`, manager, { ...STARTS[story], lastDay, buddyDuties });
  const tasks = withBuddyHandovers(defaultPlan(), buddyDuties);
  const done = (task: (typeof tasks)[number]) => (task.owner === 'employee' ? self : task.owner === 'it' ? itBot : task.owner === 'hr' ? hrActor : manager);
  // The termination leaves early with an override; everyone else hands everything over first.
  const handedOver = leaving ? tasks.filter((t) => t.kind === 'knowledge-transfer') : story === 'terminated' ? [] : tasks.filter((t) => t.required);
  for (const task of handedOver) add(leaving ? -5 : -45, `task:${task.id}`, 'POST', `${base}/offboarding/tasks/${task.id}/complete`, done(task));
  if (leaving) return commands;

  const interview = INTERVIEWS[story];
  if (interview) add(-42, 'exit-interview', 'POST', `${base}/offboarding/exit-interview`, hrActor, interview);
  if (story === 'terminated') {
    add(-55, 'depart', 'POST', `${base}/departure`, hrActor, { override: { reason: 'Terminated with immediate effect; handover waived.' } });
    add(-50, 'eligibility', 'PUT', `${base}/rehire-eligibility`, hrActor, { eligible: false, reason: 'Terminated for cause.' });
    return commands;
  }
  add(-40, 'depart', 'POST', `${base}/departure`, hrActor, {});
  if (story === 'contract-ended') return commands;
  const contact = story === 'retired' ? { contactPreference: 'phone', phone: '+351912345678' } : { contactPreference: 'email', email: `${employee.givenName.toLowerCase()}@home.example` };
  add(-35, 'alumni', 'POST', `${base}/alumni`, self, { consent: true, ...contact });
  if (story === 'retired') return commands;
  // The boomerang refers a friend, HR marks them eligible, and they come back in two weeks.
  add(-30, 'referral', 'POST', `${base}/alumni/referrals`, self, {
    referralId: '7d1f0c2e-5b3a-4e69-8f21-3c4b5a6d7e8f',
    referredName: 'Marta Reis',
    referredEmail: 'marta.reis@friends.example',
    position: employee.role,
  });
  add(-28, 'eligibility', 'PUT', `${base}/rehire-eligibility`, hrActor, { eligible: true, reason: 'Regretted loss; strong performer.' });
  const { department, role, level, managerId, location } = employee;
  add(-20, 'rehire', 'POST', `${base}/rehire`, hrActor, { department, role: `Senior ${role}`, level, managerId, location, startDate: addDays(anchorDate, 14) });
  return commands;
}
