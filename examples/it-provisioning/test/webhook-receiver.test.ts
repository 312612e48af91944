import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isoDay } from '@ejp/contracts';
import { startOnboarding } from '@ejp/onboarding';
import { signDevToken } from '@ejp/service-kit';
import { startWebhooks } from '@ejp/webhooks-service';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type DeliveredEvent, WebhookReceiver } from '../src/index.ts';

const SECRET = 'it-provisioning-webhooks-secret-32-chars-min';
const dir = await mkdtemp(join(tmpdir(), 'ejp-webhook-receiver-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const send = async (method: string, url: string, token: string, body?: unknown) => {
  const response = await fetch(url, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { secrets?: { secret: string }[]; items?: { ok: boolean; eventId: string }[] } };
};
const hireOf = (employeeId: string, department = 'Engineering') => ({
  employeeId, givenName: 'Ada', familyName: 'Lovelace', email: `ada.${employeeId.slice(0, 8)}@example.com`, department,
  role: 'Engineer', level: 'L3', managerId: null, location: 'London', startDate: isoDay(new Date()),
});

describe('a webhook subscriber with the Standard Webhooks library', () => {
  it('sees every event once, in order per employee, through a time it is down; rejects a tampered signature; verifies across a secret rotation', async () => {
    const file = join(dir, 'events.db');
    const process = { on: () => undefined, exit: vi.fn() };
    const env = { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', EVENTSTORE_URL: file, READSTORE_URL: join(dir, 'read.db') };
    const onboarding = await startOnboarding({ env, process });
    const webhooks = await startWebhooks({ env: { ...env, WEBHOOKS_SECRET_KEY: randomBytes(32).toString('base64') }, process });
    const admin = await signDevToken({ secret: SECRET, subject: 'admin-1', roles: ['admin'] });
    const hr = await signDevToken({ secret: SECRET, subject: 'hr-1', roles: ['hr'] });
    let secrets: string[] = [];
    const received: DeliveredEvent[] = [];
    const receiver = new WebhookReceiver({ secrets: () => secrets, onEvent: (event) => void received.push(event) });
    await receiver.start();
    try {
      const subscriptionId = randomUUID();
      const subscription = `${webhooks.url}/webhooks/subscriptions/${subscriptionId}`;
      const eventTypes = ['journey.employee.hired', 'journey.employee.manager-changed'];
      expect((await send('POST', `${webhooks.url}/webhooks/subscriptions`, admin, { subscriptionId, url: receiver.url, eventTypes })).status).toBe(201);
      expect((await send('POST', `${webhooks.url}/webhooks/subscriptions`, hr, { subscriptionId: randomUUID(), url: receiver.url, eventTypes })).status).toBe(403);
      secrets = (await send('GET', `${subscription}/secrets`, admin)).body.secrets!.map((s) => s.secret);
      expect(secrets).toHaveLength(1);

      // The receiver goes down; the platform keeps recording.
      await receiver.stop();
      const [a, b] = [randomUUID(), randomUUID()];
      const commands: [string, string, unknown][] = [
        ['POST', '/employees', hireOf(a)],
        ['POST', '/employees', hireOf(b, 'Sales')],
        ['PUT', `/employees/${a}/manager`, { managerId: randomUUID() }],
        ['PUT', `/employees/${b}/manager`, { managerId: randomUUID() }],
        ['PUT', `/employees/${a}/manager`, { managerId: null }],
      ];
      for (const [method, path, body] of commands) expect((await send(method, `${onboarding.url}${path}`, hr, body)).status).toBeLessThan(300);
      await vi.waitFor(async () => expect((await send('GET', `${subscription}/deliveries`, admin)).body.items!.length).toBeGreaterThanOrEqual(2), { timeout: 15_000, interval: 100 });
      await receiver.start();

      await vi.waitFor(() => expect(received).toHaveLength(5), { timeout: 30_000, interval: 100 });
      expect(new Set(received.map((event) => event.id)).size).toBe(5);
      const expected = (subject: string) => ['journey.employee.hired', ...Array(subject === a ? 2 : 1).fill('journey.employee.manager-changed')];
      for (const subject of [a, b]) expect(received.filter((event) => event.subject === subject).map((event) => event.type)).toEqual(expected(subject));
      // Thin events: the name on the wire is ciphertext, to fetch by id with a scoped token.
      expect(JSON.stringify(received[0]!.data)).not.toContain('Ada');
      const log = (await send('GET', `${subscription}/deliveries?limit=50`, admin)).body.items!;
      expect(log.some((entry) => !entry.ok)).toBe(true);
      expect(log.filter((entry) => entry.ok).map((entry) => entry.eventId).reverse()).toEqual(received.map((event) => event.id));

      // A tampered body under a signature made for the original is refused.
      const original = JSON.stringify(received[0]);
      const webhookId = randomUUID();
      const timestamp = new Date();
      const signature = new Webhook(secrets[0]!).sign(webhookId, timestamp, original);
      const headers = { 'webhook-id': webhookId, 'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1_000)), 'webhook-signature': signature };
      expect((await fetch(receiver.url, { method: 'POST', headers, body: original.replace(a, b) })).status).toBe(401);
      expect((await fetch(receiver.url, { method: 'POST', headers, body: original })).status).toBe(204);

      // Rotation: two secrets sign meanwhile, so a receiver that holds only the new one verifies the next delivery.
      expect((await send('POST', `${subscription}/secret-rotations`, admin, { previousValidForHours: 1 })).status).toBe(200);
      const rotated = (await send('GET', `${subscription}/secrets`, admin)).body.secrets!.map((s) => s.secret);
      expect(rotated).toHaveLength(2);
      expect(rotated[1]).toBe(secrets[0]);
      secrets = [rotated[0]!];
      const c = randomUUID();
      expect((await send('POST', `${onboarding.url}/employees`, hr, hireOf(c))).status).toBe(201);
      await vi.waitFor(() => expect(received.map((event) => event.subject)).toContain(c), { timeout: 15_000, interval: 100 });
    } finally {
      await receiver.stop();
      await webhooks.shutdown('test');
      await onboarding.shutdown('test');
    }
    expect(process.exit).not.toHaveBeenCalledWith(1);
  });
});
