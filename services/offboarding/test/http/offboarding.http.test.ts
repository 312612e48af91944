import { journeyStream } from '@ejp/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { employeeId, hireAndStart, lastDay, resignation, startTestApp, type TestApp, url } from './support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

const types = async () => (await t.raw.readStream(journeyStream(employeeId))).map((event) => event.type);

describe('start offboarding', () => {
  it('answers 201 with Location and both events of one append: started and the default plan', async () => {
    await hireAndStart(t, { ...resignation, kind: 'retirement', initiatedBy: 'employee' });
    const stored = await t.raw.readStream(journeyStream(employeeId));
    expect(stored.slice(-2).map((event) => event.type)).toEqual(['journey.offboarding.started', 'journey.offboarding.plan-assigned']);
    expect(stored.at(-2)!.metadata).toMatchObject({ actor: { id: 'hr-1', kind: 'hr' } });
    const again = await t.post(url('/offboarding'), 'hr', resignation);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'EJP_OFFBOARDING_ALREADY_STARTED', lastDay });
  });

  it('names the field a bad body breaks, including the event schema’s cross-field rules', async () => {
    await hireAndStart(t);
    const notVoluntary = await t.post(url('/offboarding'), 'hr', { ...resignation, voluntary: false });
    expect(notVoluntary.statusCode).toBe(400);
    expect(notVoluntary.body).toContain('voluntary');
    const badDay = await t.post(url('/offboarding'), 'hr', { ...resignation, lastDay: '2026-02-30' });
    expect(badDay.statusCode).toBe(400);
    expect(badDay.body).toContain('lastDay');
  });

  it('is for hired employees, recorded by HR or a manager', async () => {
    const unknown = await t.post(url('/offboarding'), 'hr', resignation);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'EJP_EMPLOYEE_NOT_FOUND' });
    expect((await t.post(url('/offboarding'), 'employee', resignation)).statusCode).toBe(403);
  });
});

describe('the plan, the last day and the exit interview', () => {
  it('lets the leaver complete their own tasks only, HR any; the last day moves; the interview is recorded once', async () => {
    await hireAndStart(t);
    const notTheirs = await t.post(url('/offboarding/tasks/access-removal/complete'), 'employee', undefined, employeeId);
    expect(notTheirs.statusCode).toBe(403);
    expect(notTheirs.json()).toMatchObject({ code: 'EJP_NOT_OFFBOARDING_TASK_OWNER', owner: 'it' });
    expect((await t.post(url('/offboarding/tasks/knowledge-transfer/complete'), 'employee', undefined, employeeId)).statusCode).toBe(200);
    expect((await t.post(url('/offboarding/tasks/access-removal/complete'), 'service', undefined, 'it-bot')).statusCode).toBe(200);
    const missing = await t.post(url('/offboarding/tasks/nope/complete'), 'hr');
    expect(missing.statusCode).toBe(404);

    const moved = await t.send('PUT', url('/offboarding/last-day'), 'hr', { lastDay: '2026-07-15' });
    expect(moved.statusCode).toBe(200);
    const same = await t.send('PUT', url('/offboarding/last-day'), 'hr', { lastDay: '2026-07-15' });
    expect(same.json().events).toEqual([]);

    const interview = { primaryReason: 'growth', secondaryReasons: ['pay'], wouldRecommend: 8, wouldReturn: true, notes: 'Wants a staff role' };
    expect((await t.post(url('/offboarding/exit-interview'), 'hr', interview)).statusCode).toBe(201);
    const twice = await t.post(url('/offboarding/exit-interview'), 'hr', interview);
    expect(twice.json()).toMatchObject({ status: 409, code: 'EJP_EXIT_INTERVIEW_ALREADY_RECORDED' });
    const overlapping = await t.post(url('/offboarding/exit-interview'), 'hr', { ...interview, secondaryReasons: ['growth'] });
    expect(overlapping.statusCode).toBe(400);
    // The notes are personal data: encrypted on disk, readable through the shredding store.
    const stored = (await t.raw.readStream(journeyStream(employeeId))).find((event) => event.type === 'journey.offboarding.exit-interview-recorded')!;
    expect(JSON.stringify(stored.data)).not.toContain('staff role');
    const read = (await t.store.readStream(journeyStream(employeeId))).find((event) => event.id === stored.id)!;
    expect(read.data).toMatchObject({ notes: 'Wants a staff role' });
  });

  it('lets an employee withdraw their own resignation before the last day, and not someone else’s', async () => {
    await hireAndStart(t);
    expect((await t.post(url('/offboarding/withdrawal'), 'employee', undefined, 'someone-else')).statusCode).toBe(403);
    const withdrawn = await t.post(url('/offboarding/withdrawal'), 'employee', undefined, employeeId);
    expect(withdrawn.statusCode).toBe(200);
    const [event] = (await t.raw.readStream(journeyStream(employeeId))).slice(-1);
    expect(event).toMatchObject({ type: 'journey.offboarding.resignation-withdrawn', data: { returnsTo: 'in-role' } });
  });
});

describe('departure', () => {
  it('is refused before the last day or with open required tasks, and recorded with an override and its reason', async () => {
    await hireAndStart(t);
    const early = await t.post(url('/departure'), 'hr', {});
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'EJP_LAST_DAY_NOT_REACHED', lastDay });
    t.clock.set('2026-06-30T17:00:00Z');
    const open = await t.post(url('/departure'), 'hr', {});
    expect(open.json()).toMatchObject({ status: 409, code: 'EJP_REQUIRED_OFFBOARDING_TASKS_OPEN', openTasks: ['knowledge-transfer', 'equipment-return', 'access-removal'] });

    const left = await t.post(url('/departure'), 'hr', { override: { reason: 'Garden leave agreed' } });
    expect(left.statusCode).toBe(200);
    expect(left.json().events.map((event: { type: string }) => event.type)).toEqual(['journey.offboarding.access-removal-due', 'journey.employee.departed']);
    const departed = (await t.store.readStream(journeyStream(employeeId))).at(-1)!;
    expect(departed.data).toMatchObject({ departedOn: lastDay, override: { reason: 'Garden leave agreed', beforeLastDay: false } });
    expect(await types()).toContain('journey.employee.departed');
  });
});
