import { Admin, compatibilityPartitioner, ListOffsetTimestamps, ProduceAcks, Producer } from '@platformatic/kafka';
import type { KafkaAdmin, KafkaClient, KafkaProducer } from './kafka-client.ts';
import { type PlatformaticBase, PlatformaticGroupConsumer } from './platformatic-group-consumer.ts';

export interface PlatformaticClientOptions {
  brokers: string[];
  clientId: string;
}

/** The port on @platformatic/kafka. */
export function platformaticClient(options: PlatformaticClientOptions): KafkaClient {
  const base = { clientId: options.clientId, bootstrapBrokers: options.brokers };
  return {
    kind: 'platformatic',
    producer: (o) => platformaticProducer({ ...base, ...(o?.ackTimeoutMs === undefined ? {} : { timeout: o.ackTimeoutMs }) }),
    groupConsumer: (o) => new PlatformaticGroupConsumer(base, o),
    admin: () => platformaticAdmin(base),
  };
}

type Base = PlatformaticBase;

function platformaticProducer(base: Base): KafkaProducer {
  let producer: Producer | undefined;
  return {
    connect: async () => {
      producer = new Producer({
        ...base,
        // Idempotent forces one request in flight per connection, and acks from all in-sync replicas.
        idempotent: true,
        acks: ProduceAcks.ALL,
        autocreateTopics: false,
        // The Java client's (and kafkajs's) murmur2 mapping: a key lands on the same partition whichever adapter
        // published it, so switching KAFKA_CLIENT keeps each employee's events in one partition, in order.
        partitioner: compatibilityPartitioner,
      });
      await producer.metadata({ topics: [] });
    },
    disconnect: async () => {
      await producer?.close(true);
    },
    send: async (topicMessages) => {
      if (!producer) throw new Error('producer not connected');
      const messages = topicMessages.flatMap(({ topic, messages }) =>
        messages.map((m) => ({
          topic,
          ...(m.key === null ? {} : { key: buffer(m.key) }),
          ...(m.value === null ? {} : { value: buffer(m.value) }),
          headers: new Map(Object.entries(m.headers ?? {}).map(([name, value]) => [Buffer.from(name), buffer(value)])),
          ...(m.timestamp === undefined ? {} : { timestamp: BigInt(m.timestamp) }),
        })),
      );
      if (messages.length === 0) return [];
      const { offsets = [] } = await producer.send({ messages });
      return offsets.map(({ topic, partition }) => ({ topic, partition }));
    },
  };
}

function buffer(value: string | Buffer): Buffer {
  return typeof value === 'string' ? Buffer.from(value) : value;
}

function platformaticAdmin(base: Base): KafkaAdmin {
  let admin: Admin | undefined;
  const open = () => (admin ??= new Admin(base));
  const offsetsAt = async (topic: string, timestamp: bigint) => {
    const partitions = (await open().metadata({ topics: [topic] })).topics.get(topic)?.partitionsCount ?? 0;
    const [listed] = await open().listOffsets({
      topics: [{ name: topic, partitions: Array.from({ length: partitions }, (_, partitionIndex) => ({ partitionIndex, timestamp })) }],
    });
    return new Map((listed?.partitions ?? []).map((p) => [p.partitionIndex, p.offset.toString()]));
  };
  return {
    connect: async () => void (await open().metadata({ topics: [] })),
    disconnect: async () => {
      await admin?.close();
      admin = undefined;
    },
    listTopics: () => open().listTopics(),
    async createTopics(specs) {
      const existing = new Set(await open().listTopics());
      for (const s of specs.filter((x) => !existing.has(x.topic))) {
        try {
          await open().createTopics({ topics: [s.topic], partitions: s.partitions, replicas: s.replicationFactor });
        } catch (error) {
          if (!isTopicAlreadyExists(error)) throw error;
        }
      }
      await waitForLeaders(open(), specs.map((s) => s.topic));
    },
    deleteTopics: (topics) => open().deleteTopics({ topics }),
    async partitionCounts(topics) {
      const { topics: found } = await open().metadata({ topics });
      return new Map([...found].map(([name, t]) => [name, t.partitionsCount]));
    },
    async topicOffsets(topic) {
      const [low, high] = await Promise.all([offsetsAt(topic, ListOffsetTimestamps.EARLIEST), offsetsAt(topic, ListOffsetTimestamps.LATEST)]);
      return [...high].map(([partition, h]) => ({ partition, low: low.get(partition) ?? '0', high: h })).sort((a, b) => a.partition - b.partition);
    },
    async committedOffsets(groupId, topic) {
      const [group] = await open().listConsumerGroupOffsets({ groups: [groupId] });
      const partitions = group?.topics.find((t) => t.name === topic)?.partitions ?? [];
      return new Map(partitions.filter((p) => p.committedOffset >= 0n).map((p) => [p.partitionIndex, p.committedOffset.toString()]));
    },
    ping: async () => void (await open().metadata({ topics: [], forceUpdate: true })),
  };
}

/**
 * The broker's TOPIC_ALREADY_EXISTS (error code 36) for every topic of the request: the client wraps the
 * response that carries it in an AggregateError (code PLT_KFK_MULTIPLE) of response errors (PLT_KFK_RESPONSE).
 */
function isTopicAlreadyExists(error: unknown): boolean {
  type ResponseError = { response?: { topics?: { errorCode?: number }[] } };
  const inner = (error as { errors?: ResponseError[] }).errors ?? [error as ResponseError];
  return inner.length > 0 && inner.every((e) => (e.response?.topics ?? []).length > 0 && e.response!.topics!.every((t) => t.errorCode === 36));
}

/** createTopics returns before every partition has a leader; producing at once could fail, so wait like kafkajs's waitForLeaders. */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { topics: found } = await admin.metadata({ topics, forceUpdate: true }).catch(() => ({ topics: new Map() }));
    const ready = topics.every((t) => {
      const meta = found.get(t);
      return meta !== undefined && meta.partitions.length > 0 && meta.partitions.every((p: { leader: number }) => p.leader >= 0);
    });
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no leader after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
