// The timed paths of bench:relay: bare producers and consumer (the baselines), and the relay and the
// consumer runtime through an adapter of the port. Each returns events per second.
import type { CheckpointStore, EventStore } from '@ejp/eventstore';
import { compatibilityPartitioner, ProduceAcks, Producer } from '@platformatic/kafka';
import type { Kafka } from 'kafkajs';
import { type KafkaClient, KafkaConsumerRuntime, type OutgoingMessage, Relay, SqliteLeaseStore } from '../src/index.ts';

export interface BenchSetup {
  kafka: Kafka;
  brokers: string[];
  store: EventStore;
  path: string;
  events: number;
  batch: number;
  /** The last event's position: the relay is done when its checkpoint is there. */
  last: bigint;
  openCheckpoints(): CheckpointStore;
}

export const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

/** kafkajs with the relay's settings, timed from connect (the relay's run includes connecting its producer). */
export async function bareKafkajsProducer(s: BenchSetup, topic: string, prepared: OutgoingMessage[]): Promise<number> {
  const started = performance.now();
  const producer = s.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  for (let i = 0; i < prepared.length; i += s.batch) await producer.send({ topic, acks: -1, messages: prepared.slice(i, i + s.batch) });
  const ms = performance.now() - started;
  await producer.disconnect();
  return rate(prepared.length, ms);
}

/** @platformatic/kafka with the same settings, messages as buffers already (what its adapter converts to). */
export async function barePlatformaticProducer(s: BenchSetup, topic: string, prepared: OutgoingMessage[]): Promise<number> {
  const messages = prepared.map((m) => ({
    topic,
    key: Buffer.from(m.key as string),
    value: m.value as Buffer,
    headers: new Map(Object.entries(m.headers ?? {}).map(([k, v]) => [Buffer.from(k), Buffer.from(v)])),
  }));
  const started = performance.now();
  const producer = new Producer({ clientId: 'ejp-bench', bootstrapBrokers: s.brokers, idempotent: true, acks: ProduceAcks.ALL, partitioner: compatibilityPartitioner });
  for (let i = 0; i < messages.length; i += s.batch) await producer.send({ messages: messages.slice(i, i + s.batch) });
  const ms = performance.now() - started;
  await producer.close();
  return rate(messages.length, ms);
}

/** The relay from a fresh checkpoint until the broker acknowledged the last event. */
export async function relayRun(s: BenchSetup, client: KafkaClient, topic: string, relayId: string): Promise<number> {
  const checkpoints = s.openCheckpoints();
  const leases = new SqliteLeaseStore({ path: s.path });
  const relay = new Relay({ store: s.store, checkpoints, leases, kafka: client, topic, relayId, batchSize: s.batch });
  await relay.start();
  const started = performance.now();
  while (relay.published < s.events) await new Promise((r) => setTimeout(r, 1));
  const ms = performance.now() - started;
  while ((await checkpoints.load(relayId)) !== s.last) await new Promise((r) => setTimeout(r, 5));
  await relay.stop();
  await checkpoints.close();
  await leases.close();
  return rate(s.events, ms);
}

/** kafkajs eachBatch doing nothing with the messages; from the first message to the last (group join excluded). */
export async function bareKafkajsConsumer(s: BenchSetup, topic: string): Promise<number> {
  const consumer = s.kafka.consumer({ groupId: `bench-bare-${Date.now()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let first = 0;
  const done = new Promise<number>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        if (seen === 0) first = performance.now();
        for (const message of batch.messages) {
          resolveOffset(message.offset);
          seen++;
        }
        await heartbeat();
        if (seen >= s.events) resolve(performance.now() - first);
      },
    });
  });
  const ms = await done;
  await consumer.disconnect();
  return rate(s.events, ms);
}

/** The consumer runtime through an adapter, with a handler that only counts; same window as the bare consumer. */
export async function runtimeConsumer(s: BenchSetup, client: KafkaClient, topic: string): Promise<number> {
  let seen = 0;
  let first = 0;
  let resolveDone: (ms: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    resolveDone = resolve;
  });
  const runtime = new KafkaConsumerRuntime({
    kafka: client,
    topic,
    groupId: `bench-runtime-${client.kind}-${Date.now()}`,
    maxBatchSize: s.batch,
    consumerConfig: { maxWaitMs: 100 },
    handler: {
      name: 'count',
      handle: async (events) => {
        if (seen === 0) first = performance.now();
        seen += events.length;
        if (seen >= s.events) resolveDone(performance.now() - first);
      },
    },
  });
  await runtime.start();
  const ms = await done;
  await runtime.stop();
  return rate(s.events, ms);
}
