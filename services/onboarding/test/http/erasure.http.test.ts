import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isRedacted, journeyStream } from '@ejp/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { employeeId, hire, hireBody, onboardingUrl, startTestApp, type TestApp } from './support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

const welcome = 'Dear Augusta, welcome to the rota';
const erase = async (role: string, payload: Record<string, unknown> = { reason: 'employee-request' }, id = employeeId, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/employees/${id}/erasure`, headers: await t.as(role, undefined, headers), payload });

describe('POST /employees/{id}/erasure', () => {
  it('records the audited erasure with no personal data, shreds the key, and the personal fields read as redacted', async () => {
    expect((await hire(t)).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/welcome`, headers: await t.as('manager'), payload: { message: welcome } })).statusCode).toBe(200);
    const res = await erase('hr');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ employeeId, events: [{ type: 'journey.employee.erased' }] });

    const stored = await t.raw.readStream(journeyStream(employeeId));
    const erasure = stored.at(-1)!;
    expect(erasure).toMatchObject({ type: 'journey.employee.erased', data: { reason: 'employee-request' } });
    expect(erasure.metadata).toMatchObject({ actor: { id: 'hr-1', kind: 'hr' } });

    const read = await t.store.readStream(journeyStream(employeeId));
    expect([read[0]!.data.givenName, read[0]!.data.email].every(isRedacted)).toBe(true);
    expect(read.find((e) => e.type === 'journey.onboarding.welcome-message-sent')!.data.message).toEqual({ $redacted: true });
    // The key's bytes are gone from the file and its WAL, so the ciphertext left in the events is noise.
    const dir = dirname(t.file);
    const disk = Buffer.concat(await Promise.all((await readdir(dir)).map((name) => readFile(join(dir, name))))).toString('latin1');
    for (const secret of [hireBody.givenName, hireBody.email, welcome]) expect(disk).not.toContain(secret);
  });

  it('answers 410 to every later command on the employee, a second erasure and the write-side view included', async () => {
    expect((await hire(t)).statusCode).toBe(201);
    expect((await erase('admin', { reason: 'retention-expired' })).statusCode).toBe(200);
    const before = await t.raw.readStream(journeyStream(employeeId));
    const task = await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/tasks/equipment-ready/complete`, headers: await t.as('service') });
    expect(task.statusCode).toBe(410);
    expect(task.json()).toMatchObject({ code: 'EJP_SUBJECT_ERASED', status: 410 });
    expect((await hire(t)).statusCode).toBe(410); // the same id cannot be hired into a new personal record
    expect((await erase('hr')).statusCode).toBe(410);
    const view = await t.app.inject({ method: 'GET', url: onboardingUrl(), headers: await t.as('hr') });
    expect(view.statusCode).toBe(410);
    expect(await t.raw.readStream(journeyStream(employeeId))).toHaveLength(before.length);
  });

  it('replays a retried erasure with the same Idempotency-Key instead of answering 410', async () => {
    expect((await hire(t)).statusCode).toBe(201);
    const key = { 'idempotency-key': randomUUID() };
    const first = await erase('hr', undefined, employeeId, key);
    const again = await erase('hr', undefined, employeeId, key);
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
  });

  it('refuses other roles before looking anything up, and a reason outside the list', async () => {
    expect((await hire(t)).statusCode).toBe(201);
    for (const role of ['manager', 'employee', 'service']) expect((await erase(role)).statusCode).toBe(403);
    expect((await erase('hr', {}, randomUUID())).statusCode).toBe(400);
    const free = await erase('hr', { reason: 'Augusta asked by email' });
    expect(free.statusCode).toBe(400);
    expect(free.body).toContain('reason');
    expect((await t.raw.readStream(journeyStream(employeeId))).map((e) => e.type)).not.toContain('journey.employee.erased');
  });

  it('answers an unknown employee with the 404 every HR command gives, and erases no key for them', async () => {
    const unknown = randomUUID();
    const res = await erase('hr', undefined, unknown);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('EJP_EMPLOYEE_NOT_FOUND');
    // Not refused later: the id was never anyone's, so HR may still hire under it.
    expect((await hire(t, { employeeId: unknown })).statusCode).toBe(201);
  });
});
