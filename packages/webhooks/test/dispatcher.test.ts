import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EmployeeHired,
  journeyStream,
  ManagerChanged,
  newEvent,
  WebhookDeliveryStreams,
  WebhookStreams,
  WebhookSubscriptionCreated,
  WebhookSubscriptionEnabled,
} from '@ejp/contracts';
import { type EventStore, openSqliteEventStore, SqliteCheckpointStore } from '@ejp/eventstore';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deriveSecret, WebhookDispatcher, webhookHeaders } from '../src/index.ts';
import { startReceiver } from './receiver.ts';

const dir = mkdtempSync(join(tmpdir(), 'ejp-webhooks-'));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const admin = { actor: { id: 'admin-1', kind: 'admin' as const }, correlationId: 'c', causationId: 'k' };
const hire = (employeeId: string, department = 'Engineering') =>
  newEvent(
    EmployeeHired,
    { employeeId, email: 'x@example.com', department, role: 'SRE', level: 'L2', managerId: null, location: 'Oslo', startDate: '2025-02-03', givenName: 'X', familyName: 'Y' },
    admin,
  );
const moved = () => newEvent(ManagerChanged, { managerId: randomUUID(), previousManagerId: null }, admin);

async function setUp(options: { clock?: () => Date; backoff?: (attempt: number) => number } = {}) {
  const file = join(dir, `${randomUUID()}.db`);
  const store = await openSqliteEventStore({ path: file });
  const checkpoints = new SqliteCheckpointStore({ path: join(dir, `${randomUUID()}-checkpoints.db`) });
  const key = randomBytes(32);
  const dispatcher = new WebhookDispatcher({ store, checkpoints, secretKey: key, backoff: options.backoff ?? (() => 30), ...(options.clock ? { clock: options.clock } : {}) });
  cleanups.push(async () => {
    await dispatcher.stop();
    await checkpoints.close();
    await store.close();
  });
  return { store, key, dispatcher };
}

async function subscribe(store: EventStore, url: string, eventTypes: string[], department: string | null = null) {
  const subscriptionId = randomUUID();
  await store.appendToStream(WebhookStreams.streamOf(subscriptionId), [newEvent(WebhookSubscriptionCreated, { subscriptionId, url, eventTypes, department }, admin)]);
  return subscriptionId;
}

const log = async (store: EventStore, id: string) => (await store.readStream(WebhookDeliveryStreams.streamOf(id))).map((e) => e.data);

describe('webhook dispatcher, on a real SQLite event store', () => {
  it('delivers every event once, in order per employee, through a receiver that is down for a while, and the receiver rejects a tampered signature', async () => {
    const { store, key, dispatcher } = await setUp();
    let secret = '';
    const receiver = await startReceiver(() => secret);
    cleanups.push(receiver.close);
    const url = receiver.url();
    await receiver.down();
    // Before the subscription: not delivered.
    const earlier = randomUUID();
    await store.appendToStream(journeyStream(earlier), [hire(earlier)]);
    const id = await subscribe(store, url, ['journey.employee.hired', 'journey.employee.manager-changed']);
    secret = deriveSecret(key, id, 0);
    dispatcher.start();

    const [a, b] = [randomUUID(), randomUUID()];
    const appended: { id: string; subject: string }[] = [];
    for (const [employeeId, event] of [[a, hire(a)], [b, hire(b)], [a, moved()], [b, moved()], [a, moved()]] as const) {
      await store.appendToStream(journeyStream(employeeId), [event]);
      appended.push({ id: event.id, subject: employeeId });
    }
    await vi.waitFor(async () => expect((await log(store, id)).filter((entry) => !entry.ok).length).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 20 });
    await receiver.up();
    await vi.waitFor(() => expect(receiver.accepted).toHaveLength(5), { timeout: 10_000, interval: 20 });

    expect(receiver.accepted.map((r) => r.id)).toEqual(appended.map((e) => e.id));
    for (const subject of [a, b]) {
      expect(receiver.accepted.filter((r) => r.subject === subject).map((r) => r.id)).toEqual(appended.filter((e) => e.subject === subject).map((e) => e.id));
    }
    expect(receiver.accepted[0]!.body).toMatchObject({ specversion: '1.0', type: 'journey.employee.hired', subject: a, dataschema: 'http://relay:3000/schemas/events/journey.employee.hired.v2.json' });
    const entries = await log(store, id);
    expect(entries.filter((e) => e.ok).map((e) => e.eventId)).toEqual(appended.map((e) => e.id));
    expect(entries.find((e) => !e.ok)).toMatchObject({ eventId: appended[0]!.id, status: null, ok: false });

    // A forged delivery: a valid signature over another body.
    const body = JSON.stringify(receiver.accepted[0]!.body);
    const headers = webhookHeaders([secret], appended[0]!.id, new Date(), body);
    const forged = await fetch(url, { method: 'POST', headers, body: body.replace(a, b) });
    expect(forged.status).toBe(401);
    expect(receiver.rejected()).toBe(1);
  });

  it('retries one failing event for 24 hours by its clock, then disables the subscription with an event saying so; enabling resumes with that event', async () => {
    const clock = { now: Date.now() };
    // Each retry waits "two hours": the clock moves, the test does not wait.
    const backoff = () => {
      clock.now += 2 * 3_600_000;
      return 5;
    };
    const { store, key, dispatcher } = await setUp({ clock: () => new Date(clock.now), backoff });
    let status = 503;
    let secret = '';
    const receiver = await startReceiver(() => secret, () => status);
    cleanups.push(receiver.close);
    const id = await subscribe(store, receiver.url(), ['journey.employee.hired']);
    secret = deriveSecret(key, id, 0);
    dispatcher.start();
    const [a, b] = [randomUUID(), randomUUID()];
    await store.appendToStream(journeyStream(a), [hire(a)]);
    await store.appendToStream(journeyStream(b), [hire(b)]);

    await vi.waitFor(async () => expect((await store.readStream(WebhookStreams.streamOf(id))).map((e) => e.type)).toContain('webhooks.subscription.disabled'), { timeout: 10_000, interval: 20 });
    const disabled = (await store.readStream(WebhookStreams.streamOf(id))).at(-1)!;
    expect(disabled.data).toMatchObject({ reason: 'delivery-failing', attempts: 13 });
    await vi.waitFor(() => expect(dispatcher.delivering(id)).toBe(false));
    const failed = await log(store, id);
    expect(failed).toHaveLength(13);
    expect(new Set(failed.map((entry) => entry.eventId)).size).toBe(1); // the second event waited behind the first
    expect(receiver.accepted).toHaveLength(0);

    clock.now = Date.now();
    status = 204;
    await store.appendToStream(WebhookStreams.streamOf(id), [newEvent(WebhookSubscriptionEnabled, {}, admin)]);
    await vi.waitFor(() => expect(receiver.accepted.map((r) => r.subject)).toEqual([a, b]), { timeout: 10_000, interval: 20 });
  });

  it('delivers only events about employees of its department, and redelivers a logged event on request', async () => {
    const { store, key, dispatcher } = await setUp();
    let secret = '';
    const receiver = await startReceiver(() => secret);
    cleanups.push(receiver.close);
    const id = await subscribe(store, receiver.url(), ['journey.employee.hired', 'journey.employee.manager-changed'], 'Engineering');
    secret = deriveSecret(key, id, 0);
    dispatcher.start();
    const [engineer, seller] = [randomUUID(), randomUUID()];
    await store.appendToStream(journeyStream(engineer), [hire(engineer)]);
    await store.appendToStream(journeyStream(seller), [hire(seller, 'Sales')]);
    await store.appendToStream(journeyStream(seller), [moved()]);
    const last = moved();
    await store.appendToStream(journeyStream(engineer), [last]);
    await vi.waitFor(() => expect(receiver.accepted.map((r) => r.id).at(-1)).toBe(last.id), { timeout: 10_000, interval: 20 });
    expect(receiver.accepted.map((r) => r.subject)).toEqual([engineer, engineer]);

    const again = await dispatcher.redeliver(id, receiver.accepted[0]!.id);
    expect(again).toMatchObject({ ok: true, status: 204, attempt: 2 });
    expect(receiver.accepted.map((r) => r.id)).toEqual([receiver.accepted[0]!.id, last.id, receiver.accepted[0]!.id]);
    expect((await log(store, id)).at(-1)).toMatchObject({ redelivery: true, ok: true });
    expect(await dispatcher.redeliver(id, randomUUID())).toBeUndefined();
  });
});
