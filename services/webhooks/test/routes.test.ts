import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmployeeHired, journeyStream, newEvent } from '@ejp/contracts';
import { openSqliteEventStore } from '@ejp/eventstore';
import { signDevToken } from '@ejp/service-kit';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startWebhooks } from '../src/index.ts';

const SECRET = 'webhooks-service-tests-secret-of-32-chars';
const dir = await mkdtemp(join(tmpdir(), 'ejp-webhooks-service-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const hr = { actor: { id: 'hr-1', kind: 'hr' as const }, correlationId: 'c', causationId: 'k' };
const hire = (employeeId: string) =>
  newEvent(EmployeeHired, { employeeId, email: 'x@example.com', department: 'Ops', role: 'SRE', level: 'L2', managerId: null, location: 'Oslo', startDate: '2025-02-03', givenName: 'X', familyName: 'Y' }, hr);

describe('the webhooks service over HTTP', () => {
  it('manages a subscription: conflicts, unknown ids, disable and enable, the delivery log and a redelivery', async () => {
    const file = join(dir, 'events.db');
    const process = { on: () => undefined, exit: vi.fn() };
    const service = await startWebhooks({
      env: { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', EVENTSTORE_URL: file, WEBHOOKS_SECRET_KEY: randomBytes(32).toString('base64') },
      process,
    });
    let secret = '';
    const received: string[] = [];
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
        new Webhook(secret).verify(Buffer.concat(chunks).toString('utf8'), headers);
        received.push(headers['webhook-id']!);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const admin = `Bearer ${await signDevToken({ secret: SECRET, subject: 'admin-1', roles: ['admin'] })}`;
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${service.url}${path}`, { method, headers: { authorization: admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      // biome-ignore lint/suspicious/noExplicitAny: the test reads whatever each route answers
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    const store = await openSqliteEventStore({ path: file });
    try {
      const subscriptionId = randomUUID();
      const at = `/webhooks/subscriptions/${subscriptionId}`;
      const body = { subscriptionId, url, eventTypes: ['journey.employee.hired'] };
      expect((await call('POST', '/webhooks/subscriptions', body)).status).toBe(201);
      expect((await call('POST', '/webhooks/subscriptions', body)).body).toMatchObject({ status: 409, code: 'EJP_WEBHOOK_EXISTS' });
      const badType = await call('POST', '/webhooks/subscriptions', { ...body, subscriptionId: randomUUID(), eventTypes: ['webhooks.subscription.created'] });
      expect(badType.status).toBe(400);
      expect(JSON.stringify(badType.body)).toContain('eventTypes');
      expect((await call('GET', `/webhooks/subscriptions/${randomUUID()}`)).status).toBe(404);
      expect((await call('GET', '/webhooks/subscriptions')).body.items).toEqual([
        expect.objectContaining({ subscriptionId, url, eventTypes: ['journey.employee.hired'], department: null, enabled: true, generation: 0 }),
      ]);
      secret = (await call('GET', `${at}/secrets`)).body.secrets[0].secret;
      await vi.waitFor(async () => expect((await call('GET', at)).body).toMatchObject({ enabled: true, delivering: true, department: null, generation: 0 }));

      const first = hire(randomUUID());
      await store.appendToStream(journeyStream(first.data.employeeId as string), [first]);
      await vi.waitFor(() => expect(received).toEqual([first.id]), { timeout: 10_000 });

      expect((await call('POST', `${at}/disable`)).status).toBe(200);
      await vi.waitFor(async () => expect((await call('GET', at)).body).toMatchObject({ enabled: false, delivering: false }));
      expect((await call('POST', `${at}/redeliveries`, { eventId: first.id })).status).toBe(409);
      const second = hire(randomUUID());
      await store.appendToStream(journeyStream(second.data.employeeId as string), [second]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received).toEqual([first.id]); // nothing while disabled
      expect((await call('POST', `${at}/enable`)).status).toBe(200);
      await vi.waitFor(() => expect(received).toEqual([first.id, second.id]), { timeout: 10_000 });

      expect((await call('POST', `${at}/redeliveries`, { eventId: randomUUID() })).status).toBe(404);
      expect((await call('POST', `${at}/redeliveries`, { eventId: first.id })).body).toEqual({ ok: true, status: 204, error: null, attempt: 2 });
      expect(received).toEqual([first.id, second.id, first.id]);
      const log = (await call('GET', `${at}/deliveries?limit=10`)).body.items;
      expect(log.map((entry: { eventId: string; redelivery: boolean }) => [entry.eventId, entry.redelivery])).toEqual([
        [first.id, true],
        [second.id, false],
        [first.id, false],
      ]);
    } finally {
      await store.close();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      await service.shutdown('test');
    }
    expect(process.exit).toHaveBeenCalledWith(0);
  });
});
