import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { signDevToken } from '@ejp/service-kit';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { http, isoDate, killLeftovers, readAllEvents, startProcess, tempDataDir } from './support.ts';

const data = tempDataDir();
afterEach(() => killLeftovers());
afterAll(() => data.remove());

const SECRET = 'standalone-recognition-secret-of-32-chars';
const env = { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, ORG_ID: 'northwind', ORG_TIMEZONE: 'Europe/Lisbon' };
const bearer = async (subject: string, roles: string[]) => ({ authorization: `Bearer ${await signDevToken({ secret: SECRET, subject, roles })}` });

function hireBody(employeeId: string, givenName: string) {
  return {
    employeeId,
    givenName,
    familyName: 'Silva',
    email: `${givenName.toLowerCase()}.${employeeId.slice(0, 8)}@example.com`,
    department: 'Engineering',
    role: 'Software Engineer',
    level: 'IC3',
    managerId: null,
    location: 'Lisbon',
    startDate: isoDate(-40),
  };
}

describe('recognition in the one process', () => {
  it('gives and withdraws a recognition over HTTP, on the onboarding hires of the same event store', async () => {
    const app = await startProcess(data.dir, [], env);
    const [giver, recipient] = [randomUUID(), randomUUID()];
    const hr = await bearer('hr-1', ['hr']);
    for (const [id, name] of [[giver, 'Ana'], [recipient, 'Jonas']] as const) {
      expect((await http(app.url, 'POST', '/employees', hireBody(id, name), hr)).status).toBe(201);
    }
    const admin = await bearer('admin-1', ['admin']);
    const value = await http(app.url, 'POST', '/organisation/values', { valueId: 'ownership', name: 'Ownership' }, admin);
    expect(value.status, JSON.stringify(value.body)).toBe(201);
    expect(value.body.organisationId).toBe('northwind');

    // The giver is the caller: the facts (both hired by onboarding) come from the same store.
    const asGiver = await bearer(giver, ['employee']);
    const message = 'Thanks for untangling the release, Jonas!';
    const given = await http(app.url, 'POST', '/recognitions', { recipientIds: [recipient], values: ['ownership'], message, pointsPerRecipient: 15 }, asGiver);
    expect(given.status, JSON.stringify(given.body)).toBe(201);
    const { recognitionId } = given.body;
    // Rules of the service hold here too: nobody thanks themselves.
    const self = await http(app.url, 'POST', '/recognitions', { recipientIds: [giver], values: ['ownership'], message: 'Me!' }, asGiver);
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('EJP_SELF_RECOGNITION');

    const withdrawn = await http(app.url, 'POST', `/employees/${giver}/recognitions/${recognitionId}/withdrawal`, undefined, asGiver);
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    const settings = await http(app.url, 'GET', '/organisation/settings', undefined, asGiver);
    expect(settings.body).toMatchObject({ organisationId: 'northwind', values: [{ valueId: 'ownership', name: 'Ownership', retired: false }], monthlyAllowance: 100 });
    const docs = await http(app.url, 'GET', '/docs/json');
    const operations = Object.values(docs.body.paths).flatMap((methods) => Object.values(methods as Record<string, { operationId: string }>).map((o) => o.operationId));
    expect(operations).toEqual(expect.arrayContaining(['hireEmployee', 'giveRecognition', 'withdrawRecognition', 'addCompanyValue', 'getTimeline']));
    expect(await app.stop()).toBe(0);

    // In the giver's journey stream, after the hire, with the message encrypted under the giver's key.
    const events = await readAllEvents(join(data.dir, 'events.db'));
    const giverStream = events.filter((event) => event.streamName === `journey-${giver}`).map((event) => event.type);
    expect(giverStream.slice(-2)).toEqual(['journey.recognition.given', 'journey.recognition.withdrawn']);
    expect(giverStream[0]).toBe('journey.employee.hired');
    expect(events.filter((event) => event.streamName === 'organisation-northwind').map((event) => event.type)).toEqual(['organisation.company-value.added']);
    const given1 = events.find((event) => event.type === 'journey.recognition.given')!;
    expect(given1.data).toMatchObject({ recipientIds: [recipient], pointsPerRecipient: 15, funding: { allowance: 15, boost: 0 } });
    expect(JSON.stringify(given1.data)).not.toContain('untangling');
  });
});
