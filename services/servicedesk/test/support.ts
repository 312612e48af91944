import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmployeeHired, journeyStream, newEvent } from '@ejp/contracts';
import { type EventStore, openShreddingEventStore, type ShreddingEventStore, type ShreddingEventStoreSettings } from '@ejp/eventstore';
import { baseConfigSchema, createServiceApp, loadConfig, type ServiceApp, signDevToken } from '@ejp/service-kit';
import { createRequestHandler, type RequestHandler, registerServicedeskRoutes } from '../src/routes.ts';
import { agentId, financeId, londonOffice, managerId, otherAgentId, requesterId } from './domain/fixtures.ts';

export const SECRET = 'servicedesk-tests-secret-of-32-characters-or-more';
export const ORG = 'acme';
export * from './domain/fixtures.ts';

type Response = Awaited<ReturnType<ServiceApp['inject']>>;

export interface DeskApp {
  app: ServiceApp;
  store: ShreddingEventStore;
  /** The store underneath: what is really on disk. */
  raw: EventStore;
  handler: RequestHandler;
  clock: { now: Date };
  headers(subject: string, roles?: string[]): Promise<Record<string, string>>;
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, subject: string, payload?: object, roles?: string[]): Promise<Response>;
  close(): Promise<void>;
}

/** The service desk's routes on one app and one crypto-shredding store (SQLite in a temp dir unless `stores` names another), HS256 auth, a clock the test moves. */
export async function startDesk(options: { stores?: ShreddingEventStoreSettings } = {}): Promise<DeskApp> {
  const dir = await mkdtemp(join(tmpdir(), 'ejp-servicedesk-'));
  const opened: (() => Promise<void> | void)[] = [];
  const resources = { add: (_name: string, close: () => Promise<void> | void) => void opened.push(close) };
  const { raw, store } = await openShreddingEventStore(options.stores ?? { EVENTSTORE_BACKEND: 'sqlite', EVENTSTORE_URL: join(dir, 'events.db') }, resources);
  const clock = { now: new Date('2026-03-02T10:00:00Z') };
  const config = loadConfig(baseConfigSchema, { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, LOG_LEVEL: 'silent' });
  const app = await createServiceApp({ name: 'servicedesk-test', config });
  const handler = createRequestHandler(store);
  registerServicedeskRoutes(app, { store, organisationId: ORG, handler, clock: () => clock.now });
  await app.ready();
  const headers = async (subject: string, roles = ['employee']) => ({ authorization: `Bearer ${await signDevToken({ secret: SECRET, subject, roles })}` });
  return {
    app,
    store,
    raw,
    handler,
    clock,
    headers,
    call: async (method, url, subject, payload, roles) => app.inject({ method, url, headers: await headers(subject, roles), ...(payload ? { payload } : {}) }),
    async close() {
      await app.close();
      for (const close of opened.reverse()) await close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const laptopItem = {
  title: 'Replace my laptop',
  category: 'it',
  owningTeamId: 'it-support',
  form: { type: 'object', required: ['assetTag'], properties: { assetTag: { type: 'string', minLength: 4 } } },
  approvalChain: 'none',
  sla: { firstResponseMinutes: 480, resolutionMinutes: 960, calendarId: 'london-office' },
};
export const expenseItem = {
  ...laptopItem,
  title: 'Expense claim',
  category: 'expenses',
  owningTeamId: 'finance',
  form: { type: 'object', required: ['amount'], properties: { amount: { type: 'number', exclusiveMinimum: 0 } } },
  approvalChain: 'manager-then-finance',
  financeTeamId: 'finance',
};

/** Two teams, the London calendar, a laptop item (no approval) and an expense claim (manager then finance); the requester hired under their manager. */
export async function seed(t: DeskApp): Promise<void> {
  const ok = (response: Response) => {
    if (response.statusCode !== 200) throw new Error(`expected 200, got ${response.statusCode}: ${response.body}`);
  };
  const { calendarId: _, ...calendar } = londonOffice;
  ok(await t.call('PUT', '/servicedesk/teams/it-support', 'admin-1', { name: 'IT support', agentIds: [agentId, otherAgentId] }, ['admin']));
  ok(await t.call('PUT', '/servicedesk/teams/finance', 'admin-1', { name: 'Finance', agentIds: [financeId] }, ['admin']));
  ok(await t.call('PUT', '/servicedesk/calendars/london-office', 'admin-1', calendar, ['admin']));
  ok(await t.call('PUT', '/servicedesk/items/laptop-replacement', 'admin-1', laptopItem, ['admin']));
  ok(await t.call('PUT', '/servicedesk/items/expense-claim', 'admin-1', expenseItem, ['admin']));
  await hire(t.store, requesterId, managerId);
}

/** The requester's hire, as onboarding records it: the manager approvals go to. */
export async function hire(store: EventStore, employeeId: string, manager: string | null): Promise<void> {
  const context = { actor: { id: 'hr-1', kind: 'hr' as const }, correlationId: 'seed', causationId: 'seed' };
  const data = { employeeId, givenName: 'Ada', familyName: 'Lovelace', email: 'ada@example.com', department: 'Engineering', role: 'Engineer', level: 'L3', managerId: manager, location: 'London', startDate: '2024-01-08' };
  await store.appendToStream(journeyStream(employeeId), [newEvent(EmployeeHired, data, context)]);
}
