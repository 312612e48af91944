import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmployeeDeparted, EmployeeHired, journeyStream, newEvent } from '@ejp/contracts';
import { type EventStore, openShreddingEventStore, type ShreddingEventStore, WrongExpectedRevisionError } from '@ejp/eventstore';
import { baseConfigSchema, createServiceApp, loadConfig, type ServiceApp, signDevToken } from '@ejp/service-kit';
import { registerRecognitionRoutes } from '../../src/http/routes.ts';
import { ada, giverId as giver, grace, manager } from '../domain/fixtures.ts';

export const SECRET = 'recognition-tests-secret-of-32-characters-or-more';

export { ada, giver, grace, manager };
export const stranger = '55555555-5555-4555-8555-555555555555';

type Response = Awaited<ReturnType<ServiceApp['inject']>>;

const byHr = { actor: { id: 'hr-1', kind: 'hr' as const }, correlationId: 'hr-flow', causationId: 'hr-flow' };

export interface TestApp {
  app: ServiceApp;
  /** The crypto-shredding store the routes append through. */
  store: ShreddingEventStore;
  /** The adapter underneath: what is really stored. */
  raw: EventStore;
  clock: { now: Date };
  /** Appends the store refused because another command appended first (each one was decided again or answered 409). */
  conflicts: { count: number };
  /** Bearer headers of `subject` with these roles. */
  as(subject: string, roles: string[], extra?: Record<string, string>): Promise<Record<string, string>>;
  post(url: string, subject: string, roles: string[], payload?: object, extra?: Record<string, string>): Promise<Response>;
  /** Appends a hire (as onboarding would) to the employee's journey stream. */
  hire(employeeId: string, managerId?: string | null): Promise<void>;
  /** Appends a departure (as offboarding would): the employee becomes alumni. */
  depart(employeeId: string): Promise<void>;
  /** Hires `employees` and lets an admin add the company values `ownership` and `customer-obsession`. */
  setUp(employees?: string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The service as it runs, minus the network: the kit's app with HS256 auth,
 * the recognition routes, real stores opened as main opens them (SQLite in a
 * temp dir, or PostgreSQL at `postgresUrl`), behind crypto-shredding.
 */
export async function startTestApp(options: { postgresUrl?: string; timeZone?: string; maxConflictRetries?: number; interleave?: boolean } = {}): Promise<TestApp> {
  const dir = await mkdtemp(join(tmpdir(), 'ejp-recognition-'));
  const closers: Array<() => Promise<void> | void> = [];
  const settings = options.postgresUrl ? { EVENTSTORE_BACKEND: 'postgres' as const, EVENTSTORE_URL: options.postgresUrl, KEYSTORE_MASTER_KEY: randomBytes(32).toString('base64') } : { EVENTSTORE_URL: join(dir, 'events.db') };
  const { raw, store } = await openShreddingEventStore(settings, { add: (_, close) => closers.push(close) });

  const clock = { now: new Date('2025-03-10T10:00:00.000Z') };
  const conflicts = { count: 0 };
  // The routes append through a view of the store that counts lost races, to show the retry path ran.
  // With `interleave`, every read yields to the event loop before its result is used: in-process SQLite
  // calls would otherwise finish a whole command between two requests, so parallel commands would not race.
  const routesStore: EventStore = Object.create(store);
  if (options.interleave) {
    routesStore.readStream = async (name, readOptions) => {
      const events = await store.readStream(name, readOptions);
      await new Promise((resolve) => setImmediate(resolve));
      return events;
    };
  }
  routesStore.appendToStream = async (name, events, appendOptions) => {
    try {
      return await store.appendToStream(name, events, appendOptions);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) conflicts.count++;
      throw error;
    }
  };
  const config = loadConfig(baseConfigSchema, { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, LOG_LEVEL: 'silent' });
  const app = await createServiceApp({ name: 'recognition-test', config });
  registerRecognitionRoutes(app, {
    store: routesStore,
    timeZone: options.timeZone ?? 'Europe/Berlin',
    organisationId: 'acme',
    clock: () => clock.now,
    ...(options.maxConflictRetries === undefined ? {} : { maxConflictRetries: options.maxConflictRetries }),
  });
  await app.ready();

  const as = async (subject: string, roles: string[], extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${await signDevToken({ secret: SECRET, subject, roles })}`,
    ...extra,
  });
  const post = async (url: string, subject: string, roles: string[], payload?: object, extra: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, headers: await as(subject, roles, extra), ...(payload === undefined ? {} : { payload }) });
  const hire = async (employeeId: string, managerId: string | null = manager) => {
    const data = {
      employeeId,
      givenName: 'Test',
      familyName: employeeId.slice(0, 4),
      email: `${employeeId.slice(0, 8)}@example.com`,
      department: 'Engineering',
      role: 'Engineer',
      level: 'L3',
      managerId: managerId === employeeId ? null : managerId,
      location: 'Berlin',
      startDate: '2025-01-06',
    };
    await store.appendToStream(journeyStream(employeeId), [newEvent(EmployeeHired, data, byHr)]);
  };
  const depart = async (employeeId: string) => {
    const data = { kind: 'resignation' as const, voluntary: true, lastDay: '2025-03-07', departedOn: '2025-03-07' };
    await store.appendToStream(journeyStream(employeeId), [newEvent(EmployeeDeparted, data, byHr)]);
  };
  return {
    app,
    store,
    raw,
    clock,
    conflicts,
    as,
    post,
    hire,
    depart,
    async setUp(employees = [giver, ada, grace, manager]) {
      for (const id of employees) await hire(id);
      for (const [valueId, name] of [['ownership', 'Ownership'], ['customer-obsession', 'Customer obsession']]) {
        const added = await post('/organisation/values', 'admin-1', ['admin'], { valueId, name });
        if (added.statusCode !== 201) throw new Error(`adding value ${valueId}: ${added.statusCode} ${added.body}`);
      }
    },
    async close() {
      await app.close();
      for (const close of closers.reverse()) await close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A give body with the defaults most tests use. */
export function giveBody(change: Record<string, unknown> = {}) {
  return { recipientIds: [ada], values: ['ownership'], message: 'Thank you for the launch!', pointsPerRecipient: 10, ...change };
}

export const EMPLOYEE = ['employee'];
export const ADMIN = ['admin'];
