import { randomUUID } from 'node:crypto';
import { isRedacted, journeyStream } from '@ejp/contracts';
import { openShreddingEventStore } from '@ejp/eventstore';
import { headersAsStrings } from '@ejp/messaging';
import { signDevToken } from '@ejp/service-kit';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startDistributed, TEST_MASTER_KEY } from './support/distributed.ts';
import { expectStatus, httpClient } from './support/http.ts';
import { createE2eInfra, infraAvailable, mongoUrl } from './support/infra.ts';
import { hireBody } from './support/journey.ts';
import { tapTopic } from './support/kafka-tap.ts';
import { killLeftovers } from './support/service-process.ts';

// The right to erasure end to end on the real servers: after HR erases an
// employee, their distinctive name, email and words are found nowhere: not in
// the event store tables, the key store, the read models, the Kafka payloads
// or the logs of any process, and not even through the key store with the
// deployment's own master key.
const SECRET = 'e2e-erasure-secret-of-at-least-32-characters';
const infra = infraAvailable ? await createE2eInfra('e2e_erasure') : undefined;
afterEach(() => killLeftovers());

const GIVEN = 'Zenobia';
const FAMILY = 'Quillfeather-Marchetti';
const WORDS = 'Zenobia would love a standing desk';

async function postgresDump(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ schema: string; name: string }>(
      "SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
    );
    const dumps: string[] = [];
    for (const { schema, name } of tables.rows) {
      const { rows } = await client.query(`SELECT * FROM "${schema}"."${name}"`);
      // bytea as latin1, so a key or plaintext in a binary column would show too.
      dumps.push(JSON.stringify(rows, (_k, v) => (v?.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : typeof v === 'bigint' ? String(v) : v)));
    }
    return dumps.join('\n');
  } finally {
    await client.end();
  }
}

async function mongoDump(database: string): Promise<string> {
  const client = new MongoClient(mongoUrl());
  await client.connect();
  try {
    const db = client.db(database);
    const dumps: string[] = [];
    for (const { name } of await db.listCollections().toArray()) dumps.push(JSON.stringify(await db.collection(name).find().toArray()));
    return dumps.join('\n');
  } finally {
    await client.close();
  }
}

describe.runIf(infraAvailable)('right to erasure, distributed, on real servers', () => {
  it('erases over HTTP, is audited, tells Kafka consumers, and leaves the plaintext nowhere', async () => {
    const { brokers, topic, mongoDatabase, databaseUrl } = infra!;
    const services = await startDistributed({
      databaseUrl,
      kafkaBrokers: brokers,
      topic,
      groupId: `${topic}_projector`,
      mongoUrl: mongoUrl(),
      mongoDatabase,
      authSecret: SECRET,
      journeyApiEnv: { READ_WAIT_TIMEOUT_MS: '15000', READ_WAIT_POLL_MS: '10' },
    });
    const tap = await tapTopic(brokers, topic);
    const hr = await signDevToken({ secret: SECRET, subject: 'hr-erasing', roles: ['hr'] });
    const admin = await signDevToken({ secret: SECRET, subject: 'admin-1', roles: ['admin'] });
    const onboard = httpClient(services.onboarding.url, hr);
    const journeys = httpClient(services.journeyApi.url, hr);
    const employeeId = randomUUID();
    const base = `/employees/${employeeId}`;
    const email = `zenobia.${employeeId.slice(0, 8)}@quillfeather.example`;
    const secrets = [GIVEN, FAMILY, email, WORDS];

    expectStatus(await onboard.post('/employees', { ...hireBody(employeeId), givenName: GIVEN, familyName: FAMILY, email }), 201, 'hire');
    expectStatus(await onboard.post(`${base}/onboarding/welcome`, { message: `Welcome, ${GIVEN}!` }), 200, 'welcome');
    expectStatus(await onboard.post(`${base}/onboarding/check-ins`, { day: 30, rating: 4, notes: WORDS }), 200, 'check-in');
    // Before the erasure the owner's key still decrypts: what the erasure must take away.
    const owner = { EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: databaseUrl, KEYSTORE_MASTER_KEY: TEST_MASTER_KEY } as const;
    const readDecrypted = async () => {
      const closers: (() => Promise<void> | void)[] = [];
      const { store } = await openShreddingEventStore(owner, { add: (_n, close) => closers.push(close) });
      try {
        return await store.readStream(journeyStream(employeeId));
      } finally {
        for (const close of closers.reverse()) await close();
      }
    };
    expect(JSON.stringify((await readDecrypted()).map((e) => e.data))).toContain(WORDS);

    const erased = expectStatus(await onboard.post(`${base}/erasure`, { reason: 'employee-request' }), 200, 'erase');
    const revision = Number(erased.revision);

    // Read models: the journey keeps its redaction marker, the timeline the audited event.
    const journey = expectStatus(await journeys.get(`${base}/journey?minRevision=${revision}`), 200, 'journey');
    expect(journey.erasedAt).toEqual(expect.any(String));
    const timeline = expectStatus(await journeys.get(`${base}/timeline?minRevision=${revision}`), 200, 'timeline');
    expect(timeline.items.at(-1)).toMatchObject({ type: 'journey.employee.erased', title: 'Personal data erased', data: { reason: 'employee-request' } });
    // The audit trail lists it for admins, with who did it.
    const audit = expectStatus(await httpClient(services.journeyApi.url, admin).get(`/audit-trail?subject=${employeeId}`), 200, 'audit trail');
    expect(audit.items).toEqual([expect.objectContaining({ action: 'erasure', actorId: 'hr-erasing', subject: employeeId, data: { reason: 'employee-request' } })]);
    expect((await journeys.get('/audit-trail')).status).toBe(403);

    // Kafka: the lifecycle event that tells every consumer to delete what it holds, keyed by the employee.
    const announced = await tap.waitFor((m) => headersAsStrings(m.headers).ce_type === 'journey.employee.erased', 'the erasure on Kafka');
    expect(announced.key).toBe(employeeId);
    expect(headersAsStrings(announced.headers)).toMatchObject({ ce_subject: employeeId, ce_source: '/ejp/onboarding' });
    expect(JSON.parse(announced.value.toString())).toEqual({ reason: 'employee-request' });

    // Further commands: 410, nothing recorded.
    const later = await onboard.post(`${base}/onboarding/check-ins`, { day: 60, rating: 5 });
    expect(later.status).toBe(410);
    expect(later.body.code).toBe('EJP_SUBJECT_ERASED');

    // The plaintext is nowhere: event store and key store tables, read models, Kafka payloads and headers, logs.
    const kafka = tap.messages.map((m) => `${m.key} ${m.value.toString('latin1')} ${JSON.stringify(headersAsStrings(m.headers))}`).join('\n');
    expect(tap.messages.length).toBeGreaterThanOrEqual(6);
    const places = {
      postgres: await postgresDump(databaseUrl),
      mongo: await mongoDump(mongoDatabase),
      kafka,
      logs: [services.onboarding, services.relay, services.projector, services.journeyApi].map((s) => s.output()).join('\n'),
    };
    for (const [place, text] of Object.entries(places)) {
      expect(text, `${place} holds the employee`).toContain(employeeId); // the checks look where the employee's data went
      for (const secret of secrets) expect(text, `${place} holds "${secret}"`).not.toContain(secret);
    }
    // Even with the deployment's master key nothing decrypts: the data key is gone.
    const after = await readDecrypted();
    expect(JSON.stringify(after.map((e) => e.data))).not.toMatch(new RegExp(secrets.join('|')));
    expect([after[0]!.data.givenName, after[0]!.data.email].every(isRedacted)).toBe(true);

    await tap.stop();
    expect(await services.stopAll()).toEqual({ 'journey-api': 0, projector: 0, relay: 0, onboarding: 0 });
  }, 120_000);
});
