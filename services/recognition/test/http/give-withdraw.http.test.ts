import { journeyStream } from '@ejp/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, ada, EMPLOYEE, giveBody, giver, grace, startTestApp, stranger, type TestApp } from './support.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const given = async () => (await t.store.readStream(journeyStream(giver))).filter((e) => e.type === 'journey.recognition.given');

describe('POST /recognitions', () => {
  it('records one event in the giver’s stream only, the message encrypted with the giver’s key', async () => {
    t = await startTestApp();
    await t.setUp();
    const response = await t.post('/recognitions', giver, EMPLOYEE, giveBody({ recipientIds: [ada, grace] }));
    expect(response.statusCode).toBe(201);
    const { recognitionId, revision, events } = response.json();
    expect(events).toEqual([{ id: expect.any(String), type: 'journey.recognition.given', revision: '1' }]);
    expect(response.headers.etag).toBe(`"${revision}"`);
    const [stored] = await given();
    expect(stored!.data).toMatchObject({ recognitionId, recipientIds: [ada, grace], message: 'Thank you for the launch!', funding: { month: '2025-03', allowance: 20, boost: 0 } });
    const [atRest] = (await t.raw.readStream(journeyStream(giver))).filter((e) => e.type === 'journey.recognition.given');
    expect(JSON.stringify(atRest!.data.message)).not.toContain('launch');
    // Recipients learn of it by projection, never by a second append.
    expect((await t.raw.readStream(journeyStream(ada))).map((e) => e.type)).toEqual(['journey.employee.hired']);
  });

  it('refuses bad input with 400 naming the field', async () => {
    t = await startTestApp();
    await t.setUp();
    const tooLong = await t.post('/recognitions', giver, EMPLOYEE, giveBody({ message: 'x'.repeat(1_001), pointsPerRecipient: 1.5 }));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.message', 'body.pointsPerRecipient']));
    const eleven = await t.post('/recognitions', giver, EMPLOYEE, giveBody({ recipientIds: Array.from({ length: 11 }, () => ada) }));
    expect(eleven.json().errors.map((e: { path: string }) => e.path)).toContain('body.recipientIds');
  });

  it('answers the rules as problems: self-recognition, someone not hired or departed, a retired value', async () => {
    t = await startTestApp();
    await t.setUp();
    const self = await t.post('/recognitions', giver, EMPLOYEE, giveBody({ recipientIds: [giver] }));
    expect(self.statusCode).toBe(422);
    expect(self.headers['content-type']).toContain('application/problem+json');
    expect(self.json().code).toBe('EJP_SELF_RECOGNITION');
    const notHired = await t.post('/recognitions', giver, EMPLOYEE, giveBody({ recipientIds: [ada, stranger] }));
    expect(notHired.statusCode).toBe(422);
    expect(notHired.json()).toMatchObject({ code: 'EJP_EMPLOYEE_NOT_ACTIVE', employees: { [stranger]: 'not-hired' } });
    await t.depart(grace);
    const toAlumni = await t.post('/recognitions', giver, EMPLOYEE, giveBody({ recipientIds: [ada, grace] }));
    expect(toAlumni.json()).toMatchObject({ status: 409, code: 'EJP_EMPLOYEE_DEPARTED', title: 'The employee has left', employees: { [grace]: 'departed' } });
    expect((await t.post('/recognitions', grace, EMPLOYEE, giveBody())).json()).toMatchObject({ code: 'EJP_EMPLOYEE_DEPARTED', employees: { [grace]: 'departed' } });
    expect((await t.post('/organisation/values/ownership/retire', 'admin-1', ADMIN)).statusCode).toBe(200);
    const retired = await t.post('/recognitions', giver, EMPLOYEE, giveBody());
    expect(retired.json()).toMatchObject({ status: 422, code: 'EJP_UNKNOWN_COMPANY_VALUE', retired: ['ownership'] });
    expect(await given()).toEqual([]);
  });

  it('a retry with the same Idempotency-Key names the same recognition and records it once', async () => {
    t = await startTestApp();
    await t.setUp();
    const first = await t.post('/recognitions', giver, EMPLOYEE, giveBody(), { 'idempotency-key': 'give-1' });
    const again = await t.post('/recognitions', giver, EMPLOYEE, giveBody(), { 'idempotency-key': 'give-1' });
    expect(first.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(await given()).toHaveLength(1);
  });

  it('refreshes the allowance on the 1st in ORG_TIMEZONE: 23:30 UTC on 31 March is April in Berlin', async () => {
    t = await startTestApp({ timeZone: 'Europe/Berlin' });
    await t.setUp();
    t.clock.now = new Date('2025-03-31T21:00:00.000Z');
    expect((await t.post('/recognitions', giver, EMPLOYEE, giveBody({ pointsPerRecipient: 100 }))).statusCode).toBe(201);
    const stillMarch = await t.post('/recognitions', giver, EMPLOYEE, giveBody({ pointsPerRecipient: 1 }));
    expect(stillMarch.json()).toMatchObject({ status: 409, code: 'EJP_ALLOWANCE_EXCEEDED', month: '2025-03', allowanceLeft: 0 });
    t.clock.now = new Date('2025-03-31T23:30:00.000Z');
    expect((await t.post('/recognitions', giver, EMPLOYEE, giveBody({ pointsPerRecipient: 100 }))).statusCode).toBe(201);
    expect((await given()).map((e) => (e.data.funding as { month: string }).month)).toEqual(['2025-03', '2025-04']);
  });
});

describe('allowance boosts', () => {
  it('an admin grants one; it is spent after the allowance; employees may not grant', async () => {
    t = await startTestApp();
    await t.setUp();
    expect((await t.post(`/employees/${giver}/allowance-boosts`, giver, EMPLOYEE, { points: 50 })).json()).toMatchObject({ status: 403, code: 'EJP_FORBIDDEN' });
    const granted = await t.post(`/employees/${giver}/allowance-boosts`, 'admin-1', ADMIN, { points: 50 });
    expect(granted.statusCode).toBe(201);
    expect(granted.json()).toMatchObject({ employeeId: giver, boostId: expect.any(String) });
    expect((await t.post('/recognitions', giver, EMPLOYEE, giveBody({ pointsPerRecipient: 130 }))).statusCode).toBe(201);
    expect((await given())[0]!.data.funding).toEqual({ month: '2025-03', allowance: 100, boost: 30 });
    const over = await t.post('/recognitions', giver, EMPLOYEE, giveBody({ pointsPerRecipient: 21 }));
    expect(over.json()).toMatchObject({ status: 409, code: 'EJP_ALLOWANCE_EXCEEDED', allowanceLeft: 0, boostLeft: 20 });
  });
});

describe('POST /employees/:giverId/recognitions/:recognitionId/withdrawal', () => {
  it('by the giver within 24 hours returns the points; after, or by anyone else, it is refused', async () => {
    t = await startTestApp();
    await t.setUp();
    const first = (await t.post('/recognitions', giver, EMPLOYEE, giveBody({ pointsPerRecipient: 100 }))).json().recognitionId;
    const second = (await t.post('/recognitions', giver, EMPLOYEE, giveBody({ pointsPerRecipient: 0 }))).json().recognitionId;
    const byOther = await t.post(`/employees/${giver}/recognitions/${first}/withdrawal`, ada, ['employee', 'hr']);
    // Refused by the route's access (self: the giver) before the recognition is looked up.
    expect(byOther.json()).toMatchObject({ status: 403, code: 'EJP_FORBIDDEN' });

    t.clock.now = new Date('2025-03-11T10:00:00.000Z'); // exactly 24 hours later
    const withdrawn = await t.post(`/employees/${giver}/recognitions/${first}/withdrawal`, giver, EMPLOYEE);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ recognitionId: first, events: [{ type: 'journey.recognition.withdrawn' }] });
    // The 100 points are back: they can be given again.
    expect((await t.post('/recognitions', giver, EMPLOYEE, giveBody({ pointsPerRecipient: 100 }))).statusCode).toBe(201);

    t.clock.now = new Date('2025-03-11T10:00:00.001Z');
    const late = await t.post(`/employees/${giver}/recognitions/${second}/withdrawal`, giver, EMPLOYEE);
    expect(late.json()).toMatchObject({ status: 409, code: 'EJP_WITHDRAW_WINDOW_CLOSED', withdrawableUntil: '2025-03-11T10:00:00.000Z' });
    const twice = await t.post(`/employees/${giver}/recognitions/${first}/withdrawal`, giver, EMPLOYEE);
    expect(twice.json()).toMatchObject({ status: 409, code: 'EJP_ALREADY_WITHDRAWN' });
  });
});
