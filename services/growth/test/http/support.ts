import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectedAccessDirectory } from '@ejp/access/testing';
import { type EventStore, openShreddingEventStore, type ShreddingEventStore } from '@ejp/eventstore';
import { registerOnboardingRoutes } from '@ejp/onboarding';
import { baseConfigSchema, createServiceApp, loadConfig, type ServiceApp, signDevToken } from '@ejp/service-kit';
import { registerGrowthRoutes } from '../../src/http/routes.ts';

const SECRET = 'growth-tests-secret-of-32-characters-or-more';
type Response = Awaited<ReturnType<ServiceApp['inject']>>;

export interface TestApp {
  app: ServiceApp;
  store: ShreddingEventStore;
  /** The SQLite store underneath: what is really on disk. */
  raw: EventStore;
  /** `method url` as `subject` holding `roles`, with an optional body and headers. */
  call(method: string, url: string, who: { subject: string; roles: string[] }, payload?: object, headers?: Record<string, string>): Promise<Response>;
  /** Hires an employee through the onboarding route (the growth service reads their position from the journey). */
  hire(employeeId: string, position: { department: string; level: string; managerId: string | null; role?: string }): Promise<void>;
  close(): Promise<void>;
}

/** A host as standalone is one: onboarding and growth routes on one app and one crypto-shredding SQLite store, HS256 auth. */
export async function startTestApp(): Promise<TestApp> {
  const dir = await mkdtemp(join(tmpdir(), 'ejp-growth-'));
  const opened: (() => Promise<void> | void)[] = [];
  const resources = { add: (_name: string, close: () => Promise<void> | void) => void opened.push(close) };
  const { raw, store } = await openShreddingEventStore({ EVENTSTORE_BACKEND: 'sqlite', EVENTSTORE_URL: join(dir, 'events.db') }, resources);
  const clock = () => new Date('2026-09-10T09:00:00Z');
  const config = loadConfig(baseConfigSchema, { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, LOG_LEVEL: 'silent' });
  // The real reporting-lines projection over this store: the hire's manager, and after a move the new one, reaches the employee.
  const access = projectedAccessDirectory(raw);
  opened.push(() => access.close());
  const app = await createServiceApp({ name: 'growth-test', config, accessDirectory: access.directory });
  registerOnboardingRoutes(app, { store, clock });
  registerGrowthRoutes(app, { store, clock });
  await app.ready();
  const call: TestApp['call'] = async (method, url, who, payload, headers = {}) => {
    const token = await signDevToken({ secret: SECRET, subject: who.subject, roles: who.roles });
    return app.inject({ method: method as 'POST', url, headers: { authorization: `Bearer ${token}`, ...headers }, ...(payload ? { payload } : {}) });
  };
  return {
    app,
    store,
    raw,
    call,
    async hire(employeeId, { department, level, managerId, role = 'Engineer' }) {
      const body = { employeeId, givenName: 'Given', familyName: 'Family', email: `${employeeId.slice(0, 8)}@example.com`, department, role, level, managerId, location: 'Lisbon', startDate: '2026-01-05' };
      const response = await call('POST', '/employees', { subject: 'hr-1', roles: ['hr'] }, body);
      if (response.statusCode !== 201) throw new Error(`hire ${employeeId}: ${response.statusCode} ${response.body}`);
    },
    async close() {
      await app.close();
      for (const close of opened.reverse()) await close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const hr = { subject: 'a0a0a0a0-0000-4000-8000-0000000000aa', roles: ['hr'] };
export const service = { subject: 'lms-bot', roles: ['service'] };
export const person = (subject: string, roles: string[] = ['employee']) => ({ subject, roles });
