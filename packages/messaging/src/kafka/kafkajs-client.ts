import { type IHeaders, Kafka, logLevel, Partitioners } from 'kafkajs';
import type { ConsumedMessage, GroupConsumer, GroupConsumerOptions, KafkaAdmin, KafkaClient, KafkaProducer } from './kafka-client.ts';
import { silenceKafkajsNegativeTimeoutWarning } from './kafkajs-timeout-warning.ts';

silenceKafkajsNegativeTimeoutWarning();

/** The port on a kafkajs client (the default adapter). Pass a configured `Kafka` to control sockets, retries and logs. */
export function kafkajsClient(kafka: Kafka): KafkaClient {
  return {
    kind: 'kafkajs',
    producer: (options) => kafkajsProducer(kafka, options?.ackTimeoutMs),
    groupConsumer: (options) => kafkajsGroupConsumer(kafka, options),
    admin: () => kafkajsAdmin(kafka),
  };
}

export function openKafkajsClient(options: { brokers: string[]; clientId: string; quiet?: boolean }): KafkaClient {
  return kafkajsClient(new Kafka({ clientId: options.clientId, brokers: options.brokers, logLevel: options.quiet ? logLevel.NOTHING : logLevel.WARN }));
}

function kafkajsProducer(kafka: Kafka, timeout: number | undefined): KafkaProducer {
  // The default partitioner named explicitly (the Java client's murmur2, as the other adapter uses), which also
  // keeps kafkajs from warning at every producer that its default changed in 2.0.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  return {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    send: async (topicMessages) => {
      const written = await producer.sendBatch({ topicMessages, acks: -1, ...(timeout === undefined ? {} : { timeout }) });
      return written.map(({ topicName, partition }) => ({ topic: topicName, partition }));
    },
  };
}

function kafkajsGroupConsumer(kafka: Kafka, o: GroupConsumerOptions): GroupConsumer {
  // A fetch waits up to maxWaitTimeInMs for data, and a rebalance or stop waits for the fetch:
  // 1 s (kafkajs: 5 s) keeps scale-out and shutdown prompt at the cost of a few idle fetches.
  const consumer = kafka.consumer({
    groupId: o.groupId,
    maxWaitTimeInMs: o.maxWaitMs ?? 1_000,
    ...(o.sessionTimeoutMs === undefined ? {} : { sessionTimeout: o.sessionTimeoutMs }),
    ...(o.heartbeatIntervalMs === undefined ? {} : { heartbeatInterval: o.heartbeatIntervalMs }),
    ...(o.rebalanceTimeoutMs === undefined ? {} : { rebalanceTimeout: o.rebalanceTimeoutMs }),
  });
  return {
    async start({ eachBatch, onAssigned, onError }) {
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => onAssigned(payload.memberAssignment[o.topic] ?? []));
      // kafkajs restarts a crashed consumer by itself when the error is retriable; this is the other kind.
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) onError(payload.error);
      });
      await consumer.connect();
      await consumer.subscribe({ topic: o.topic, fromBeginning: o.fromBeginning });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: o.partitionsConcurrently,
        eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
          await eachBatch(
            { topic: batch.topic, partition: batch.partition, highWatermark: batch.highWatermark, messages: batch.messages.map(consumed) },
            {
              commit: async (next) => {
                resolveOffset((BigInt(next) - 1n).toString());
                await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] });
              },
              isStale: () => !isRunning() || isStale(),
              heartbeat,
            },
          );
        },
      });
    },
    stop: () => consumer.disconnect(),
  };
}

function consumed(message: { key: Buffer | null; value: Buffer | null; headers?: IHeaders; offset: string; timestamp: string }): ConsumedMessage {
  const headers: Record<string, Buffer> = {};
  for (const [name, raw] of Object.entries(message.headers ?? {})) {
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    if (value !== undefined) headers[name] = Buffer.isBuffer(value) ? value : Buffer.from(value);
  }
  return { key: message.key, value: message.value, headers, offset: message.offset, timestamp: message.timestamp };
}

function kafkajsAdmin(kafka: Kafka): KafkaAdmin {
  const admin = kafka.admin();
  return {
    connect: () => admin.connect(),
    disconnect: () => admin.disconnect(),
    listTopics: () => admin.listTopics(),
    async createTopics(specs) {
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: specs.map((s) => ({ topic: s.topic, numPartitions: s.partitions, replicationFactor: s.replicationFactor })),
        });
      } catch (error) {
        // kafkajs reports "already exists" per topic inside a KafkaJSAggregateError.
        const errors = (error as { errors?: { type?: string }[] }).errors;
        if (!(Array.isArray(errors) && errors.length > 0 && errors.every((e) => e.type === 'TOPIC_ALREADY_EXISTS'))) throw error;
      }
    },
    deleteTopics: (topics) => admin.deleteTopics({ topics }),
    async partitionCounts(topics) {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      return new Map(found.map((t) => [t.name, t.partitions.length]));
    },
    topicOffsets: async (topic) => (await admin.fetchTopicOffsets(topic)).map(({ partition, low, high }) => ({ partition, low, high })),
    async committedOffsets(groupId, topic) {
      const [committed] = await retryRetriable(() => admin.fetchOffsets({ groupId, topics: [topic] }));
      return new Map((committed?.partitions ?? []).filter((p) => p.offset !== '-1').map((p) => [p.partition, p.offset]));
    },
    ping: async () => void (await admin.describeCluster()),
  };
}

/**
 * Retries what the broker calls retriable (e.g. NOT_COORDINATOR while a new
 * group's coordinator is still loading), which kafkajs's admin does not retry
 * for offset fetches.
 */
async function retryRetriable<T>(call: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || (error as { retriable?: boolean }).retriable !== true) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
