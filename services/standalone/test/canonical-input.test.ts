import { randomUUID } from 'node:crypto';
import { signDevToken } from '@ejp/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, isoDate, killLeftovers, type StandaloneProcess, startProcess, tempDataDir } from './support.ts';

// The defects a new user found with hs256 tokens against standalone, each
// tried again over real HTTP on the real process.
const data = tempDataDir();
const SECRET = 'standalone-canonical-input-secret-32ch';
let app: StandaloneProcess;
beforeAll(async () => {
  app = await startProcess(data.dir, [], { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, READ_WAIT_TIMEOUT_MS: '5000' });
});
afterAll(async () => {
  await app.stop();
  killLeftovers();
  data.remove();
});

const bearer = async (subject: string, roles: string[]) => ({ authorization: `Bearer ${await signDevToken({ secret: SECRET, subject, roles })}` });
const hireBody = (employeeId: string, startDate = isoDate(-10)) => ({
  employeeId,
  givenName: 'Noor',
  familyName: 'Haddad',
  email: `noor.${employeeId.slice(0, 8).toLowerCase()}@example.com`,
  department: 'Finance',
  role: 'Analyst',
  level: 'IC2',
  managerId: null,
  location: 'Amman',
  startDate,
});

describe('canonical input over HTTP', () => {
  it('an upper-case UUID is the same employee, in the body and in the path', async () => {
    const hr = await bearer('hr-1', ['hr']);
    const id = randomUUID();
    const hired = await http(app.url, 'POST', '/employees', hireBody(id.toUpperCase()), hr);
    expect(hired.status, JSON.stringify(hired.body)).toBe(201);
    expect(hired.body.employeeId).toBe(id);
    const again = await http(app.url, 'POST', '/employees', hireBody(id), hr);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EJP_EMPLOYEE_ALREADY_HIRED');
    const upper = `/employees/${id.toUpperCase()}`;
    const buddyId = randomUUID();
    const buddy = await http(app.url, 'POST', `${upper}/onboarding/buddy`, { buddyId: buddyId.toUpperCase() }, hr);
    expect(buddy.status, JSON.stringify(buddy.body)).toBe(200);
    const journey = await http(app.url, 'GET', `${upper}/journey?minRevision=${buddy.body.revision}`, undefined, hr);
    expect(journey.status).toBe(200);
    expect(journey.body.employeeId).toBe(id);
    expect(journey.body.buddy.buddyId).toBe(buddyId);
  });

  it('a start date of 9999-12-31 is a 400 naming the field, and the journey routes keep answering', async () => {
    const hr = await bearer('hr-1', ['hr']);
    const id = randomUUID();
    const far = await http(app.url, 'POST', '/employees', hireBody(id, '9999-12-31'), hr);
    expect(far.status).toBe(400);
    expect(far.headers.get('content-type')).toContain('application/problem+json');
    expect(far.body.errors).toEqual([{ path: 'body.startDate', message: 'must be a date between 1970-01-01 and 2200-12-31' }]);

    const hired = await http(app.url, 'POST', '/employees', hireBody(id), hr);
    expect(hired.status).toBe(201);
    const moved = await http(app.url, 'PUT', `/employees/${id}/start-date`, { startDate: '9999-12-31' }, hr);
    expect(moved.status).toBe(400);
    for (const view of ['journey', 'timeline', 'offboarding']) {
      const response = await http(app.url, 'GET', `/employees/${id}/${view}?minRevision=${hired.body.revision}`, undefined, hr);
      expect([200, 404], `${view}: ${JSON.stringify(response.body)}`).toContain(response.status);
      if (view !== 'offboarding') expect(response.status).toBe(200);
    }
  });

  it('minRevision for an unknown employee answers 404 at once, and a revision never written 400', async () => {
    const hr = await bearer('hr-1', ['hr']);
    const started = Date.now();
    const unknown = await http(app.url, 'GET', `/employees/${randomUUID()}/journey?minRevision=3`, undefined, hr);
    expect(unknown.status).toBe(404);
    expect(Date.now() - started).toBeLessThan(2_000); // READ_WAIT_TIMEOUT_MS is 5 s: it did not wait
    const id = randomUUID();
    const hired = await http(app.url, 'POST', '/employees', hireBody(id), hr);
    const beyond = await http(app.url, 'GET', `/employees/${id}/timeline?minRevision=${Number(hired.body.revision) + 100}`, undefined, hr);
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors[0].path).toBe('query.minRevision');
  });

  it('an employee acting on someone else gets 403 whether that person exists or not', async () => {
    const hr = await bearer('hr-1', ['hr']);
    const colleague = randomUUID();
    expect((await http(app.url, 'POST', '/employees', hireBody(colleague), hr)).status).toBe(201);
    const me = await bearer(randomUUID(), ['employee']);
    const onColleague = await http(app.url, 'POST', `/employees/${colleague}/onboarding/tasks/equipment-ready/complete`, undefined, me);
    const onNobody = await http(app.url, 'POST', `/employees/${randomUUID()}/onboarding/tasks/equipment-ready/complete`, undefined, me);
    expect([onColleague.status, onNobody.status]).toEqual([403, 403]);
    expect(onColleague.body.detail).toBe(onNobody.body.detail);
  });
});
