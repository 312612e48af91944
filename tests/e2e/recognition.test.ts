import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromKafkaMessage, headersAsStrings } from '@ejp/messaging';
import { signDevToken } from '@ejp/service-kit';
import { createTestDatabase, createTestTopic, findServer, testKafka, uniqueName, urlOf } from '@ejp/testkit';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { TEST_MASTER_KEY } from './support/distributed.ts';
import { expectStatus, httpClient } from './support/http.ts';
import { hireBody } from './support/journey.ts';
import { type KafkaTap, tapTopic } from './support/kafka-tap.ts';
import { killLeftovers, startService } from './support/service-process.ts';

// The recognition write side in the distributed shape: the recognition and
// onboarding services as processes on one PostgreSQL event store, the relay
// publishing to Kafka, and a consumer of the test's own reading the topic as
// any other platform service would. Under REQUIRE_INFRA=1 a missing server fails the file.
const postgres = await findServer('postgres');
const kafka = await findServer('kafka');
const available = postgres.available && kafka.available;
const SECRET = 'e2e-recognition-secret-of-at-least-32-chars';

// At the top level: testkit registers each resource's cleanup with afterAll as it creates it.
const infra = available ? await createInfra() : undefined;

async function createInfra() {
  const brokers = urlOf(kafka);
  const topic = await createTestTopic(brokers, 'e2e_recognition');
  afterAll(async () => {
    const admin = testKafka(brokers).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [`${topic}.dlq`] }).catch(() => undefined);
    await admin.disconnect();
  });
  return { brokers, topic, databaseUrl: await createTestDatabase(urlOf(postgres), 'e2e_recognition') };
}

const running: { tap?: KafkaTap } = {};
afterEach(async () => {
  await running.tap?.stop();
  killLeftovers();
});

const token = (subject: string, roles: string[]) => signDevToken({ secret: SECRET, subject, roles });

describe.runIf(available)('recognition on real servers: service -> PostgreSQL -> relay -> Kafka', () => {
  it('publishes a give keyed by the giver with CloudEvents headers, then its withdrawal', async () => {
    const { brokers, topic, databaseUrl } = infra!;
    const auth = { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET };
    const eventStore = { EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: databaseUrl, KEYSTORE_MASTER_KEY: TEST_MASTER_KEY };
    // Onboarding first: it creates the event-store schema the others then share (no DDL race).
    // No projector here: onboarding's access check reads an empty read store of the test's own (HR needs no relation).
    const readStore = { READSTORE_URL: join(tmpdir(), `${uniqueName('e2e_recognition_rm')}.db`) };
    const onboarding = await startService('onboarding', { ...auth, ...eventStore, ...readStore });
    const [recognition, relay] = await Promise.all([
      startService('recognition', { ...auth, ...eventStore, ORG_ID: 'northwind', ORG_TIMEZONE: 'Europe/Lisbon' }),
      startService('relay', { ...auth, ...eventStore, KAFKA_BROKERS: brokers, RELAY_TOPIC: topic, RELAY_TOPIC_PARTITIONS: '3', RELAY_TOPIC_REPLICATION_FACTOR: '1' }),
    ]);
    running.tap = await tapTopic(brokers, topic);
    const tap = running.tap;

    const hr = httpClient(onboarding.url, await token(randomUUID(), ['hr']));
    const [giver, recipient] = [randomUUID(), randomUUID()];
    for (const id of [giver, recipient]) expectStatus(await hr.post('/employees', hireBody(id)), 201, `hire ${id}`);
    const admin = httpClient(recognition.url, await token('admin-1', ['admin']));
    expectStatus(await admin.post('/organisation/values', { valueId: 'ownership', name: 'Ownership' }), 201, 'add value');

    // Auth is on: no token, no recognition.
    expect((await httpClient(recognition.url).post('/recognitions', {})).status).toBe(401);
    const asGiver = httpClient(recognition.url, await token(giver, ['employee']));
    const message = 'Thank you for the calm on-call night!';
    const given = expectStatus(
      await asGiver.post('/recognitions', { recipientIds: [recipient], values: ['ownership'], message, pointsPerRecipient: 20 }),
      201,
      'give',
    );
    const { recognitionId } = given;

    const typed = (type: string) => (m: { headers: Parameters<typeof headersAsStrings>[0] }) => headersAsStrings(m.headers).ce_type === type;
    const givenMessage = await tap.waitFor(typed('journey.recognition.given'), 'journey.recognition.given');
    // Keyed by the giver (the stream's subject): every event of one giver lands on one partition, in order.
    expect(givenMessage.key).toBe(giver);
    const headers = headersAsStrings(givenMessage.headers);
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_type: 'journey.recognition.given',
      ce_source: '/ejp/recognition',
      ce_subject: giver,
      ce_stream: `journey-${giver}`,
      ce_dataversion: '1',
      ce_actorid: giver,
    });
    // The one decoder every consumer uses accepts it: CloudEvents attributes and the envelope both validate.
    const envelope = fromKafkaMessage({ key: givenMessage.key, value: givenMessage.value, headers: givenMessage.headers });
    expect(envelope).toMatchObject({ type: 'journey.recognition.given', stream: `journey-${giver}`, revision: '2' });
    expect(envelope.data).toMatchObject({ recognitionId, recipientIds: [recipient], pointsPerRecipient: 20, values: ['ownership'] });
    // The giver's message left the event store encrypted: Kafka never carries it in clear.
    expect(givenMessage.value.toString()).not.toContain('on-call');

    expectStatus(await asGiver.post(`/employees/${giver}/recognitions/${recognitionId}/withdrawal`), 200, 'withdraw');
    const withdrawn = await tap.waitFor(typed('journey.recognition.withdrawn'), 'journey.recognition.withdrawn');
    expect(withdrawn.key).toBe(giver);
    expect(withdrawn.partition).toBe(givenMessage.partition);
    expect(fromKafkaMessage({ key: withdrawn.key, value: withdrawn.value, headers: withdrawn.headers })).toMatchObject({
      type: 'journey.recognition.withdrawn',
      revision: '3',
      data: { recognitionId, returned: { allowance: 20, boost: 0 } },
    });

    // The organisation's settings are published too, keyed by the organisation.
    const value = await tap.waitFor(typed('organisation.company-value.added'), 'organisation.company-value.added');
    expect(value.key).toBe('northwind');
    expect(headersAsStrings(value.headers)).toMatchObject({ ce_stream: 'organisation-northwind', ce_actorid: 'admin-1' });

    const codes = await Promise.all([relay, recognition, onboarding].map((service) => service.stop()));
    expect(codes).toEqual([0, 0, 0]);
  });
});
