import { createTestTopic, findServer, testKafka, uniqueName, urlOf } from '@ejp/testkit';
import { describe, expect, it } from 'vitest';
import {
  DEAD_LETTER_HEADERS as H,
  headersAsStrings,
  type JourneyEnvelope,
  type JourneyEventHandler,
  KafkaConsumerRuntime,
  toKafkaMessage,
} from '../src/index.ts';
import { taskCompleted } from './support/envelopes.ts';
import { IdempotentProjection } from './support/idempotent-projection.ts';
import { adapters, clientOf } from './support/kafka-clients.ts';
import { eventually, readTopic } from './support/kafka-read.ts';

const kafkaServer = await findServer('kafka');

/** Records what it handled; `fail` decides which events throw. */
class Recorder implements JourneyEventHandler {
  readonly name: string;
  readonly handled: JourneyEnvelope[] = [];
  readonly fail: (e: JourneyEnvelope) => boolean;
  constructor(name: string, fail: (e: JourneyEnvelope) => boolean = () => false) {
    this.name = name;
    this.fail = fail;
  }
  async handle(events: readonly JourneyEnvelope[]): Promise<void> {
    const bad = events.find(this.fail);
    if (bad) throw new Error(`cannot apply ${bad.eventId}`);
    this.handled.push(...events);
  }
}

const fastRetry = { attempts: 3, initialMs: 10, maxMs: 20 };
/** Short fetch waits and heartbeats: joins and rebalances settle in well under a second. */
const consumerConfig = { maxWaitMs: 100, heartbeatIntervalMs: 300, sessionTimeoutMs: 6_000, rebalanceTimeoutMs: 3_000 };

// Seeded and read back with a plain kafkajs client (another program on the topic); the runtime consumes through each adapter.
describe.runIf(kafkaServer.available).each(adapters)('Kafka consumer runtime (%s)', (adapter) => {
  const brokers = kafkaServer.available ? urlOf(kafkaServer) : '';
  const kafka = testKafka(brokers);
  const client = clientOf(adapter, brokers);

  it('dead-letters a poison message and an undecodable one; the partition moves on and commits to the end', async () => {
    const topic = await createTestTopic(brokers, 'consumer_poison', 1);
    const dlq = await createTestTopic(brokers, 'consumer_poison_dlq', 1);
    const events = [0, 1, 2, 3, 4].map((r) => taskCompleted('emp-poison', r));
    const poison = events[2]!;
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        toKafkaMessage(events[0]!),
        toKafkaMessage(events[1]!),
        { key: 'emp-poison', value: 'not a cloud event', headers: { 'x-trace': 'kept' } },
        ...events.slice(2).map(toKafkaMessage),
      ],
    });
    await producer.disconnect();

    const handler = new Recorder(uniqueName('poison'), (e) => e.eventId === poison.eventId);
    const runtime = new KafkaConsumerRuntime({ kafka: client, topic, deadLetterTopic: dlq, handler, retry: fastRetry, consumerConfig });
    expect(await runtime.lag()).toEqual([{ partition: 0, lag: 6 }]);
    await runtime.start();
    await eventually(async () => (await runtime.lag())[0]!.lag === 0, 'the group to commit the whole partition');
    await runtime.stop();

    expect(handler.handled.map((e) => e.revision)).toEqual(['0', '1', '3', '4']);
    const dead = await readTopic(kafka, dlq, { count: 2 });
    const [garbage, failed] = dead.sort((x, y) => Number(headersAsStrings(x.headers)[H.offset]) - Number(headersAsStrings(y.headers)[H.offset]));
    expect(garbage!.value.toString()).toBe('not a cloud event');
    expect(headersAsStrings(garbage!.headers)).toMatchObject({ 'x-trace': 'kept', [H.attempts]: '1', [H.topic]: topic, [H.partition]: '0', [H.offset]: '2' });
    expect(headersAsStrings(garbage!.headers)[H.error]).toMatch(/NotAJourneyEventError/);
    // The original message exactly (key, value, ce_ headers), plus why: after the batch's 3 tries and one alone.
    const original = toKafkaMessage(poison);
    expect(failed!.key).toBe(original.key);
    expect(failed!.value.equals(original.value as Buffer)).toBe(true);
    expect(headersAsStrings(failed!.headers)).toMatchObject({ ...original.headers, [H.attempts]: '4', [H.offset]: '3' });
    expect(headersAsStrings(failed!.headers)[H.error]).toContain(`cannot apply ${poison.eventId}`);
  });

  it('commits nothing past a poison message whose dead letter cannot be sent yet, and goes on once it can', async () => {
    const topic = await createTestTopic(brokers, 'consumer_dlq_down', 1);
    const dlq = uniqueName('consumer_dlq_later'); // does not exist yet: every dead-letter send fails
    const events = [0, 1, 3, 4].map((r) => taskCompleted('emp-dlq-down', r));
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [...events.slice(0, 2).map(toKafkaMessage), { key: 'emp-dlq-down', value: 'garbage' }, ...events.slice(2).map(toKafkaMessage)] });
    await producer.disconnect();

    const handler = new Recorder(uniqueName('dlq_down'));
    const runtime = new KafkaConsumerRuntime({ kafka: client, topic, deadLetterTopic: dlq, handler, retry: fastRetry, consumerConfig });
    await runtime.start();
    await eventually(() => handler.handled.length >= 4, 'the good events handled');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await runtime.lag()).toEqual([{ partition: 0, lag: 5 }]); // the poison's chunk stays uncommitted

    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: dlq, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();
    await eventually(async () => (await runtime.lag())[0]!.lag === 0, 'the partition committed once the dead letter is out', 45_000);
    await runtime.stop();
    const dead = await readTopic(kafka, dlq, { count: 1 });
    expect(dead.map((m) => m.value.toString())).toEqual(['garbage']);
    expect(new Set(handler.handled.map((e) => e.revision))).toEqual(new Set(['0', '1', '3', '4'])); // at least once
    const cleanup = kafka.admin();
    await cleanup.connect();
    await cleanup.deleteTopics({ topics: [dlq] });
    await cleanup.disconnect();
  });

  it('commits only what the handler finished: a member stopped mid-retry leaves the event to the next one', async () => {
    const topic = await createTestTopic(brokers, 'consumer_commit', 1);
    const events = [0, 1, 2].map((r) => taskCompleted('emp-commit', r));
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: events.map(toKafkaMessage) });
    await producer.disconnect();

    const groupId = uniqueName('commit_group');
    let attempts = 0;
    const stuck = new Recorder('stuck', (e) => e.revision === '1' && ++attempts > 0);
    const first = new KafkaConsumerRuntime({ kafka: client, topic, groupId, handler: stuck, maxBatchSize: 1, retry: { attempts: 10, initialMs: 60_000 }, consumerConfig });
    await first.start();
    await eventually(() => attempts > 0, 'the handler to fail on revision 1');
    await first.stop(); // returns promptly: the 60 s backoff is cut short, nothing committed for revision 1
    expect(stuck.handled.map((e) => e.revision)).toEqual(['0']);
    expect(await first.lag()).toEqual([{ partition: 0, lag: 2 }]);

    const healthy = new Recorder('healthy');
    const second = new KafkaConsumerRuntime({ kafka: client, topic, groupId, handler: healthy, consumerConfig });
    await second.start();
    await eventually(() => healthy.handled.length >= 2, 'the next member to handle the rest');
    await second.stop();
    expect(healthy.handled.map((e) => e.revision)).toEqual(['1', '2']);
  });

  it('splits the partitions between two members of a group and keeps each key in order', async () => {
    const topic = await createTestTopic(brokers, 'consumer_group', 4);
    const groupId = uniqueName('split_group');
    const one = new Recorder('one');
    const two = new Recorder('two');
    const members = [one, two].map((handler) => new KafkaConsumerRuntime({ kafka: client, topic, groupId, handler, maxBatchSize: 7, consumerConfig }));
    for (const m of members) await m.start();
    await eventually(
      () => members.every((m) => m.assignedPartitions.length === 2),
      'both members to own two partitions each',
    );
    expect([...members[0]!.assignedPartitions, ...members[1]!.assignedPartitions].sort()).toEqual([0, 1, 2, 3]);

    const keys = Array.from({ length: 16 }, (_, i) => `emp-${i}`);
    const producer = kafka.producer();
    await producer.connect();
    for (let revision = 0; revision < 10; revision++) {
      await producer.send({ topic, messages: keys.map((k) => toKafkaMessage(taskCompleted(k, revision))) });
    }
    await producer.disconnect();
    await eventually(() => one.handled.length + two.handled.length >= 160, 'all 160 events handled');
    for (const m of members) await m.stop();

    expect(one.handled.length).toBeGreaterThan(0);
    expect(two.handled.length).toBeGreaterThan(0);
    for (const key of keys) {
      const byOne = one.handled.filter((e) => e.stream === `journey-${key}`).map((e) => e.revision);
      const byTwo = two.handled.filter((e) => e.stream === `journey-${key}`).map((e) => e.revision);
      expect(byOne.length === 0 || byTwo.length === 0, `${key} handled by one member only`).toBe(true);
      expect([...byOne, ...byTwo]).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    }
  });

  it('survives rebalances mid-stream (a member joins, another leaves): nothing lost, per-key order kept', async () => {
    const topic = await createTestTopic(brokers, 'consumer_rebalance', 4);
    const groupId = uniqueName('rebalance_group');
    const readModel = new IdempotentProjection('read-model'); // one shared store, as two projector pods would have
    const slow: JourneyEventHandler = {
      name: 'slow',
      handle: async (events) => {
        await new Promise((r) => setTimeout(r, 5));
        await readModel.handle(events);
      },
    };
    const member = () => new KafkaConsumerRuntime({ kafka: client, topic, groupId, handler: slow, maxBatchSize: 5, consumerConfig });
    const keys = Array.from({ length: 12 }, (_, i) => `emp-r${i}`);
    const producer = kafka.producer();
    await producer.connect();
    const produce = async (from: number, to: number) => {
      for (let revision = from; revision < to; revision++) {
        await producer.send({ topic, messages: keys.map((k) => toKafkaMessage(taskCompleted(k, revision))) });
      }
    };
    await produce(0, 10);
    const first = member();
    await first.start();
    await eventually(() => readModel.effects.length > 20, 'the first member to be consuming');
    const second = member();
    await second.start(); // rebalance while the first is mid-stream
    await produce(10, 20);
    await eventually(() => second.assignedPartitions.length > 0 && readModel.effects.length > 150, 'the second member to take partitions');
    await first.stop(); // clean leave: its partitions move to the second
    await produce(20, 25);
    await eventually(() => readModel.effects.length >= keys.length * 25, 'every event applied', 30_000);
    await second.stop();
    await producer.disconnect();

    for (const key of keys) {
      const applied = readModel.effects.filter((e) => e.stream === `journey-${key}`).map((e) => Number(e.revision));
      expect(applied).toEqual(Array.from({ length: 25 }, (_, i) => i)); // the projection also throws on any gap
    }
    expect(await second.lag()).toEqual([0, 1, 2, 3].map((partition) => ({ partition, lag: 0 })));
  });
});
