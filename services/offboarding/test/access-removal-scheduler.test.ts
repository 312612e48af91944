import { randomBytes } from 'node:crypto';
import { EmployeeErased, journeyStream, newEvent } from '@ejp/contracts';
import { createTestDatabase, findServer, urlOf } from '@ejp/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AccessRemovalScheduler, createAccessRemovalScheduler, SCHEDULER_ACTOR } from '../src/access-removal-scheduler.ts';
import { employeeId, hireAndStart, lastDay, startTestApp, type TestApp, url } from './http/support.ts';

const postgres = await findServer('postgres');
// The scheduler reads and follows the store through the port: on each adapter it runs on.
const backends = [
  { name: 'SQLite', open: () => startTestApp() },
  ...(postgres.available
    ? [{ name: 'PostgreSQL', open: async () => startTestApp({ stores: { EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: await createTestDatabase(urlOf(postgres), 'offboarding'), KEYSTORE_MASTER_KEY: randomBytes(32).toString('base64') } }) }]
    : []),
];

let t: TestApp;
const schedulers: AccessRemovalScheduler[] = [];
afterEach(async () => {
  for (const scheduler of schedulers.splice(0)) await scheduler.stop();
  await t.close();
});

/** A scheduler on the test's store and handler, on the test's pinned clock, never ticking by itself. */
async function startScheduler(): Promise<AccessRemovalScheduler> {
  const scheduler = createAccessRemovalScheduler({ store: t.store, handler: t.handler, clock: () => t.clock.now, checkEveryMs: 3_600_000 });
  schedulers.push(scheduler);
  await scheduler.start();
  return scheduler;
}

const announcements = async () => (await t.raw.readStream(journeyStream(employeeId))).filter((event) => event.type === 'journey.offboarding.access-removal-due');

describe.each(backends)('the access-removal scheduler on $name', ({ open }) => {
  beforeEach(async () => {
    t = await open();
  });

  it('learns the pending last day at start and announces it at the start of that day, once, as a service', async () => {
    await hireAndStart(t);
    const started = (await t.raw.readStream(journeyStream(employeeId))).find((event) => event.type === 'journey.offboarding.started')!;
    t.clock.set('2026-06-29T23:59:59Z');
    const scheduler = await startScheduler();
    expect(scheduler.pending().get(employeeId)).toMatchObject({ lastDay });
    expect(await announcements()).toEqual([]);

    t.clock.set('2026-06-30T00:00:30Z');
    expect(await scheduler.runDue()).toEqual([employeeId]);
    const [announced] = await announcements();
    expect(announced).toMatchObject({ data: { dueOn: lastDay } });
    expect(announced!.metadata).toMatchObject({ actor: SCHEDULER_ACTOR, causationId: started.id, occurredAt: '2026-06-30T00:00:30.000Z' });
    expect(await scheduler.runDue()).toEqual([]);
    // A restarted (or second) replica finds the offboarding settled: nothing pending.
    expect((await startScheduler()).pending().size).toBe(0);
    expect(await announcements()).toHaveLength(1);
  });

  it('follows a moved last day live, and announces on the new one', async () => {
    await hireAndStart(t);
    const scheduler = await startScheduler();
    expect((await t.send('PUT', url('/offboarding/last-day'), 'hr', { lastDay: '2026-07-15' })).statusCode).toBe(200);
    await vi.waitFor(() => expect(scheduler.pending().get(employeeId)?.lastDay).toBe('2026-07-15'), { timeout: 5_000 });
    t.clock.set('2026-07-01T08:00:00Z');
    expect(await scheduler.runDue()).toEqual([]);
    t.clock.set('2026-07-15T00:01:00Z');
    expect(await scheduler.runDue()).toEqual([employeeId]);
    expect((await announcements()).map((event) => event.data)).toEqual([{ dueOn: '2026-07-15' }]);
  });

  it('forgets an early departure, which announced access removal itself', async () => {
    await hireAndStart(t);
    const scheduler = await startScheduler();
    expect((await t.post(url('/departure'), 'hr', { override: { reason: 'Left for a competitor today' } })).statusCode).toBe(200);
    await vi.waitFor(() => expect(scheduler.pending().size).toBe(0), { timeout: 5_000 });
    t.clock.set('2026-06-30T00:01:00Z');
    expect(await scheduler.runDue()).toEqual([]);
    expect((await announcements()).map((event) => event.data)).toEqual([{ dueOn: '2026-06-01' }]);
  });

  it('forgets an employee erased during their offboarding: nothing is announced about them, and no error repeats', async () => {
    await hireAndStart(t);
    const scheduler = await startScheduler();
    // Onboarding appends the erasure (POST /employees/{id}/erasure); here straight through the store.
    const context = { actor: { id: 'hr-1', kind: 'hr' as const }, correlationId: 'erase', causationId: 'erase' };
    await t.store.appendToStream(journeyStream(employeeId), [newEvent(EmployeeErased, { reason: 'employee-request' }, context)]);
    await vi.waitFor(() => expect(scheduler.pending().size).toBe(0), { timeout: 5_000 });
    t.clock.set('2026-06-30T00:01:00Z');
    expect(await scheduler.runDue()).toEqual([]);
    expect(await announcements()).toEqual([]);
  });

  it('announces once when two replicas run on the same day at the same time', async () => {
    await hireAndStart(t);
    const [a, b] = [await startScheduler(), await startScheduler()];
    t.clock.set('2026-06-30T00:00:10Z');
    await Promise.all([a.runDue(), b.runDue()]);
    expect(await announcements()).toHaveLength(1);
  });
});
