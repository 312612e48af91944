import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, openShreddingEventStore, type ShreddingEventStore, type ShreddingEventStoreSettings } from '@ejp/eventstore';
import { registerOnboardingRoutes } from '@ejp/onboarding';
import { projectedAccessDirectory } from '@ejp/access/testing';
import { baseConfigSchema, createServiceApp, loadConfig, type ServiceApp, signDevToken } from '@ejp/service-kit';
import { employeeId, hired, managerId, resignation as fixtureResignation } from '../domain/fixtures.ts';
import { createOffboardingHandler, type OffboardingHandler, registerOffboardingRoutes } from '../../src/http/routes.ts';

export const SECRET = 'offboarding-tests-secret-of-32-characters-or-more';

// The domain tests' employee, hired with the same body through the onboarding route.
export { lastDay, managerId, newcomerId as colleagueId } from '../domain/fixtures.ts';
export { employeeId };
export const hireBody = hired.data;

export const resignation: Record<string, unknown> = { ...fixtureResignation };

type Response = Awaited<ReturnType<ServiceApp['inject']>>;

export interface TestApp {
  app: ServiceApp;
  /** The crypto-shredding store the routes append through. */
  store: ShreddingEventStore;
  /** The SQLite store underneath: what is really on disk. */
  raw: EventStore;
  /** The SQLite file (checkpoints and leases may share it, as in production); on PostgreSQL unused. */
  file: string;
  handler: OffboardingHandler;
  clock: { now: Date; set(iso: string): void };
  as(role: string, subject?: string): Promise<Record<string, string>>;
  post(url: string, role: string, payload?: object, subject?: string): Promise<Response>;
  send(method: 'PUT' | 'DELETE', url: string, role: string, payload?: object, subject?: string): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A host as standalone is one: onboarding and offboarding routes on one app
 * and one crypto-shredding store (SQLite in a temp dir unless `stores` names
 * another), HS256 auth, a clock the test moves.
 */
export async function startTestApp(options: { stores?: ShreddingEventStoreSettings } = {}): Promise<TestApp> {
  const dir = await mkdtemp(join(tmpdir(), 'ejp-offboarding-'));
  const file = join(dir, 'events.db');
  // Opened as main opens them: the store and its keys from the EVENTSTORE_*/KEYSTORE_* settings.
  const opened: (() => Promise<void> | void)[] = [];
  const resources = { add: (_name: string, close: () => Promise<void> | void) => void opened.push(close) };
  const { raw, store } = await openShreddingEventStore(options.stores ?? { EVENTSTORE_BACKEND: 'sqlite', EVENTSTORE_URL: file }, resources);
  const clock = {
    now: new Date('2026-06-01T09:00:00Z'),
    set(iso: string) {
      this.now = new Date(iso);
    },
  };
  const config = loadConfig(baseConfigSchema, { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, LOG_LEVEL: 'silent' });
  // The real reporting-lines projection over this store: the hire's manager reaches the employee.
  const access = projectedAccessDirectory(raw);
  opened.push(() => access.close());
  const app = await createServiceApp({ name: 'offboarding-test', config, accessDirectory: access.directory });
  const handler = createOffboardingHandler(store);
  registerOnboardingRoutes(app, { store, clock: () => clock.now });
  registerOffboardingRoutes(app, { store, handler, clock: () => clock.now });
  await app.ready();
  // By default a manager is the hire's, an employee the leaver, a service an IT bot (scope tasks:it).
  const as = async (role: string, subject = role === 'manager' ? managerId : role === 'employee' ? employeeId : `${role}-1`) => ({
    authorization: `Bearer ${await signDevToken({ secret: SECRET, subject, roles: [role], ...(role === 'service' ? { scope: 'tasks:it' } : {}) })}`,
  });
  return {
    app,
    store,
    raw,
    file,
    handler,
    clock,
    as,
    post: async (url, role, payload, subject) => app.inject({ method: 'POST', url, headers: await as(role, subject), ...(payload ? { payload } : {}) }),
    send: async (method, url, role, payload, subject) => app.inject({ method, url, headers: await as(role, subject), ...(payload ? { payload } : {}) }),
    async close() {
      await app.close();
      for (const close of opened.reverse()) await close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const url = (path = '', id = employeeId) => `/employees/${id}${path}`;

/** Hired in 2024, onboarded and probation passed (in role), then the given offboarding started at the clock's time. */
export async function hireAndStart(t: TestApp, start: object = resignation): Promise<void> {
  const now = t.clock.now;
  t.clock.set('2024-01-02T09:00:00Z');
  expect201(await t.post('/employees', 'hr', { ...hireBody, plan: [{ id: 'laptop', title: 'Ship laptop', owner: 'it', dueOffsetDays: -3, required: true }] }));
  t.clock.set('2024-01-03T09:00:00Z');
  await t.post(url('/onboarding/tasks/laptop/complete'), 'hr');
  await t.post(url('/onboarding/complete'), 'hr');
  t.clock.set('2024-07-01T09:00:00Z');
  await t.post(url('/probation'), 'hr', { outcome: 'passed' });
  t.clock.now = now;
  expect201(await t.post(url('/offboarding'), 'hr', start));
}

function expect201(response: { statusCode: number; body: string }): void {
  if (response.statusCode !== 201) throw new Error(`expected 201, got ${response.statusCode}: ${response.body}`);
}
