import { commandEventId } from '@ejp/command-kit';
import { journeyStream } from '@ejp/contracts';
import { afterEach, describe, expect, it } from 'vitest';

// Idempotency and If-Match as onboarding answers them. The races (twin keys,
// conflict retries) are the command kit's: packages/command-kit/test.
import { buddyId, employeeId, hire, onboardingUrl, startTestApp, type TestApp } from './support.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const stream = journeyStream(employeeId);

describe('Idempotency-Key', () => {
  it('a retried hire returns the first response and appends nothing', async () => {
    t = await startTestApp();
    const key = { 'idempotency-key': 'hire-ada-1' };
    const first = await hire(t, {}, key);
    const retry = await hire(t, {}, key);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.body).toBe(first.body);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.headers.location).toBe(first.headers.location);
    // The ids are derived from (stream, key, index), so the store recognises the retry.
    expect(first.json().events.map((e: { id: string }) => e.id)).toEqual([commandEventId(stream, 'hire-ada-1', 0), commandEventId(stream, 'hire-ada-1', 1)]);
    expect(await t.raw.readStream(stream)).toHaveLength(2);
  });

  it('a retry after later commands still returns the first response, not a 412 or a 409', async () => {
    t = await startTestApp();
    await hire(t);
    const headers = await t.as('manager', undefined, { 'idempotency-key': 'buddy-1', 'if-match': '"1"' });
    const first = await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/buddy`, headers, payload: { buddyId } });
    expect(first.statusCode).toBe(200);
    const welcome = await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/welcome`, headers: await t.as('manager'), payload: { message: 'Hello' } });
    expect(welcome.statusCode).toBe(200);
    const before = await t.raw.readStream(stream);

    const retry = await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/buddy`, headers, payload: { buddyId } });
    expect(retry.statusCode).toBe(200);
    expect(retry.body).toBe(first.body);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(await t.raw.readStream(stream)).toEqual(before);
  });

  it('a retry is judged at the instant of the first attempt, not at the time of the retry', async () => {
    t = await startTestApp();
    await hire(t, { plan: [{ id: 'laptop', title: 'Ship laptop', owner: 'it', dueOffsetDays: -5, required: true }] });
    const hr = await t.as('hr');
    await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/tasks/laptop/complete`, headers: hr });
    await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/complete`, headers: hr });
    t.clock.set('2025-06-01T09:00:00Z');
    const headers = await t.as('hr', undefined, { 'idempotency-key': 'extend-1' });
    const payload = { outcome: 'extended', newEndDate: '2025-06-02' };
    const first = await t.app.inject({ method: 'POST', url: `/employees/${employeeId}/probation`, headers, payload });
    expect(first.statusCode).toBe(200);
    // Days later the new end date is in the past: deciding afresh would refuse it.
    t.clock.set('2025-06-10T09:00:00Z');
    const retry = await t.app.inject({ method: 'POST', url: `/employees/${employeeId}/probation`, headers, payload });
    expect(retry.statusCode).toBe(200);
    expect(retry.body).toBe(first.body);
  });

  it('the same key with a different body is a 422 problem and appends nothing', async () => {
    t = await startTestApp();
    await hire(t);
    const headers = await t.as('manager', undefined, { 'idempotency-key': 'buddy-2' });
    expect((await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/buddy`, headers, payload: { buddyId } })).statusCode).toBe(200);
    const before = await t.raw.readStream(stream);
    const other = await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/buddy`, headers, payload: { buddyId, kind: 'mentor' } });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('EJP_IDEMPOTENCY_KEY_REUSED');
    // ... and for another command on the same employee.
    const welcome = await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/welcome`, headers, payload: { message: 'Hi' } });
    expect(welcome.statusCode).toBe(422);
    expect(await t.raw.readStream(stream)).toEqual(before);
  });

  it('rejects a malformed key with 400', async () => {
    t = await startTestApp();
    const response = await hire(t, {}, { 'idempotency-key': 'has spaces' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('headers.idempotency-key');
  });
});

describe('If-Match', () => {
  it('412 with the current revision when the employee changed since; the matching ETag succeeds', async () => {
    t = await startTestApp();
    const hired = await hire(t);
    const etag = hired.headers.etag as string;
    await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/welcome`, headers: await t.as('manager'), payload: { message: 'Hello' } });

    const stale = await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/buddy`, headers: await t.as('manager', undefined, { 'if-match': etag }), payload: { buddyId } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'EJP_PRECONDITION_FAILED', currentRevision: '3' });

    const current = (await t.app.inject({ method: 'GET', url: onboardingUrl(), headers: await t.as('hr') })).headers.etag as string;
    expect(current).toBe('"3"');
    const fresh = await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/buddy`, headers: await t.as('manager', undefined, { 'if-match': current }), payload: { buddyId } });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).toBe('"5"');
  });

  it('400 for an If-Match that is not an entity tag', async () => {
    t = await startTestApp();
    await hire(t);
    const response = await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/buddy`, headers: await t.as('manager', undefined, { 'if-match': '3' }), payload: { buddyId } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('headers.if-match');
  });
});
