import { randomUUID } from 'node:crypto';
import { envelopeOf, journeyStream } from '@ejp/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buddyId, employeeId, hire, hireBody, onboardingUrl, startTestApp, type TestApp } from './support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

const post = async (url: string, role: string, payload?: object, subject?: string) =>
  t.app.inject({ method: 'POST', url, headers: await t.as(role, subject), ...(payload ? { payload } : {}) });

describe('hire', () => {
  it('answers 201 with Location, the revision and its ETag; the default plan comes in the same append', async () => {
    const response = await hire(t);
    expect(response.statusCode).toBe(201);
    expect(response.headers.location).toBe(`/employees/${employeeId}/onboarding`);
    expect(response.headers.etag).toBe('"1"');
    expect(response.json()).toMatchObject({
      employeeId,
      revision: '1',
      events: [
        { type: 'journey.employee.hired', revision: '0' },
        { type: 'journey.onboarding.plan-assigned', revision: '1' },
      ],
    });
    const stored = await t.raw.readStream(journeyStream(employeeId));
    expect(stored.map((e) => e.type)).toEqual(['journey.employee.hired', 'journey.onboarding.plan-assigned']);
    // One append: both events are at consecutive global positions.
    expect(stored[1]!.position - stored[0]!.position).toBe(1n);
  });

  it('records who, which request and which trace caused the events', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const response = await hire(t, {}, { 'x-correlation-id': 'flow-42', 'x-request-id': 'req-7', traceparent });
    expect(response.statusCode).toBe(201);
    const [first] = await t.store.readStream(journeyStream(employeeId));
    expect(envelopeOf(first!)).toMatchObject({
      actor: { id: 'hr-1', kind: 'hr' },
      correlationId: 'flow-42',
      causationId: 'req-7',
      traceparent,
      occurredAt: t.clock.now.toISOString(),
      version: 2,
    });
  });

  it("prefers the traceparent of the request's active span when OpenTelemetry instruments the request", async () => {
    await t.close();
    const active = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    // What the kit's @fastify/otel instrumentation adds to every request when telemetry is on.
    t = await startTestApp({
      beforeRoutes: (app) =>
        (app as unknown as { decorateRequest(name: string, value: unknown): void }).decorateRequest('opentelemetry', () => ({
          instrumented: true,
          inject: (carrier: Record<string, string>) => Object.assign(carrier, { traceparent: active }),
        })),
    });
    const caller = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect((await hire(t, {}, { traceparent: caller })).statusCode).toBe(201);
    const [first] = await t.store.readStream(journeyStream(employeeId));
    expect(envelopeOf(first!).traceparent).toBe(active);
  });

  it('answers 400 with the path of each bad field', async () => {
    const response = await hire(t, { email: 'not-an-email', startDate: '2025-02-30' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem.code).toBe('EJP_VALIDATION');
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.email', 'body.startDate']));
    expect(await t.raw.readStream(journeyStream(employeeId))).toEqual([]);
  });

  it('refuses a second hire of the same id with 409', async () => {
    await hire(t);
    const again = await hire(t);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'EJP_EMPLOYEE_ALREADY_HIRED', status: 409 });
  });
});

describe('auth', () => {
  it('401 without a token, 401 with a forged one, 403 for a role the route does not admit', async () => {
    const noToken = await t.app.inject({ method: 'POST', url: '/employees', payload: hireBody });
    expect(noToken.statusCode).toBe(401);
    const forged = await t.app.inject({ method: 'POST', url: '/employees', headers: { authorization: 'Bearer abc.def.ghi' }, payload: hireBody });
    expect(forged.statusCode).toBe(401);
    const manager = await t.app.inject({ method: 'POST', url: '/employees', headers: await t.as('manager'), payload: hireBody });
    expect(manager.statusCode).toBe(403);
    expect(manager.json().code).toBe('EJP_FORBIDDEN');
    expect(await t.raw.readStream(journeyStream(employeeId))).toEqual([]);
  });

  it('an employee completes their own task, but not the IT one (403 EJP_NOT_TASK_OWNER)', async () => {
    await hire(t, { plan: [
      { id: 'handbook', title: 'Read the handbook', owner: 'employee', dueOffsetDays: 2, required: true },
      { id: 'laptop', title: 'Ship laptop', owner: 'it', dueOffsetDays: -5, required: true },
    ] });
    const own = await post(`${onboardingUrl()}/tasks/handbook/complete`, 'employee', undefined, employeeId);
    expect(own.statusCode).toBe(200);
    const it = await post(`${onboardingUrl()}/tasks/laptop/complete`, 'employee', undefined, employeeId);
    expect(it.statusCode).toBe(403);
    expect(it.json().code).toBe('EJP_NOT_TASK_OWNER');
  });
});

describe('unknown employee and wrong stage', () => {
  it('404 for commands and the state of an employee never hired, to HR; a manager hears 403, as for anyone outside their line', async () => {
    const unknown = randomUUID();
    const refused = await post(`${onboardingUrl(unknown)}/buddy`, 'manager', { buddyId });
    expect(refused.json()).toMatchObject({ status: 403, code: 'EJP_FORBIDDEN' });
    const buddy = await post(`${onboardingUrl(unknown)}/buddy`, 'hr', { buddyId });
    expect(buddy.statusCode).toBe(404);
    expect(buddy.json()).toMatchObject({ code: 'EJP_EMPLOYEE_NOT_FOUND', instance: `${onboardingUrl(unknown)}/buddy` });
    const state = await t.app.inject({ method: 'GET', url: onboardingUrl(unknown), headers: await t.as('hr') });
    expect(state.statusCode).toBe(404);
    expect(await t.raw.readStream(journeyStream(unknown))).toEqual([]);
  });

  it('400 for an employee id that is not a UUID (a manager is refused before the request is even validated)', async () => {
    expect((await post('/employees/ada/onboarding/buddy', 'manager', { buddyId })).statusCode).toBe(403);
    const response = await post('/employees/ada/onboarding/buddy', 'hr', { buddyId });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('params.employeeId');
  });

  it('409 EJP_STAGE_MISMATCH: probation outcome before completion, a task after it', async () => {
    await hire(t, { plan: [{ id: 'laptop', title: 'Ship laptop', owner: 'it', dueOffsetDays: -5, required: true }, { id: 'coffee', title: 'Coffee', owner: 'buddy', dueOffsetDays: 3, required: false }] });
    const early = await post(`/employees/${employeeId}/probation`, 'hr', { outcome: 'passed' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'EJP_STAGE_MISMATCH', currentStage: 'pre-boarding' });

    const open = await post(`${onboardingUrl()}/complete`, 'hr');
    expect(open.statusCode).toBe(409);
    expect(open.json()).toMatchObject({ code: 'EJP_REQUIRED_TASKS_OPEN', openTasks: ['laptop'] });

    expect((await post(`${onboardingUrl()}/tasks/laptop/complete`, 'service')).statusCode).toBe(200);
    expect((await post(`${onboardingUrl()}/complete`, 'hr')).statusCode).toBe(200);
    const late = await post(`${onboardingUrl()}/tasks/coffee/complete`, 'hr');
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'EJP_STAGE_MISMATCH', currentStage: 'probation' });
  });
});

describe('a whole onboarding', () => {
  it('hire, welcome, buddy, equipment, start-date change, check-ins, completion, probation', async () => {
    await hire(t);
    expect((await post(`${onboardingUrl()}/welcome`, 'manager', { message: 'Welcome aboard, Augusta!' })).statusCode).toBe(200);
    expect((await post(`${onboardingUrl()}/buddy`, 'manager', { buddyId, kind: 'mentor' })).statusCode).toBe(200);
    expect((await post(`${onboardingUrl()}/tasks/equipment-ready/complete`, 'service')).statusCode).toBe(200);

    const moved = await t.app.inject({ method: 'PUT', url: `/employees/${employeeId}/start-date`, headers: await t.as('hr'), payload: { startDate: '2025-03-10' } });
    expect(moved.statusCode).toBe(200);
    const view = (await t.app.inject({ method: 'GET', url: onboardingUrl(), headers: await t.as('manager') })).json();
    expect(view).toMatchObject({ stage: 'pre-boarding', startDate: '2025-03-10', welcomeSent: true, buddy: { id: buddyId, kind: 'mentor' } });
    const due = Object.fromEntries(view.tasks.map((task: { id: string; dueDate: string }) => [task.id, task.dueDate]));
    expect(due).toMatchObject({ 'welcome-message': '2025-03-07', 'equipment-ready': '2025-03-10', 'check-in-90': '2025-06-08' });

    for (const [day, date] of [[30, '2025-04-09'], [60, '2025-05-09'], [90, '2025-06-08']] as const) {
      t.clock.set(`${date}T10:00:00Z`);
      const checkIn = await post(`${onboardingUrl()}/check-ins`, 'manager', { day, rating: 4, notes: `Day ${day}: settling in well` });
      expect(checkIn.statusCode).toBe(200);
    }
    const complete = await post(`${onboardingUrl()}/complete`, 'hr');
    expect(complete.statusCode).toBe(200);
    const outcome = await post(`/employees/${employeeId}/probation`, 'hr', { outcome: 'passed' });
    expect(outcome.statusCode).toBe(200);

    const final = await t.app.inject({ method: 'GET', url: onboardingUrl(), headers: await t.as('hr') });
    expect(final.headers.etag).toBe(`"${outcome.json().revision}"`);
    expect(final.json()).toMatchObject({ stage: 'in-role', checkIns: [30, 60, 90] });
    expect(final.json().tasks.every((task: { done: boolean }) => task.done)).toBe(true);
  });

  it('check-ins out of order answer 409', async () => {
    await hire(t);
    t.clock.set('2025-04-10T10:00:00Z');
    const early = await post(`${onboardingUrl()}/check-ins`, 'manager', { day: 60, rating: 3 });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('EJP_CHECKIN_OUT_OF_ORDER');
  });
});
