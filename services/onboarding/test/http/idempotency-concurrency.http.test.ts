import { journeyStream } from '@ejp/contracts';
import { type EventStore, WrongExpectedRevisionError } from '@ejp/eventstore';
import { afterEach, describe, expect, it } from 'vitest';
import { commandEventId } from '@ejp/command-kit';
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

  it('twin requests racing with the same key both get the first response; one set of events', async () => {
    const race = await startRacingApp();
    race.arm();
    const key = { 'idempotency-key': 'hire-twins' };
    const [a, b] = await Promise.all([hire(t, {}, key), hire(t, {}, key)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.body).toBe(b.body);
    expect(await t.raw.readStream(stream)).toHaveLength(2);
    expect(race.conflicts).toHaveLength(0); // the store answered the twin as a retry, by event id
  });

  it('twins with the same key but different bodies: one wins, the other gets 422', async () => {
    const race = await startRacingApp();
    await hire(t);
    race.arm();
    const headers = await t.as('manager', undefined, { 'idempotency-key': 'buddy-twins' });
    const responses = await Promise.all([
      t.app.inject({ method: 'POST', url: `${onboardingUrl()}/buddy`, headers, payload: { buddyId, kind: 'buddy' } }),
      t.app.inject({ method: 'POST', url: `${onboardingUrl()}/buddy`, headers, payload: { buddyId, kind: 'mentor' } }),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 422]);
    expect(await t.raw.readStream(stream)).toHaveLength(4); // hire + plan, buddy + its task
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

/**
 * Both requests read the stream before either appends (a barrier holds the
 * first two reads until both arrived), so the second append must conflict.
 * Counts the conflicts the store raised, proving the retry path ran.
 */
function racingStore(inner: EventStore, readers = 2) {
  const waiting: Array<() => void> = [];
  let toHold = 0;
  const conflicts: unknown[] = [];
  const store: EventStore = Object.create(inner);
  store.readStream = async (name, options) => {
    const events = await inner.readStream(name, options);
    // Only whole-stream loads (a command's first read) wait at the barrier.
    if (options === undefined && toHold > 0) {
      toHold--;
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === readers) for (const release of waiting.splice(0)) release();
      });
    }
    return events;
  };
  store.appendToStream = async (name, events, options) => {
    try {
      return await inner.appendToStream(name, events, options);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) conflicts.push(error);
      throw error;
    }
  };
  /** The next `readers` loads wait for each other. */
  const arm = () => {
    toHold = readers;
  };
  return { store, conflicts, arm };
}

/** Starts `t` on a racing store and returns the race controls. */
async function startRacingApp(options: { maxConflictRetries?: number } = {}) {
  let race: ReturnType<typeof racingStore> | undefined;
  t = await startTestApp({
    ...options,
    wrap: (store) => {
      race = racingStore(store);
      return race.store;
    },
  });
  return race!;
}

describe('concurrency without If-Match', () => {
  it('two concurrent commands both succeed: the loser is decided again on the new state', async () => {
    const race = await startRacingApp();
    await hire(t);
    race.arm();
    const [buddy, welcome] = await Promise.all([
      t.app.inject({ method: 'POST', url: `${onboardingUrl()}/buddy`, headers: await t.as('manager'), payload: { buddyId } }),
      t.app.inject({ method: 'POST', url: `${onboardingUrl()}/welcome`, headers: await t.as('manager'), payload: { message: 'Hi' } }),
    ]);
    expect([buddy.statusCode, welcome.statusCode]).toEqual([200, 200]);
    expect(race.conflicts).toHaveLength(1);
    const types = (await t.raw.readStream(stream)).map((e) => e.type);
    expect(types.filter((type) => type === 'journey.onboarding.task-completed')).toHaveLength(2); // buddy + welcome tasks
    expect(types).toContain('journey.onboarding.buddy-assigned');
    expect(types).toContain('journey.onboarding.welcome-message-sent');
  });

  it('with If-Match the loser gets 412 instead of a silent retry; with no retries left, 409', async () => {
    const race = await startRacingApp({ maxConflictRetries: 0 });
    await hire(t);
    race.arm();
    const ifMatch = await t.as('manager', undefined, { 'if-match': '"1"' });
    const pinned = await Promise.all([
      t.app.inject({ method: 'POST', url: `${onboardingUrl()}/buddy`, headers: ifMatch, payload: { buddyId } }),
      t.app.inject({ method: 'POST', url: `${onboardingUrl()}/welcome`, headers: ifMatch, payload: { message: 'Hi' } }),
    ]);
    expect(pinned.map((r) => r.statusCode).sort()).toEqual([200, 412]);

    race.arm();
    const unpinned = await Promise.all([
      t.app.inject({ method: 'PUT', url: `/employees/${employeeId}/start-date`, headers: await t.as('hr'), payload: { startDate: '2025-03-17' } }),
      t.app.inject({ method: 'POST', url: `${onboardingUrl()}/tasks/equipment-ready/complete`, headers: await t.as('hr') }),
    ]);
    expect(unpinned.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(unpinned.find((r) => r.statusCode === 409)!.json().code).toBe('EJP_CONFLICT');
  });
});
