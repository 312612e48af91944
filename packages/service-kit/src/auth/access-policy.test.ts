import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TEST_SECRET, captureLogs, testConfig } from '../../test/helpers.ts';
import { type ServiceApp, createServiceApp } from '../create-service-app.ts';
import type { AccessDirectory, ReportingLine } from './access-policy.ts';
import { signDevToken } from './dev-token.ts';

// The kit's access check over a directory of reporting lines. The directory
// is a map here: what is tested is the policy, not a store (the read-store
// adapter has its own tests in @ejp/access, on SQLite and MongoDB).
const CEO = 'c0000000-0000-4000-8000-000000000000';
const HEAD = 'a0000000-0000-4000-8000-000000000000';
const LEAD = 'b0000000-0000-4000-8000-000000000000';
const DEV = 'd0000000-0000-4000-8000-000000000000';
const BUDDY = 'e0000000-0000-4000-8000-000000000000';
const UNKNOWN = 'f0000000-0000-4000-8000-000000000000';

const lines = new Map<string, ReportingLine>([
  [HEAD, { managerId: CEO, buddyId: null }],
  [LEAD, { managerId: HEAD, buddyId: null }],
  [DEV, { managerId: LEAD, buddyId: BUDDY }],
  // A misrecorded loop must not hang the check.
  [CEO, { managerId: DEV, buddyId: null }],
]);
const lookups: string[] = [];
const directory: AccessDirectory = {
  lineOf: async (employeeId) => {
    lookups.push(employeeId);
    return lines.get(employeeId);
  },
  agentsOf: async (teamId) => {
    lookups.push(teamId);
    return teamId === 'it-support' ? [DEV] : [];
  },
};

const Grant = z.object({ as: z.string(), via: z.string() });

async function appWith(env: Record<string, string> = {}, withDirectory = true): Promise<ServiceApp> {
  const app = await createServiceApp({ name: 'access-test', config: testConfig(env), logger: captureLogs().logger, ...(withDirectory ? { accessDirectory: directory } : {}) });
  const reply = async (request: { access: unknown }) => request.access as z.output<typeof Grant>;
  const options = (operationId: string, access: object) => ({ config: { access }, schema: { operationId, params: z.object({ employeeId: z.string() }), response: { 200: Grant } } });
  app.get('/journeys/:employeeId', options('readJourney', { roles: ['hr'], self: 'employeeId', managerOf: 'employeeId' }), reply);
  app.post('/journeys/:employeeId/tasks', options('completeTask', { roles: ['hr'], self: 'employeeId', buddyOf: 'employeeId', scope: 'tasks' }), reply);
  const teamOptions = { config: { access: { roles: ['hr' as const], agentOf: 'teamId' } }, schema: { operationId: 'readQueue', params: z.object({ teamId: z.string() }), response: { 200: Grant } } };
  app.get('/teams/:teamId/queue', teamOptions, reply);
  await app.ready();
  return app;
}

let app: ServiceApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function call(target: ServiceApp, url: string, token: { subject: string; roles: string[]; scope?: string }, method: 'GET' | 'POST' = 'GET') {
  const bearer = await signDevToken({ secret: TEST_SECRET, ...token });
  return target.inject({ method, url, headers: { authorization: `Bearer ${bearer}` } });
}

describe('access: roles and relationships, checked before anything is looked up', () => {
  it("admits a service team's agents to its queue, and nobody else below hr", async () => {
    app = await appWith();
    expect((await call(app, '/teams/it-support/queue', { subject: DEV, roles: ['employee'] })).json()).toEqual({ as: 'employee', via: 'agentOf' });
    expect((await call(app, '/teams/it-support/queue', { subject: LEAD, roles: ['manager'] })).statusCode).toBe(403);
    expect((await call(app, '/teams/facilities/queue', { subject: DEV, roles: ['employee'] })).statusCode).toBe(403);
    expect((await call(app, '/teams/facilities/queue', { subject: 'hr-1', roles: ['hr'] })).json()).toEqual({ as: 'hr', via: 'role' });
  });

  it('admits hr to everyone, an employee to themselves, a manager to their direct reports only (depth 1)', async () => {
    app = await appWith();
    expect((await call(app, `/journeys/${UNKNOWN}`, { subject: 'hr-1', roles: ['hr'] })).json()).toEqual({ as: 'hr', via: 'role' });
    expect((await call(app, `/journeys/${DEV}`, { subject: DEV, roles: ['employee'] })).json()).toEqual({ as: 'employee', via: 'self' });
    // An upper-case id is the same person.
    expect((await call(app, `/journeys/${DEV.toUpperCase()}`, { subject: DEV, roles: ['employee'] })).statusCode).toBe(200);
    expect((await call(app, `/journeys/${DEV}`, { subject: LEAD, roles: ['manager'] })).json()).toEqual({ as: 'manager', via: 'managerOf' });
    for (const [subject, target] of [
      [HEAD, DEV], // skip-level
      [LEAD, HEAD], // upwards
      [LEAD, UNKNOWN],
    ] as const) {
      const refused = await call(app, `/journeys/${target}`, { subject, roles: ['manager', 'employee'] });
      expect(refused.statusCode, `${subject} -> ${target}`).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers an unknown employee exactly as an unrelated one', async () => {
    app = await appWith();
    const unrelated = await call(app, `/journeys/${HEAD}`, { subject: LEAD, roles: ['manager'] });
    const unknown = await call(app, `/journeys/${UNKNOWN}`, { subject: LEAD, roles: ['manager'] });
    const { instance: _a, ...a } = unrelated.json();
    const { instance: _b, ...b } = unknown.json();
    expect(a).toEqual(b);
    expect(a).toMatchObject({ status: 403, code: 'EJP_FORBIDDEN' });
  });

  it('reaches skip-level reports with ACCESS_MANAGER_DEPTH=2, and survives a loop in the lines', async () => {
    app = await appWith({ ACCESS_MANAGER_DEPTH: '2' });
    expect((await call(app, `/journeys/${DEV}`, { subject: HEAD, roles: ['manager'] })).statusCode).toBe(200);
    expect((await call(app, `/journeys/${DEV}`, { subject: CEO, roles: ['manager'] })).statusCode).toBe(403);
    await app.close();
    app = await appWith({ ACCESS_MANAGER_DEPTH: '10' });
    expect((await call(app, `/journeys/${HEAD}`, { subject: UNKNOWN, roles: ['manager'] })).statusCode).toBe(403);
  });

  it('admits a buddy and a service account holding the scope (qualified or not), nobody else', async () => {
    app = await appWith();
    const url = `/journeys/${DEV}/tasks`;
    expect((await call(app, url, { subject: BUDDY, roles: ['employee'] }, 'POST')).json()).toEqual({ as: 'employee', via: 'buddyOf' });
    expect((await call(app, url, { subject: 'it-bot', roles: ['service'], scope: 'profile tasks:it' }, 'POST')).json()).toEqual({ as: 'service', via: 'scope' });
    expect((await call(app, url, { subject: 'it-bot', roles: ['service'], scope: 'tasks' }, 'POST')).statusCode).toBe(200);
    expect((await call(app, url, { subject: 'it-bot', roles: ['service'], scope: 'tasksx:it' }, 'POST')).statusCode).toBe(403);
    expect((await call(app, url, { subject: 'it-bot', roles: ['service'] }, 'POST')).statusCode).toBe(403);
    // The manager is not admitted on a route that declares no managerOf.
    expect((await call(app, url, { subject: LEAD, roles: ['manager'] }, 'POST')).statusCode).toBe(403);
  });

  it('looks nothing up for a role grant or a caller whose roles cannot be admitted', async () => {
    app = await appWith();
    lookups.length = 0;
    await call(app, `/journeys/${DEV}`, { subject: 'hr-1', roles: ['hr'] });
    await call(app, `/journeys/${DEV}`, { subject: 'bot', roles: ['service'] });
    expect(lookups).toEqual([]);
  });

  it('refuses at registration a relation that no directory could check', async () => {
    await expect(appWith({}, false)).rejects.toThrow(/declares managerOf or buddyOf, but the app was built without an accessDirectory/);
  });
});
