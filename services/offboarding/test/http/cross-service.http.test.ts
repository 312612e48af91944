import { journeyStream } from '@ejp/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { colleagueId, employeeId, hireAndStart, managerId, startTestApp, type TestApp, url } from './support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

/** Resigned, every required task done, departed on the last day. */
async function depart(): Promise<void> {
  await hireAndStart(t);
  for (const task of ['knowledge-transfer', 'equipment-return', 'access-removal']) expect((await t.post(url(`/offboarding/tasks/${task}/complete`), 'hr')).statusCode).toBe(200);
  t.clock.set('2026-06-30T17:00:00Z');
  expect((await t.post(url('/departure'), 'hr', {})).statusCode).toBe(200);
  t.clock.set('2026-08-03T09:00:00Z');
}

const newChapter = { department: 'Research', role: 'Staff Engineer', level: 'L5', managerId, location: 'Paris', startDate: '2026-10-05' };

describe('once the employee has departed', () => {
  it('refuses onboarding commands with 409 EJP_EMPLOYEE_DEPARTED: "the employee has left"', async () => {
    await depart();
    const task = await t.post(url('/onboarding/tasks/laptop/complete'), 'hr');
    expect(task.statusCode).toBe(409);
    expect(task.headers['content-type']).toContain('application/problem+json');
    expect(task.json()).toMatchObject({ code: 'EJP_EMPLOYEE_DEPARTED', title: 'The employee has left', currentStage: 'alumni' });
    const checkIn = await t.post(url('/onboarding/check-ins'), 'manager', { day: 30, rating: 4 });
    expect(checkIn.statusCode).toBe(409);
    expect(checkIn.json()).toMatchObject({ code: 'EJP_EMPLOYEE_DEPARTED' });
  });

  it('refuses a new offboarding and the commands of the old one the same way', async () => {
    await depart();
    const again = await t.post(url('/offboarding'), 'hr', { kind: 'termination', voluntary: false, regrettable: false, lastDay: '2026-09-30', initiatedBy: 'hr' });
    expect(again.json()).toMatchObject({ status: 409, code: 'EJP_EMPLOYEE_DEPARTED', departedOn: '2026-06-30' });
    expect((await t.send('PUT', url('/offboarding/last-day'), 'hr', { lastDay: '2026-09-30' })).json()).toMatchObject({ code: 'EJP_EMPLOYEE_DEPARTED' });
  });
});

describe('alumni and the rehire', () => {
  it('enrols with consent only, takes referrals, withdraws consent, and rehires an eligible alumnus into a new onboarding', async () => {
    await depart();
    const contact = { contactPreference: 'email', email: 'ada@home.example' };
    const noConsent = await t.post(url('/alumni'), 'employee', { consent: false, ...contact }, employeeId);
    expect(noConsent.statusCode).toBe(422);
    expect(noConsent.json()).toMatchObject({ code: 'EJP_ALUMNI_CONSENT_REQUIRED', field: 'consent' });
    expect((await t.post(url('/alumni'), 'employee', { consent: true, ...contact }, colleagueId)).statusCode).toBe(403);
    const enrolled = await t.post(url('/alumni'), 'employee', { consent: true, ...contact }, employeeId);
    expect(enrolled.statusCode).toBe(201);
    expect(enrolled.headers.location).toBe(`/employees/${employeeId}/alumni`);
    const referral = { referralId: '3f2e1d0c-9b8a-4765-8432-10fedcba9876', referredName: 'Grace Hopper', referredEmail: 'grace@example.com' };
    expect((await t.post(url('/alumni/referrals'), 'employee', referral, employeeId)).statusCode).toBe(201);
    expect((await t.post(url('/alumni/referrals'), 'employee', referral, employeeId)).json()).toMatchObject({ code: 'EJP_REFERRAL_ALREADY_MADE' });
    expect((await t.send('DELETE', url('/alumni'), 'employee', undefined, employeeId)).statusCode).toBe(200);

    const notEligible = await t.post(url('/rehire'), 'hr', newChapter);
    expect(notEligible.json()).toMatchObject({ status: 409, code: 'EJP_NOT_ELIGIBLE_FOR_REHIRE' });
    expect((await t.send('PUT', url('/rehire-eligibility'), 'employee', { eligible: true, reason: 'x' }, employeeId)).statusCode).toBe(403);
    expect((await t.send('PUT', url('/rehire-eligibility'), 'hr', { eligible: true, reason: 'Strong performer' })).statusCode).toBe(200);
    const rehired = await t.post(url('/rehire'), 'hr', newChapter);
    expect(rehired.statusCode).toBe(201);
    expect(rehired.headers.location).toBe(`/employees/${employeeId}/onboarding`);

    // The new chapter: onboarding starts again, with a plan, a buddy, tasks and check-ins.
    const plan = { tasks: [{ id: 'badge', title: 'New badge', owner: 'it', dueOffsetDays: 0, required: true }] };
    expect((await t.post(url('/onboarding/plan'), 'hr', plan)).statusCode).toBe(200);
    expect((await t.post(url('/onboarding/buddy'), 'manager', { buddyId: colleagueId })).statusCode).toBe(200);
    expect((await t.post(url('/onboarding/tasks/badge/complete'), 'hr')).statusCode).toBe(200);
    t.clock.set('2026-11-05T09:00:00Z');
    expect((await t.post(url('/onboarding/check-ins'), 'manager', { day: 30, rating: 5 })).statusCode).toBe(200);
    const state = await t.app.inject({ method: 'GET', url: url('/onboarding'), headers: await t.as('hr') });
    expect(state.json()).toMatchObject({ startDate: '2026-10-05', stage: 'onboarding', checkIns: [30], buddy: { id: colleagueId } });

    // One stream, both chapters in order: the first hire ... departure, then the rehire and the new onboarding.
    const typesInOrder = (await t.raw.readStream(journeyStream(employeeId))).map((event) => event.type);
    expect(typesInOrder.indexOf('journey.employee.departed')).toBeLessThan(typesInOrder.indexOf('journey.employee.rehired'));
    expect(typesInOrder.lastIndexOf('journey.onboarding.plan-assigned')).toBeGreaterThan(typesInOrder.indexOf('journey.employee.rehired'));
  });
});

describe('once the employee has been erased (onboarding appends the erasure)', () => {
  it('answers 410 EJP_SUBJECT_ERASED to every offboarding and alumni command, and records nothing', async () => {
    await depart();
    expect((await t.post(url('/erasure'), 'hr', { reason: 'employee-request' })).statusCode).toBe(200);
    const before = await t.raw.readStream(journeyStream(employeeId));
    const refused = [
      await t.post(url('/rehire'), 'hr', newChapter),
      await t.send('PUT', url('/rehire-eligibility'), 'hr', { eligible: true, reason: 'Welcome back' }),
      await t.post(url('/offboarding'), 'hr', { kind: 'termination', voluntary: false, regrettable: false, lastDay: '2026-09-30', initiatedBy: 'hr' }),
    ];
    for (const res of refused) expect(res.json(), res.body).toMatchObject({ status: 410, code: 'EJP_SUBJECT_ERASED' });
    expect(await t.raw.readStream(journeyStream(employeeId))).toHaveLength(before.length);
  });
});
