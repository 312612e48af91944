import {
  Admin,
  compatibilityPartitioner,
  Consumer,
  ListOffsetTimestamps,
  type Message,
  type MessagesStream,
  MessagesStreamFallbackModes,
  MessagesStreamModes,
  ProduceAcks,
  Producer,
} from '@platformatic/kafka';
import type { GroupConsumer, GroupConsumerHandlers, GroupConsumerOptions, KafkaAdmin, KafkaClient, KafkaProducer } from './kafka-client.ts';

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

type Base = { clientId: string; bootstrapBrokers: string[]; timeout?: number };

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
      if (messages.length > 0) await producer.send({ messages });
    },
  };
}

function buffer(value: string | Buffer): Buffer {
  return typeof value === 'string' ? Buffer.from(value) : value;
}

interface PartitionQueue {
  messages: Message[];
  /** Bumped whenever what was queued is dropped: a batch taken before is stale. */
  epoch: number;
  busy: boolean;
}

/**
 * A consumer-group member on @platformatic/kafka. Its consumer delivers a
 * stream of single messages across partitions; this turns the stream into
 * per-partition batches, one batch in hand per partition, committing only
 * what the handler commits. After a rejoin the stream fetches every assigned
 * partition again from its committed offset, so whatever was queued is
 * dropped then (and the batches in hand turn stale): redelivered, never skipped.
 */
class PlatformaticGroupConsumer implements GroupConsumer {
  readonly #o: GroupConsumerOptions;
  readonly #consumer: Consumer;
  #stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined;
  #handlers: GroupConsumerHandlers | undefined;
  readonly #queues = new Map<number, PartitionQueue>();
  readonly #inHand = new Set<Promise<void>>();
  #queued = 0;
  #pumpScheduled = false;
  #stopping = false;
  /** Per partition, the log end as last asked of the broker: its stream does not report the fetch's high watermark. */
  readonly #logEnds = new Map<number, string>();
  #logEndTimer: NodeJS.Timeout | undefined;
  /** Queue this much (across partitions) before pausing the stream. */
  readonly #highWater = 2_000;
  readonly #maxBatch = 500;

  constructor(base: Base, o: GroupConsumerOptions) {
    this.#o = o;
    this.#consumer = new Consumer({
      ...base,
      groupId: o.groupId,
      autocommit: false,
      // A fetch waits up to maxWaitTime for data; 1 s keeps rebalances and shutdown prompt.
      maxWaitTime: o.maxWaitMs ?? 1_000,
      ...(o.sessionTimeoutMs === undefined ? {} : { sessionTimeout: o.sessionTimeoutMs }),
      ...(o.heartbeatIntervalMs === undefined ? {} : { heartbeatInterval: o.heartbeatIntervalMs }),
      // This client refuses a rebalance timeout below the session timeout (kafkajs does not): raise it to that.
      ...(o.rebalanceTimeoutMs === undefined ? {} : { rebalanceTimeout: Math.max(o.rebalanceTimeoutMs, o.sessionTimeoutMs ?? 0) }),
    });
  }

  async start(handlers: GroupConsumerHandlers): Promise<void> {
    this.#handlers = handlers;
    this.#consumer.on('consumer:group:join', () => this.#joined());
    const stream = await this.#consumer.consume({
      topics: [this.#o.topic],
      autocommit: false,
      mode: MessagesStreamModes.COMMITTED,
      fallbackMode: this.#o.fromBeginning ? MessagesStreamFallbackModes.EARLIEST : MessagesStreamFallbackModes.LATEST,
    });
    this.#stream = stream;
    stream.on('data', (message: Message) => this.#enqueue(message));
    stream.on('error', (error: unknown) => {
      if (!this.#stopping) handlers.onError(error);
    });
    this.#joined(); // the join that consume() made happened before the listener could see the stream
    // For the lag gauge: at most a second old, one small request a second.
    this.#logEndTimer = setInterval(() => void this.#refreshLogEnds(), 1_000).unref();
    await this.#refreshLogEnds();
  }

  async #refreshLogEnds(): Promise<void> {
    try {
      const ends = (await this.#consumer.listOffsets({ topics: [this.#o.topic] })).get(this.#o.topic) ?? [];
      for (const [partition, end] of ends.entries()) this.#logEnds.set(partition, end.toString());
    } catch {
      // The gauge keeps its last figures; the broker's troubles show where consuming fails.
    }
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    clearInterval(this.#logEndTimer);
    this.#drop();
    await Promise.all(this.#inHand);
    await this.#stream?.close().catch(() => undefined);
    await this.#consumer.close(true);
  }

  #assigned(): number[] {
    return this.#consumer.assignments?.find((a) => a.topic === this.#o.topic)?.partitions ?? [];
  }

  #joined(): void {
    this.#drop();
    this.#handlers?.onAssigned(this.#assigned());
  }

  /** Forgets everything queued; batches in hand turn stale. */
  #drop(): void {
    for (const queue of this.#queues.values()) {
      queue.messages = [];
      queue.epoch++;
    }
    this.#queued = 0;
    if (this.#stream?.isPaused()) this.#stream.resume();
  }

  #enqueue(message: Message): void {
    if (this.#stopping || !this.#assigned().includes(message.partition)) return;
    const queue = this.#queues.get(message.partition) ?? { messages: [], epoch: 0, busy: false };
    this.#queues.set(message.partition, queue);
    const last = queue.messages.at(-1);
    if (last && message.offset <= last.offset) {
      // The stream went back (a refetch from the committed offset): start over from here.
      this.#queued -= queue.messages.length;
      queue.messages = [];
      queue.epoch++;
    }
    queue.messages.push(message);
    if (++this.#queued >= this.#highWater) this.#stream?.pause();
    // A fetch response arrives as one message event after another in the same tick: batch them all
    // (a batch per message would cost a commit round trip each).
    if (!this.#pumpScheduled) {
      this.#pumpScheduled = true;
      setImmediate(() => {
        this.#pumpScheduled = false;
        this.#pump();
      });
    }
  }

  /** Starts a batch on every partition that has messages and none in hand, up to the concurrency limit. */
  #pump(): void {
    for (const [partition, queue] of this.#queues) {
      if (this.#inHand.size >= this.#o.partitionsConcurrently) return;
      if (queue.busy || queue.messages.length === 0 || this.#stopping) continue;
      const taken = queue.messages.splice(0, this.#maxBatch);
      this.#queued -= taken.length;
      if (this.#queued < this.#highWater / 2 && this.#stream?.isPaused()) this.#stream.resume();
      queue.busy = true;
      const running = this.#handle(partition, queue, taken).finally(() => {
        queue.busy = false;
        this.#inHand.delete(running);
        this.#pump();
      });
      this.#inHand.add(running);
    }
  }

  async #handle(partition: number, queue: PartitionQueue, taken: Message[]): Promise<void> {
    const epoch = queue.epoch;
    const byOffset = new Map(taken.map((m) => [m.offset.toString(), m]));
    try {
      await this.#handlers!.eachBatch(
        {
          topic: this.#o.topic,
          partition,
          highWatermark: this.#logEnds.get(partition),
          messages: taken.map((m) => ({
            key: m.key ?? null,
            value: m.value ?? null,
            headers: Object.fromEntries([...m.headers].map(([name, value]) => [name.toString(), value])),
            offset: m.offset.toString(),
          })),
        },
        {
          // Through the message's own commit: the stream serializes commits per partition and sends the leader epoch.
          commit: async (next) => {
            const last = byOffset.get((BigInt(next) - 1n).toString());
            if (!last) throw new Error(`offset ${next} does not follow a message of this batch`);
            await last.commit();
          },
          isStale: () => this.#stopping || queue.epoch !== epoch,
          heartbeat: async () => undefined,
        },
      );
    } catch (error) {
      this.#handlers!.onError(error);
    }
  }
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

/** The broker's TOPIC_ALREADY_EXISTS (error code 36), however deep the client nested it. */
function isTopicAlreadyExists(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown): boolean => {
    if (!e || typeof e !== 'object' || seen.has(e)) return false;
    seen.add(e);
    const x = e as { apiCode?: number; code?: string; errors?: unknown[]; cause?: unknown; response?: unknown };
    if (x.apiCode === 36 || x.code === 'TOPIC_ALREADY_EXISTS') return true;
    if (JSON.stringify(x.response ?? null).includes('"errorCode":36')) return true;
    return (x.errors ?? []).some(visit) || visit(x.cause);
  };
  return visit(error);
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
