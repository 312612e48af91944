import { uuidV5 } from '@ejp/command-kit';
import { addDays } from '@ejp/contracts';
import { between, type DemoEmployee, pick, prng } from './company.ts';
import type { DemoActor, DemoCommand } from './script.ts';

/**
 * How Northwind thanks its own, through the recognition routes: the Head of
 * People (as admin) sets the company values first, then colleagues give a
 * few dozen recognitions over the last two months, the CEO gives one
 * department a shout-out, colleagues cheer and comment, and one giver
 * withdraws a recognition sent to the wrong person.
 *
 * Only people who had started on the day take part. In-role staff of long
 * standing are left out: the offboarding demo picks its leavers among them,
 * and a departed colleague can neither give nor receive.
 */

export const COMPANY_VALUES = [
  { valueId: 'customer-obsession', name: 'Customers first' },
  { valueId: 'ownership', name: 'Ownership' },
  { valueId: 'craft', name: 'Craft' },
  { valueId: 'one-team', name: 'One team' },
  { valueId: 'learn-fast', name: 'Learn fast' },
] as const;

export const KUDOS_COUNT = 36;
export const SHOUT_OUT_DEPARTMENT = 'Customer Success';
/** Points a giver spends in the whole demo stay within one month's default allowance (100), whatever ORG_TIMEZONE cuts the months at. */
const POINTS_BUDGET = 100;
const RECOGNITION_NAMESPACE = 'b7c4e1f2-3a5d-4e6f-8a9b-0c1d2e3f4a5b';

const THANKS = [
  'for pairing with me on the flaky checkout tests until they were green',
  'for taking the late customer call so I could make it to the school play',
  'for the clearest onboarding notes I have ever read',
  'for spotting the pricing bug before it reached a single customer',
  'for running the retro so well that we actually changed something',
  'for jumping in on the release when half the team was out sick',
  'for patiently walking me through the billing dashboard, twice',
  'for turning a messy spreadsheet into a report the board loved',
] as const;

const COMMENTS = ['So well deserved!', 'Saw this first hand, thank you!', 'Agreed, a huge help to all of us.', 'Yes! 👏'] as const;

const hasStarted = (employee: DemoEmployee, day: number) => employee.startOffsetDays < day;
// The offboarding demo's rule for its leaver candidates (departures.ts): staff in role for 260 days or more.
const mayLeave = (employee: DemoEmployee) => employee.index > 7 && employee.stage === 'in-role' && employee.startOffsetDays <= -260;

/** Every recognition command of the demo; the caller sorts them in with the rest. All lie before the anchor date. */
export function recognitionCommands(company: readonly DemoEmployee[], anchorDate: string): DemoCommand[] {
  const random = prng(20_250_301);
  const hr = company.find((e) => e.role === 'Head of People')!;
  const ceo = company[0]!;
  const admin: DemoActor = { subject: hr.employeeId, roles: ['admin'] };
  const commands: DemoCommand[] = [];
  const at = (day: number, minutes: number) => new Date(Date.parse(`${addDays(anchorDate, day)}T09:00:00Z`) + minutes * 60_000);
  const as = (employee: DemoEmployee): DemoActor => ({ subject: employee.employeeId, roles: ['employee'] });
  const idOf = (n: number) => uuidV5(RECOGNITION_NAMESPACE, `demo-recognition/${n}`);

  // The admin's settings, in the organisation's stream; a rename shows "who changed what".
  COMPANY_VALUES.forEach((value, i) => {
    commands.push({ employee: hr, appendsTo: 'organisation', key: `demo:value:${value.valueId}`, at: at(-75, i * 3), method: 'POST', url: '/organisation/values', body: value, actor: admin });
  });
  commands.push({
    employee: hr, appendsTo: 'organisation', key: 'demo:value:customer-obsession:rename', at: at(-74, 30), method: 'PUT',
    url: '/organisation/values/customer-obsession/name', body: { name: 'Customer obsession' }, actor: admin,
  });

  const taking = company.filter((e) => !mayLeave(e));
  const spent = new Map<string, number>();
  const publicOnes: { n: number; giver: DemoEmployee; at: Date; recipients: DemoEmployee[] }[] = [];
  for (let n = 0; n < KUDOS_COUNT; n++) {
    const day = -60 + Math.floor((n * 59) / KUDOS_COUNT);
    const present = taking.filter((e) => hasStarted(e, day));
    const giver = pick(random, present);
    const colleagues = present.filter((e) => e.employeeId !== giver.employeeId);
    const sameDepartment = colleagues.filter((e) => e.department === giver.department);
    const pool = sameDepartment.length > 0 && random() < 0.6 ? sameDepartment : colleagues;
    const recipients = [...new Set(Array.from({ length: pick(random, [1, 1, 1, 1, 1, 2, 2, 3]) }, () => pick(random, pool)))];
    let points = pick(random, [0, 5, 10, 10, 15, 20, 25]);
    if ((spent.get(giver.employeeId) ?? 0) + points * recipients.length > POINTS_BUDGET) points = 0;
    spent.set(giver.employeeId, (spent.get(giver.employeeId) ?? 0) + points * recipients.length);
    const values = [...new Set([pick(random, COMPANY_VALUES).valueId, ...(random() < 0.3 ? [pick(random, COMPANY_VALUES).valueId] : [])])];
    const visibility = random() < 0.8 ? 'public' : pick(random, ['recipients', 'recipients-and-managers']);
    const names = recipients.map((r) => r.givenName).join(' and ');
    const when = at(day, between(random, 0, 8 * 60));
    const body = { recognitionId: idOf(n), recipientIds: recipients.map((r) => r.employeeId), values, message: `Thank you, ${names}, ${pick(random, THANKS)}!`, pointsPerRecipient: points, visibility };
    commands.push({ employee: giver, key: `demo:recognition:${n}`, at: when, method: 'POST', url: '/recognitions', body, actor: as(giver) });
    if (visibility === 'public') publicOnes.push({ n, giver, at: when, recipients });
  }

  // One slip: sent to the wrong colleague, taken back within the hour (its points return).
  const slip = publicOnes[3]!;
  const slipUrl = `/employees/${slip.giver.employeeId}/recognitions/${idOf(slip.n)}`;
  commands.push({ employee: slip.giver, key: `demo:recognition:${slip.n}:withdrawal`, at: new Date(slip.at.getTime() + 40 * 60_000), method: 'POST', url: `${slipUrl}/withdrawal`, actor: as(slip.giver) });

  commands.push({
    employee: ceo, key: 'demo:shout-out:customer-success', at: at(-20, 7 * 60), method: 'POST', url: '/shout-outs', actor: as(ceo),
    body: { recognitionId: idOf(1_000), audience: { kind: 'department', department: SHOUT_OUT_DEPARTMENT }, values: ['customer-obsession'], message: 'Renewals at a record high this quarter: thank you, Customer Success, every one of you!' },
  });

  // A few cheers and comments on public recognitions, by colleagues who were there (not the withdrawn one).
  for (const recognition of publicOnes.filter((r) => r !== slip).slice(0, 8)) {
    const reactor = pick(random, taking.filter((e) => hasStarted(e, -61) && e.employeeId !== recognition.giver.employeeId));
    const reaction = random() < 0.6 ? { kind: 'cheer' } : { kind: 'comment', comment: pick(random, COMMENTS) };
    commands.push({
      employee: reactor, key: `demo:reaction:${recognition.n}`, at: new Date(recognition.at.getTime() + between(random, 30, 180) * 60_000),
      method: 'POST', url: `/employees/${recognition.giver.employeeId}/recognitions/${idOf(recognition.n)}/reactions`, body: reaction, actor: as(reactor),
    });
  }
  return commands;
}
