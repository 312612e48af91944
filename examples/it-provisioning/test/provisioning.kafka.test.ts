import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DisclosureStreams, isoDay } from '@ejp/contracts';
import { openSqliteEventStore } from '@ejp/eventstore';
import { startOffboarding } from '@ejp/offboarding';
import { startOnboarding } from '@ejp/onboarding';
import { buildRelayApp, relayConfigSchema } from '@ejp/relay';
import { runService, signDevToken } from '@ejp/service-kit';
import { createTestTopic, findServer, testKafka, uniqueName, urlOf } from '@ejp/testkit';
import type { CloudEventV1 } from 'cloudevents';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AccountList, personalDetailsClient, Provisioner } from '../src/index.ts';

const kafkaServer = await findServer('kafka');
const SECRET = 'it-provisioning-example-secret-32-chars-min';
const topic = kafkaServer.available ? await createTestTopic(urlOf(kafkaServer), 'it_provisioning') : '';
const dir = await mkdtemp(join(tmpdir(), 'ejp-it-provisioning-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const json = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
const post = async (url: string, token: string, body: unknown) => fetch(url, { method: 'POST', headers: json(token), body: JSON.stringify(body) });

describe.runIf(kafkaServer.available)('the IT provisioning example on the real broker', () => {
  it('provisions an account on hire from the fields its scope allows, removes it on departure, and a bot without the scope is refused and audited', async () => {
    const brokers = urlOf(kafkaServer);
    const file = join(dir, 'events.db');
    const process = { on: () => undefined, exit: vi.fn() };
    // The platform, distributed in one test process: onboarding, offboarding and the relay on one event store file.
    const env = { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', EVENTSTORE_URL: file, READSTORE_URL: join(dir, 'read.db') };
    const onboarding = await startOnboarding({ env, process });
    const offboarding = await startOffboarding({ env: { ...env, ACCESS_REMOVAL_CHECK_SECONDS: '1' }, process });
    const relay = await runService({ name: 'relay', configSchema: relayConfigSchema, build: buildRelayApp, env: { ...env, KAFKA_BROKERS: brokers, RELAY_TOPIC: topic }, process });

    const hr = await signDevToken({ secret: SECRET, subject: 'hr-1', roles: ['hr'] });
    const botToken = await signDevToken({ secret: SECRET, subject: 'it-bot', roles: ['service'], scope: 'tasks:it personal-data:contact' });
    const accounts = new AccountList();
    const handled: CloudEventV1<unknown>[] = [];
    const fetched: Record<string, unknown>[] = [];
    const fetchDetails = personalDetailsClient({ baseUrl: onboarding.url, token: () => botToken, purpose: 'account-provisioning' });
    const bot = new Provisioner({
      kafka: testKafka(brokers),
      topic,
      groupId: uniqueName('it_provisioning_bot'),
      accounts,
      details: async (id) => {
        const details = await fetchDetails(id);
        fetched.push({ ...details });
        return details;
      },
      onHandled: (event) => handled.push(event),
    });
    await bot.start();
    try {
      const employeeId = crypto.randomUUID();
      const hire = {
        employeeId, givenName: 'Grace', familyName: 'Hopper', email: `grace.${employeeId.slice(0, 8)}@example.com`,
        department: 'Engineering', role: 'Admiral', level: 'L9', managerId: null, location: 'Arlington', startDate: isoDay(new Date(Date.now() - 35 * 86_400_000)),
      };
      expect((await post(`${onboarding.url}/employees`, hr, hire)).status).toBe(201);
      await vi.waitFor(() => expect(accounts.get(employeeId)).toEqual({ employeeId, email: hire.email, displayName: 'Grace Hopper', status: 'active' }), { timeout: 30_000, interval: 100 });
      // The contact set and nothing else: no department, role or location came with it.
      expect(fetched).toEqual([{ employeeId, fields: ['givenName', 'familyName', 'email'], givenName: 'Grace', familyName: 'Hopper', email: hire.email }]);
      const hired = handled.find((event) => event.type === 'journey.employee.hired')!;
      // On Kafka the name stays ciphertext; the CloudEvent links its schema.
      expect(JSON.stringify(hired.data)).not.toContain('Grace');
      expect(hired.dataschema).toBe('http://relay:3000/schemas/events/journey.employee.hired.v2.json');

      // A bot whose token lacks the scope is refused, and the attempt is in the employee's audited requests.
      const nosy = await signDevToken({ secret: SECRET, subject: 'chat-bot', roles: ['service'], scope: 'tasks:it' });
      const refused = await fetch(`${onboarding.url}/employees/${employeeId}/personal-details?purpose=greeting`, { headers: { authorization: `Bearer ${nosy}` } });
      expect(refused.status).toBe(403);
      const store = await openSqliteEventStore({ path: file });
      const requests = (await store.readStream(DisclosureStreams.streamOf(employeeId))).map((e) => [e.metadata.actor, e.data.outcome, e.data.purpose]);
      await store.close();
      expect(requests).toEqual([
        [{ id: 'it-bot', kind: 'service' }, 'disclosed', 'account-provisioning'],
        [{ id: 'chat-bot', kind: 'service' }, 'refused', 'greeting'],
      ]);

      // Terminated today: the departure, then the access removal the scheduler announces, delete the account.
      const base = `${offboarding.url}/employees/${employeeId}`;
      const start = { kind: 'termination', voluntary: false, regrettable: false, lastDay: isoDay(new Date()), initiatedBy: 'hr' };
      expect((await post(`${base}/offboarding`, hr, start)).status).toBe(201);
      for (const task of ['knowledge-transfer', 'equipment-return', 'access-removal']) expect((await post(`${base}/offboarding/tasks/${task}/complete`, hr, {})).status).toBe(200);
      expect((await post(`${base}/departure`, hr, {})).status).toBe(200);
      await vi.waitFor(
        () => expect(handled.map((event) => event.type)).toEqual(expect.arrayContaining(['journey.employee.departed', 'journey.offboarding.access-removal-due'])),
        { timeout: 30_000, interval: 100 },
      );
      expect(accounts.get(employeeId)).toBeUndefined();
      expect(fetched).toHaveLength(1); // only the hire needed details
    } finally {
      await bot.stop();
      await relay.shutdown('test');
      await offboarding.shutdown('test');
      await onboarding.shutdown('test');
    }
  });
});
