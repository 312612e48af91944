import { randomUUID } from 'node:crypto';
import { signDevToken } from '@ejp/service-kit';
import { uniqueName } from '@ejp/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { startDistributed } from './support/distributed.ts';
import { expectStatus, httpClient } from './support/http.ts';
import { createE2eInfra, infraAvailable, mongoUrl } from './support/infra.ts';
import { hireBody } from './support/journey.ts';
import { killLeftovers } from './support/service-process.ts';

// Personal details on request in the distributed shape: onboarding answers a
// scoped service account and refuses one without the scope; both requests
// reach the audit trail the way every audited event does, through the relay,
// Kafka and the projector, and admins read them at the journey API.
const SECRET = 'e2e-personal-details-secret-32-characters';
const infra = infraAvailable ? await createE2eInfra('e2e_details') : undefined;
afterEach(() => killLeftovers());

describe.runIf(infraAvailable)('personal details on request, distributed, on real servers', () => {
  it('answers the scoped bot, refuses the unscoped one with 403, and the audit trail lists both via Kafka', async () => {
    const { brokers, topic, mongoDatabase, databaseUrl } = infra!;
    const services = await startDistributed({
      databaseUrl, kafkaBrokers: brokers, topic, groupId: uniqueName('e2e_details_projector'), mongoUrl: mongoUrl(), mongoDatabase, authSecret: SECRET,
    });
    const token = (subject: string, roles: string[], scope?: string) => signDevToken({ secret: SECRET, subject, roles, ...(scope ? { scope } : {}) });
    const onboard = httpClient(services.onboarding.url, await token(randomUUID(), ['hr']));
    const employeeId = randomUUID();
    const body = hireBody(employeeId);
    expectStatus(await onboard.post('/employees', body), 201, 'hire');

    const path = `/employees/${employeeId}/personal-details?purpose=account-provisioning`;
    const bot = httpClient(services.onboarding.url, await token('it-bot', ['service'], 'personal-data:contact'));
    expect(expectStatus(await bot.get(path), 200, 'details')).toEqual({
      employeeId, fields: ['givenName', 'familyName', 'email'], givenName: body.givenName, familyName: body.familyName, email: body.email,
    });
    const nosy = httpClient(services.onboarding.url, await token('chat-bot', ['service'], 'tasks:it'));
    expectStatus(await nosy.get(path), 403, 'no scope');

    const admin = httpClient(services.journeyApi.url, await token('admin-1', ['admin']));
    const deadline = Date.now() + 30_000;
    let items: { actorId: string; data: { outcome: string } }[] = [];
    while (Date.now() < deadline && items.length < 2) {
      items = expectStatus(await admin.get(`/audit-trail?action=personal-data-request&subject=${employeeId}`), 200, 'audit trail').items;
      if (items.length < 2) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(items.map((entry) => [entry.actorId, entry.data.outcome]).sort()).toEqual([
      ['chat-bot', 'refused'],
      ['it-bot', 'disclosed'],
    ]);
    expect(JSON.stringify(items)).not.toContain(body.email);
    expect(await services.stopAll()).toEqual({ 'journey-api': 0, projector: 0, relay: 0, onboarding: 0 });
  }, 120_000);
});
