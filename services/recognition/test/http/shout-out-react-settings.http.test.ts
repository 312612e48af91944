import { journeyStream, organisationStream } from '@ejp/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, ada, EMPLOYEE, giveBody, giver, grace, manager, startTestApp, stranger, type TestApp } from './support.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const typesIn = async (employeeId: string) => (await t.raw.readStream(journeyStream(employeeId))).map((e) => e.type);

describe('POST /shout-outs', () => {
  it('records ONE event in the giver’s stream for a whole department, and can be withdrawn', async () => {
    t = await startTestApp();
    await t.setUp();
    const response = await t.post('/shout-outs', giver, ['manager'], { audience: { kind: 'department', department: 'Engineering' }, values: ['customer-obsession'], message: 'What a quarter!' });
    expect(response.statusCode).toBe(201);
    expect(await typesIn(giver)).toEqual(['journey.employee.hired', 'journey.shout-out.given']);
    for (const member of [ada, grace, manager]) expect(await typesIn(member)).toEqual(['journey.employee.hired']);
    const withdrawn = await t.post(`/employees/${giver}/recognitions/${response.json().recognitionId}/withdrawal`, giver, ['manager']);
    expect(withdrawn.statusCode).toBe(200);
  });
});

describe('POST /employees/:giverId/recognitions/:recognitionId/reactions', () => {
  it('a cheer goes into the REACTOR’s stream, once; a comment is the reactor’s personal data', async () => {
    t = await startTestApp();
    await t.setUp();
    const { recognitionId } = (await t.post('/recognitions', giver, EMPLOYEE, giveBody())).json();
    const url = `/employees/${giver}/recognitions/${recognitionId}/reactions`;
    const cheer = await t.post(url, grace, EMPLOYEE, { kind: 'cheer' });
    expect(cheer.statusCode).toBe(201);
    expect(cheer.json()).toMatchObject({ recognitionId, reactionId: expect.any(String), events: [{ type: 'journey.recognition.reaction-added' }] });
    expect((await t.post(url, grace, EMPLOYEE, { kind: 'cheer' })).json().events).toEqual([]);
    const comment = await t.post(url, grace, EMPLOYEE, { kind: 'comment', comment: 'So deserved!' });
    expect(comment.statusCode).toBe(201);
    expect(await typesIn(grace)).toEqual(['journey.employee.hired', 'journey.recognition.reaction-added', 'journey.recognition.reaction-added']);
    expect(JSON.stringify((await t.raw.readStream(journeyStream(grace))).at(-1)!.data)).not.toContain('deserved');
    expect(await typesIn(giver)).toEqual(['journey.employee.hired', 'journey.recognition.given']);
    const long = await t.post(url, grace, EMPLOYEE, { kind: 'comment', comment: 'x'.repeat(281) });
    expect(long.statusCode).toBe(400);
  });

  it('a private recognition is 404 for whoever may not see it; its recipient’s manager sees "recipients-and-managers"', async () => {
    t = await startTestApp();
    await t.setUp([giver, ada, grace, manager, stranger]);
    const privately = (await t.post('/recognitions', giver, EMPLOYEE, giveBody({ visibility: 'recipients' }))).json().recognitionId;
    const withManagers = (await t.post('/recognitions', giver, EMPLOYEE, giveBody({ visibility: 'recipients-and-managers' }))).json().recognitionId;
    const react = (id: string, who: string) => t.post(`/employees/${giver}/recognitions/${id}/reactions`, who, EMPLOYEE, { kind: 'cheer' });
    expect((await react(privately, stranger)).json()).toMatchObject({ status: 404, code: 'EJP_RECOGNITION_NOT_FOUND' });
    expect((await react(privately, manager)).statusCode).toBe(404);
    expect((await react(privately, ada)).statusCode).toBe(201);
    expect((await react(withManagers, manager)).statusCode).toBe(201);
    expect((await react(withManagers, stranger)).statusCode).toBe(404);
  });

  it('a withdrawn recognition can no longer be reacted to', async () => {
    t = await startTestApp();
    await t.setUp();
    const { recognitionId } = (await t.post('/recognitions', giver, EMPLOYEE, giveBody())).json();
    await t.post(`/employees/${giver}/recognitions/${recognitionId}/withdrawal`, giver, EMPLOYEE);
    expect((await t.post(`/employees/${giver}/recognitions/${recognitionId}/reactions`, grace, EMPLOYEE, { kind: 'cheer' })).statusCode).toBe(404);
  });
});

describe('organisation settings', () => {
  it('only admins change them; GET shows the values (retired ones marked) and who changed what', async () => {
    t = await startTestApp();
    await t.setUp();
    expect((await t.post('/organisation/values', 'hr-1', ['hr'], { valueId: 'speed', name: 'Speed' })).json()).toMatchObject({ status: 403, code: 'EJP_FORBIDDEN' });
    const put = async (url: string, payload: object) => t.app.inject({ method: 'PUT', url, headers: await t.as('admin-2', ADMIN), payload });
    expect((await put('/organisation/values/ownership/name', { name: 'Own it' })).statusCode).toBe(200);
    expect((await put('/organisation/recognition-allowance', { monthlyPoints: 150 })).statusCode).toBe(200);
    expect((await put('/organisation/withdraw-window', { hours: 48 })).statusCode).toBe(200);
    expect((await t.post('/organisation/values/customer-obsession/retire', 'admin-2', ADMIN)).statusCode).toBe(200);
    expect((await t.post('/organisation/values', 'admin-2', ADMIN, { valueId: 'ownership', name: 'Again' })).json()).toMatchObject({ status: 409, code: 'EJP_COMPANY_VALUE_EXISTS' });

    const view = await t.app.inject({ method: 'GET', url: '/organisation/settings', headers: await t.as(giver, EMPLOYEE) });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      organisationId: 'acme',
      values: [
        { valueId: 'ownership', name: 'Own it', retired: false },
        { valueId: 'customer-obsession', name: 'Customer obsession', retired: true },
      ],
      monthlyAllowance: 150,
      withdrawWindowHours: 48,
    });
    expect(view.json().changes.map((c: { type: string; by: { id: string } }) => `${c.by.id} ${c.type}`)).toEqual([
      'admin-1 organisation.company-value.added',
      'admin-1 organisation.company-value.added',
      'admin-2 organisation.company-value.renamed',
      'admin-2 organisation.recognition-allowance.set',
      'admin-2 organisation.recognition-withdraw-window.set',
      'admin-2 organisation.company-value.retired',
    ]);
    expect(view.json().changes[3].data).toEqual({ from: 100, to: 150 });
    expect((await t.raw.readStream(organisationStream('acme'))).length).toBe(6);

    // The new settings apply to the next give: 150 points, a 48-hour window.
    const gave = await t.post('/recognitions', giver, EMPLOYEE, giveBody({ pointsPerRecipient: 150 }));
    expect(gave.statusCode).toBe(201);
    const stored = (await t.store.readStream(journeyStream(giver))).at(-1)!;
    expect(stored.data.withdrawableUntil).toBe('2025-03-12T10:00:00.000Z');
  });
});
