import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buddyId, employeeId, hire, managerId, onboardingUrl, startTestApp, type TestApp } from './support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

const changeManager = async (role: string, body: object, subject?: string) =>
  t.app.inject({ method: 'PUT', url: `/employees/${employeeId}/manager`, headers: await t.as(role, subject), payload: body });
const readState = async (role: string, subject?: string) => t.app.inject({ method: 'GET', url: onboardingUrl(), headers: await t.as(role, subject) });
const welcome = async (subject: string) =>
  t.app.inject({ method: 'POST', url: `${onboardingUrl()}/welcome`, headers: await t.as('manager', subject), payload: { message: 'Welcome!' } });

describe('PUT /employees/:employeeId/manager', () => {
  it('moves the employee to another manager: the new one reaches their onboarding, the previous one no longer does', async () => {
    await hire(t);
    expect((await readState('manager', managerId)).statusCode).toBe(200);
    expect((await readState('manager', buddyId)).statusCode).toBe(403);

    const changed = await changeManager('hr', { managerId: buddyId });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ employeeId, events: [{ type: 'journey.employee.manager-changed' }] });
    expect((await readState('hr')).json().managerId).toBe(buddyId);

    expect((await readState('manager', buddyId)).statusCode).toBe(200);
    expect((await welcome(buddyId)).statusCode).toBe(200);
    const previous = await welcome(managerId);
    expect(previous.json()).toMatchObject({ status: 403, code: 'EJP_FORBIDDEN' });
    // The same manager again appends nothing.
    expect((await changeManager('hr', { managerId: buddyId })).json().events).toEqual([]);
  });

  it('is for HR only, names the field at fault, and refuses reporting to oneself', async () => {
    await hire(t);
    expect((await changeManager('manager', { managerId: buddyId })).statusCode).toBe(403);
    expect((await changeManager('employee', { managerId: buddyId })).statusCode).toBe(403);
    const bad = await changeManager('hr', { managerId: 'nobody' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.managerId');
    expect((await changeManager('hr', { managerId: employeeId })).json()).toMatchObject({ status: 422, code: 'EJP_INVALID_COMMAND' });
  });
});
