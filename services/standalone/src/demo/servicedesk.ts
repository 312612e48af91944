import { uuidV5 } from '@ejp/command-kit';
import { addDays } from '@ejp/contracts';
import type { DemoEmployee } from './company.ts';
import type { DemoActor, DemoCommand } from './script.ts';

/**
 * The demo company's service desk: three teams, an office calendar, four
 * items, and requests in every state (awaiting approval, submitted,
 * acknowledged, in progress, waiting on the employee, resolved, closed,
 * reopened, rejected), one of them breached: its first answer came after the
 * deadline, which the late acknowledgement records. Every deadline still
 * running lies days after the anchor date, so the SLA watcher (on the real
 * clock) adds nothing while the demo is fresh; days later it records the
 * breaches that time brings, as it should.
 */

const REQUEST_NAMESPACE = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';
const CATALOGUE = { name: 'servicecatalogue', revisionUrl: '/servicedesk/catalogue' };

const office = { timeZone: 'Europe/Lisbon', workingDays: [1, 2, 3, 4, 5], opensAt: '09:00', closesAt: '17:30', holidays: [] as string[] };
const ITEMS = {
  'laptop-repair': {
    title: 'Laptop repair or replacement', category: 'it', owningTeamId: 'it-support', approvalChain: 'none',
    form: { type: 'object', required: ['assetTag'], properties: { assetTag: { type: 'string', minLength: 4 }, symptoms: { type: 'string' } } },
    sla: { firstResponseMinutes: 1_440, resolutionMinutes: 7_200, calendarId: 'office' },
  },
  'system-access': {
    title: 'Access to a system', category: 'access', owningTeamId: 'it-support', approvalChain: 'manager',
    form: { type: 'object', required: ['system'], properties: { system: { type: 'string', enum: ['billing', 'crm', 'warehouse'] } } },
    sla: { firstResponseMinutes: 1_440, resolutionMinutes: 4_800, calendarId: 'office' },
  },
  'expense-claim': {
    title: 'Expense claim', category: 'expenses', owningTeamId: 'finance', approvalChain: 'manager-then-finance', financeTeamId: 'finance',
    form: { type: 'object', required: ['amount', 'currency'], properties: { amount: { type: 'number', exclusiveMinimum: 0 }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } } },
    sla: { firstResponseMinutes: 1_440, resolutionMinutes: 7_200, calendarId: 'office' },
  },
  'hr-question': {
    title: 'A question for People', category: 'hr', owningTeamId: 'people', approvalChain: 'none',
    form: { type: 'object', properties: { topic: { type: 'string', enum: ['leave', 'payroll', 'benefits', 'other'] } } },
    sla: { firstResponseMinutes: 1_440, resolutionMinutes: 9_600, calendarId: 'office' },
  },
} as const;

type Step = [day: number, minutes: number, who: 'requester' | 'agent' | 'manager' | 'finance', url: string, body?: Record<string, unknown>];

interface Story {
  item: keyof typeof ITEMS;
  title: string;
  answers: Record<string, unknown>;
  submittedDay: number;
  steps: Step[];
}

const comment = (n: number, text: string) => ({ commentId: uuidV5(REQUEST_NAMESPACE, `demo-comment/${n}`), text });

const STORIES: Story[] = [
  { item: 'expense-claim', title: 'Client dinner in Porto', answers: { amount: 86.4, currency: 'EUR' }, submittedDay: -2, steps: [] },
  { item: 'laptop-repair', title: 'Keyboard keys sticking', answers: { assetTag: 'LT-2041' }, submittedDay: -1, steps: [] },
  { item: 'laptop-repair', title: 'Battery drains in an hour', answers: { assetTag: 'LT-1977' }, submittedDay: -2, steps: [[-1, 60, 'agent', 'acknowledgement']] },
  { item: 'system-access', title: 'Billing dashboard for renewals', answers: { system: 'billing' }, submittedDay: -4, steps: [[-4, 90, 'manager', 'approval', { decision: 'approve' }], [-3, 30, 'agent', 'assignment'], [-3, 40, 'agent', 'work']] },
  {
    item: 'laptop-repair', title: 'Screen flickers', answers: { assetTag: 'LT-1893' }, submittedDay: -5,
    steps: [[-5, 120, 'agent', 'acknowledgement'], [-5, 130, 'agent', 'comments', comment(1, 'Does it flicker on battery too?')], [-5, 135, 'agent', 'waiting-on-employee']],
  },
  {
    item: 'hr-question', title: 'Carrying over leave days', answers: { topic: 'leave' }, submittedDay: -12,
    steps: [[-12, 60, 'agent', 'acknowledgement'], [-11, 30, 'agent', 'resolution', { resolution: 'Up to five days carry over to March.' }], [-10, 0, 'requester', 'satisfaction', { rating: 5, comment: 'Clear answer, thanks!' }]],
  },
  {
    item: 'laptop-repair', title: 'Docking station not detected', answers: { assetTag: 'LT-1502' }, submittedDay: -15,
    steps: [[-15, 45, 'agent', 'work'], [-14, 0, 'agent', 'resolution', { resolution: 'Firmware updated.' }], [-13, 0, 'requester', 'closure'], [-13, 5, 'requester', 'satisfaction', { rating: 4, comment: null }]],
  },
  {
    item: 'laptop-repair', title: 'Wi-Fi drops in meeting rooms', answers: { assetTag: 'LT-1733' }, submittedDay: -6,
    steps: [[-6, 30, 'agent', 'work'], [-5, 60, 'agent', 'resolution', { resolution: 'Driver reinstalled.' }], [-1, 30, 'requester', 'reopening', { reason: 'It dropped again this morning.' }]],
  },
  { item: 'expense-claim', title: 'Conference ticket', answers: { amount: 1_450, currency: 'EUR' }, submittedDay: -9, steps: [[-9, 200, 'manager', 'approval', { decision: 'reject', reason: 'Over the training budget; ask for a learning grant.' }]] },
  // Breached: submitted eight days ago, acknowledged five days later, well after its first-response deadline.
  {
    item: 'hr-question', title: 'Payslip shows the wrong tax code', answers: { topic: 'payroll' }, submittedDay: -8,
    steps: [[-3, 60, 'agent', 'acknowledgement'], [-3, 70, 'agent', 'comments', comment(2, 'Sorry for the wait: fixing it with payroll now.')]],
  },
];

export function servicedeskCommands(company: readonly DemoEmployee[], anchorDate: string, leavers: ReadonlySet<string>): DemoCommand[] {
  const hr = company.find((e) => e.role === 'Head of People')!;
  const admin: DemoActor = { subject: hr.employeeId, roles: ['admin'] };
  const as = (employee: DemoEmployee): DemoActor => ({ subject: employee.employeeId, roles: ['employee'] });
  const at = (day: number, minutes: number) => new Date(Date.parse(`${addDays(anchorDate, day)}T09:00:00Z`) + minutes * 60_000);
  const byRole = (role: string) => company.find((e) => e.role === role)!;
  const teams = {
    'it-support': { name: 'IT support', agents: [byRole('VP Engineering'), ...company.filter((e) => e.department === 'Engineering' && e.index > 7 && e.stage === 'in-role' && !leavers.has(e.employeeId)).slice(0, 1)] },
    finance: { name: 'Finance', agents: [byRole('Finance Director')] },
    people: { name: 'People', agents: [hr] },
  };
  const agentIds = new Set(Object.values(teams).flatMap((team) => team.agents.map((a) => a.employeeId)));
  const requesters = company.filter((e) => e.index > 7 && (e.stage === 'in-role' || e.stage === 'probation') && e.startOffsetDays < -60 && !leavers.has(e.employeeId) && !agentIds.has(e.employeeId) && e.managerId);
  const catalogue = (key: string, day: number, minutes: number, method: 'PUT', url: string, body: Record<string, unknown>): DemoCommand => ({ employee: hr, ownStream: CATALOGUE, key, at: at(day, minutes), method, url, body, actor: admin });

  const commands: DemoCommand[] = [
    ...Object.entries(teams).map(([teamId, team], i) => catalogue(`demo:desk:team:${teamId}`, -30, i, 'PUT', `/servicedesk/teams/${teamId}`, { name: team.name, agentIds: team.agents.map((a) => a.employeeId) })),
    catalogue('demo:desk:calendar:office', -30, 5, 'PUT', '/servicedesk/calendars/office', office),
    ...Object.entries(ITEMS).map(([itemId, item], i) => catalogue(`demo:desk:item:${itemId}`, -30, 10 + i, 'PUT', `/servicedesk/items/${itemId}`, item)),
  ];
  STORIES.forEach((story, n) => {
    const requester = requesters[n % requesters.length]!;
    const requestId = uuidV5(REQUEST_NAMESPACE, `demo-request/${n}`);
    const url = `/servicedesk/requests/${requestId}`;
    const ownStream = { name: `servicerequest-${requestId}`, revisionUrl: url };
    const team = teams[ITEMS[story.item].owningTeamId];
    const actors = { requester: as(requester), agent: as(team.agents[0]!), manager: { subject: requester.managerId!, roles: ['manager'] } as DemoActor, finance: as(teams.finance.agents[0]!) };
    const body = { requestId, itemId: story.item, title: story.title, answers: story.answers };
    commands.push({ employee: requester, ownStream, key: `demo:desk:${n}:submit`, at: at(story.submittedDay, 15), method: 'POST', url: '/servicedesk/requests', body, actor: actors.requester });
    story.steps.forEach(([day, minutes, who, step, payload], s) => {
      const stepBody = step === 'assignment' ? { agentId: team.agents[0]!.employeeId } : payload;
      commands.push({ employee: requester, ownStream, key: `demo:desk:${n}:${s}`, at: at(day, minutes), method: 'POST', url: `${url}/${step}`, ...(stepBody ? { body: stepBody } : {}), actor: actors[who] });
    });
  });
  return commands;
}
