import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  catalogueShreddingPolicy,
  type EventStore,
  openSqliteEventStore,
  localKeyWrapper,
  openSqliteKeyStore,
  type ShreddingEventStore,
  withCryptoShredding,
} from '@ejp/eventstore';
import { projectedAccessDirectory } from '@ejp/access/testing';
import { baseConfigSchema, createServiceApp, loadConfig, type ServiceApp, signDevToken } from '@ejp/service-kit';
import { registerOnboardingRoutes } from '../../src/http/routes.ts';

export const SECRET = 'onboarding-tests-secret-of-32-characters-or-more';

export const employeeId = '5b0c4a5e-0d7c-4c43-9a4e-2f3c1d9b8a71';
export const managerId = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
export const buddyId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

export const hireBody = {
  employeeId,
  givenName: 'Augusta',
  familyName: 'Byron-Lovelace',
  email: 'augusta.byron@example.com',
  department: 'Engineering',
  role: 'Software Engineer',
  level: 'L3',
  managerId,
  location: 'London',
  startDate: '2025-03-03',
};

/** A clock the test moves: commands are decided at `clock.now`. */
export interface TestClock {
  now: Date;
  set(iso: string): void;
}

export interface TestApp {
  app: ServiceApp;
  /** The crypto-shredding store the routes append through. */
  store: ShreddingEventStore;
  /** The SQLite store underneath: what is really on disk. */
  raw: EventStore;
  file: string;
  clock: TestClock;
  token(role: string, subject?: string): Promise<string>;
  /** Bearer headers of a caller with one role (subject: the hire's manager for `manager`, the employee for `employee`, else `<role>-1`; a service holds `tasks:it`). */
  as(role: string, subject?: string, extra?: Record<string, string>): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * The service as it runs, minus the network: the kit's app with HS256 auth,
 * the onboarding routes, the real SQLite event store and key store in a
 * fresh temp dir, behind the crypto-shredding decorator.
 */
export async function startTestApp(options: { beforeRoutes?: (app: ServiceApp) => void } = {}): Promise<TestApp> {
  const dir = await mkdtemp(join(tmpdir(), 'ejp-onboarding-'));
  const file = join(dir, 'events.db');
  const raw = await openSqliteEventStore({ path: file });
  const keys = await openSqliteKeyStore({ path: file, wrapper: localKeyWrapper([randomBytes(32)]) });
  const store = withCryptoShredding(raw, { keys, ...catalogueShreddingPolicy() });

  const clock: TestClock = {
    now: new Date('2025-02-20T09:00:00Z'),
    set(iso) {
      this.now = new Date(iso);
    },
  };
  const config = loadConfig(baseConfigSchema, { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, LOG_LEVEL: 'silent' });
  // The real reporting-lines projection over this store: the hire's manager reaches the employee.
  const access = projectedAccessDirectory(raw);
  const app = await createServiceApp({ name: 'onboarding-test', config, accessDirectory: access.directory });
  options.beforeRoutes?.(app);
  registerOnboardingRoutes(app, { store, clock: () => clock.now });
  await app.ready();

  const token = (role: string, subject = defaultSubject(role)) =>
    signDevToken({ secret: SECRET, subject, roles: [role], ...(role === 'service' ? { scope: 'tasks:it' } : {}) });
  return {
    app,
    store,
    raw,
    file,
    clock,
    token,
    as: async (role, subject, extra = {}) => ({ authorization: `Bearer ${await token(role, subject)}`, ...extra }),
    async close() {
      await app.close();
      await access.close();
      await raw.close();
      await keys.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Who a role's caller is by default: the manager the standard hire names, the hired employee, else `<role>-1`. */
function defaultSubject(role: string): string {
  if (role === 'manager') return managerId;
  if (role === 'employee') return employeeId;
  return `${role}-1`;
}

/** POST /employees as HR with the standard body (overridable). */
export async function hire(t: TestApp, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/employees', headers: await t.as('hr', undefined, headers), payload: { ...hireBody, ...body } });
}

export const onboardingUrl = (id = employeeId) => `/employees/${id}/onboarding`;
