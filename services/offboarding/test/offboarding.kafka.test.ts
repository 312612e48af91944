import { journeyStream } from '@ejp/contracts';
import { SqliteCheckpointStore } from '@ejp/eventstore';
import { headersAsStrings, openKafkaClient, Relay, SqliteLeaseStore } from '@ejp/messaging';
import { createTestTopic, findServer, testKafka, uniqueName, urlOf } from '@ejp/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccessRemovalScheduler } from '../src/access-removal-scheduler.ts';
import { employeeId, hireAndStart, lastDay, startTestApp, type TestApp, url } from './http/support.ts';

const kafkaServer = await findServer('kafka');

interface Received {
  key: string;
  headers: Record<string, string>;
  value: string;
}

/** A kafkajs consumer of our own (a deprovisioning service, say), reading the topic from its start until `types` were all seen. */
async function consumeUntil(brokers: string, topic: string, types: readonly string[], timeoutMs = 20_000): Promise<Received[]> {
  const consumer = testKafka(brokers).consumer({ groupId: uniqueName('deprovisioning'), maxWaitTimeInMs: 100 });
  const received: Received[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push({ key: message.key?.toString() ?? '', headers: headersAsStrings(message.headers ?? {}), value: message.value?.toString() ?? '' });
          if (types.every((type) => received.some((m) => m.headers.ce_type === type))) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

describe.runIf(kafkaServer.available)('offboarding events on a real broker', () => {
  it('reach a Kafka consumer through the relay with CloudEvents headers: access-removal-due on the last day, then departed', async () => {
    const brokers = urlOf(kafkaServer);
    const topic = await createTestTopic(brokers, 'offboarding');
    t = await startTestApp();
    // Commands through the routes, the scheduler on a pinned clock: the event store holds the story.
    await hireAndStart(t);
    for (const task of ['knowledge-transfer', 'equipment-return', 'access-removal']) await t.post(url(`/offboarding/tasks/${task}/complete`), 'hr');
    const scheduler = createAccessRemovalScheduler({ store: t.store, handler: t.handler, clock: () => t.clock.now, checkEveryMs: 3_600_000 });
    await scheduler.start();
    t.clock.set(`${lastDay}T00:00:05Z`);
    expect(await scheduler.runDue()).toEqual([employeeId]);
    await scheduler.stop();
    t.clock.set(`${lastDay}T17:00:00Z`);
    expect((await t.post(url('/departure'), 'hr', { override: { reason: 'Leaves at 5pm; farewell skipped' } })).statusCode).toBe(200);
    const stored = await t.raw.readStream(journeyStream(employeeId));

    // The relay publishes the RAW store (personal fields stay encrypted) to the topic.
    const checkpoints = new SqliteCheckpointStore({ path: t.file });
    const leases = new SqliteLeaseStore({ path: t.file });
    const relay = new Relay({ store: t.raw, checkpoints, leases, kafka: openKafkaClient({ brokers, clientId: uniqueName('offboarding'), quiet: true }), topic, relayId: topic, lease: { ttlMs: 1_500, renewEveryMs: 300 }, fenceMarginMs: 300 });
    await relay.start();
    let received: Received[];
    try {
      received = await consumeUntil(brokers, topic, ['journey.offboarding.access-removal-due', 'journey.employee.departed']);
    } finally {
      await relay.stop();
      await checkpoints.close();
      await leases.close();
    }

    expect(received).toHaveLength(stored.length);
    for (const type of ['journey.offboarding.access-removal-due', 'journey.employee.departed']) {
      const event = stored.find((e) => e.type === type)!;
      const message = received.find((m) => m.headers.ce_type === type)!;
      expect(message.key).toBe(employeeId);
      expect(message.headers).toMatchObject({
        ce_specversion: '1.0',
        ce_id: event.id,
        ce_type: type,
        ce_subject: employeeId,
        ce_streamrevision: event.revision.toString(),
        ce_dataversion: '1',
        'content-type': 'application/json',
      });
      expect(Object.keys(message.headers)).toEqual(expect.arrayContaining(['ce_source', 'ce_time', 'ce_correlationid', 'ce_causationid', 'ce_globalposition']));
    }
    const due = received.find((m) => m.headers.ce_type === 'journey.offboarding.access-removal-due')!;
    expect(JSON.parse(due.value)).toEqual({ dueOn: lastDay });
    // Announced by the scheduler, caused by the start of the offboarding, before the departure in the partition's order.
    const started = stored.find((e) => e.type === 'journey.offboarding.started')!;
    expect(due.headers.ce_causationid).toBe(started.id);
    const departed = received.find((m) => m.headers.ce_type === 'journey.employee.departed')!;
    expect(BigInt(departed.headers.ce_streamrevision!)).toBeGreaterThan(BigInt(due.headers.ce_streamrevision!));
    expect(JSON.parse(departed.value)).toMatchObject({ kind: 'resignation', voluntary: true, lastDay, departedOn: lastDay });
    // The override's reason is personal data: on Kafka only as ciphertext.
    expect(departed.value).not.toContain('farewell skipped');
  }, 60_000);
});
