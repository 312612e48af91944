import { type StreamCategories, streamCategories } from '@ejp/contracts';
import { type KafkaCodec, kafkaCodecOf } from '../cloudevents/kafka-codec.ts';
import { DEFAULT_JOURNEY_TOPIC, type JourneyEnvelope } from '../envelope.ts';
import type { JourneyEventHandler } from '../handler.ts';
import type { BatchControl, ConsumedBatch, ConsumedMessage, GroupConsumer, GroupConsumerOptions, KafkaClient, KafkaProducer } from '../kafka/kafka-client.ts';
import { type Logger, silentLogger } from '../logger.ts';
import { describeError, handleWithRetry, type Poisoned, type RetryPolicy } from '../retry-policy.ts';
import { countDeadLetters, processWithSpan } from '../telemetry.ts';
import { deadLetterTopicOf } from '../topics.ts';
import { fetchGroupLag, LagGauge, type PartitionLag } from './consumer-lag.ts';
import { deadLetterMessage } from './dead-letter.ts';

export interface KafkaConsumerRuntimeOptions {
  /** The Kafka client behind the port (`openKafkaClient`). */
  kafka: KafkaClient;
  handler: JourneyEventHandler;
  /** Consumer group (default: the handler's name): members of one group split the partitions. */
  groupId?: string;
  topic?: string;
  /** The stream categories messages are checked against on decode (default: the platform's). */
  categories?: StreamCategories;
  /** Events per handle() call (default 200); a Kafka batch larger than this is handled in chunks. */
  maxBatchSize?: number;
  retry?: RetryPolicy;
  /** Default `<topic>.dlq`. */
  deadLetterTopic?: string;
  /** Where a new group starts (default true: from the oldest message). */
  fromBeginning?: boolean;
  /** Partitions handled in parallel by this member (default 1); order within each partition holds either way. */
  partitionsConsumedConcurrently?: number;
  /** Group timings (fetch wait, session timeout, heartbeat interval, rebalance timeout), in ms. */
  consumerConfig?: Pick<GroupConsumerOptions, 'maxWaitMs' | 'sessionTimeoutMs' | 'heartbeatIntervalMs' | 'rebalanceTimeoutMs'>;
  logger?: Logger;
}

interface Decoded {
  message: ConsumedMessage;
  envelope?: JourneyEnvelope;
  error?: unknown;
}

/**
 * Runs a JourneyEventHandler on a Kafka topic in a consumer group. Per
 * partition, messages are handled in order, in chunks; a chunk's offsets are
 * committed only after handle() resolved (its writes succeeded) and its poison
 * messages are on the dead-letter topic, so a crash redelivers at most the
 * uncommitted chunk, never skips one.
 */
export class KafkaConsumerRuntime {
  readonly groupId: string;
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly #o: KafkaConsumerRuntimeOptions;
  readonly #log: Logger;
  readonly #codec: KafkaCodec;
  readonly #consumer: GroupConsumer;
  readonly #producer: KafkaProducer;
  readonly #lag: LagGauge;
  /** Aborted by stop(): backoff waits end and no further chunk starts. */
  readonly #stopping = new AbortController();
  #assigned: number[] = [];

  constructor(options: KafkaConsumerRuntimeOptions) {
    this.#o = options;
    this.groupId = options.groupId ?? options.handler.name;
    this.topic = options.topic ?? DEFAULT_JOURNEY_TOPIC;
    this.deadLetterTopic = options.deadLetterTopic ?? deadLetterTopicOf(this.topic);
    this.#log = options.logger ?? silentLogger;
    this.#codec = kafkaCodecOf(options.categories ?? streamCategories);
    this.#consumer = options.kafka.groupConsumer({
      ...options.consumerConfig,
      groupId: this.groupId,
      topic: this.topic,
      fromBeginning: options.fromBeginning ?? true,
      partitionsConcurrently: options.partitionsConsumedConcurrently ?? 1,
    });
    this.#producer = options.kafka.producer();
    this.#lag = new LagGauge(this.groupId, this.topic, options.handler.name);
    countDeadLetters(0, this.deadLetterTopic, options.handler.name);
  }

  /** Partitions this member owns since the last rebalance. */
  get assignedPartitions(): readonly number[] {
    return this.#assigned;
  }

  /** Connects, joins the group and starts consuming in the background. */
  async start(): Promise<void> {
    await this.#producer.connect();
    await this.#consumer.start({
      eachBatch: (batch, control) => this.#eachBatch(batch, control),
      onAssigned: (partitions) => {
        this.#assigned = partitions;
        this.#lag.retain(partitions);
        this.#log.info({ group: this.groupId, partitions }, 'consumer: partitions assigned');
      },
      onError: (error) => this.#log.error({ err: error, group: this.groupId }, 'consumer: failed'),
    });
  }

  /**
   * Finishes the chunk in hand (a backoff wait ends at once, uncommitted), leaves
   * the group so its partitions move to the other members, and disconnects.
   */
  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#consumer.stop();
    await this.#producer.disconnect();
    this.#lag.close();
  }

  /** Exact committed lag per partition, from the broker (tests, admin tools). */
  lag(): Promise<PartitionLag[]> {
    return fetchGroupLag(this.#o.kafka, this.groupId, this.topic);
  }

  async #eachBatch(batch: ConsumedBatch, { commit, heartbeat, isStale }: BatchControl): Promise<void> {
    // Heartbeats go on while a slow handler or a backoff runs; a failed heartbeat
    // (rebalance) aborts the chunk, uncommitted, so the partition's new owner redoes it.
    const batchAbort = new AbortController();
    const signal = AbortSignal.any([this.#stopping.signal, batchAbort.signal]);
    const beat = setInterval(() => heartbeat().catch((error: unknown) => batchAbort.abort(error)), 1000);
    try {
      const size = this.#o.maxBatchSize ?? 200;
      // Behind from the moment the batch arrived: a handler stuck on it shows as lag, not as the last commit's 0.
      const first = batch.messages[0];
      if (first && batch.highWatermark !== undefined) this.#lag.record(batch.partition, batch.highWatermark, first.offset, first.timestamp);
      for (let start = 0; start < batch.messages.length; start += size) {
        if (signal.aborted || isStale()) return;
        const chunk = batch.messages.slice(start, start + size).map((message) => decode(message, this.#codec));
        const handled = await this.#handleChunk(chunk, batch.partition, signal);
        if (!handled) return;
        // A rebalance while the chunk was handled: its new owner redoes it (the handler is idempotent), so no commit.
        if (isStale()) return;
        const next = (BigInt(chunk.at(-1)!.message.offset) + 1n).toString();
        await commit(next);
        // The next message's time, or the last handled one's while the next is not fetched yet.
        if (batch.highWatermark !== undefined) this.#lag.record(batch.partition, batch.highWatermark, next, (batch.messages[start + size] ?? chunk.at(-1)!.message).timestamp);
        await heartbeat();
      }
    } finally {
      clearInterval(beat);
    }
  }

  /** Handles one chunk and dead-letters its poison; false when aborted (nothing may be committed). */
  async #handleChunk(chunk: Decoded[], partition: number, signal: AbortSignal): Promise<boolean> {
    const undecodable: Poisoned<Decoded>[] = chunk.filter((d) => d.error).map((d) => ({ item: d, error: d.error, attempts: 1 }));
    const good = chunk.filter((d) => d.envelope);
    let poisoned: Poisoned<Decoded>[] = [];
    if (good.length > 0) {
      const outcome = await handleWithRetry(
        good,
        (items) => {
          const envelopes = items.map((d) => d.envelope!);
          return processWithSpan(envelopes, { system: 'kafka', destination: this.topic, consumer: this.groupId, partition }, () => this.#o.handler.handle(envelopes));
        },
        this.#o.retry,
        signal,
        (error, attempt) => this.#log.warn({ err: error, attempt, partition }, 'consumer: handler failed, retrying'),
      );
      if (outcome.kind === 'aborted') return false;
      poisoned = outcome.poisoned;
    }
    const dead = [...undecodable, ...poisoned].sort((a, b) => compareOffsets(a.item.message.offset, b.item.message.offset));
    if (dead.length > 0) {
      await this.#producer.send([
        {
          topic: this.deadLetterTopic,
          messages: dead.map((p) => deadLetterMessage({ topic: this.topic, partition, message: p.item.message }, p.error, p.attempts, this.groupId)),
        },
      ]);
      countDeadLetters(dead.length, this.deadLetterTopic, this.#o.handler.name);
      for (const p of dead) {
        this.#log.error({ offset: p.item.message.offset, partition, error: describeError(p.error) }, 'consumer: dead-lettered');
      }
    }
    return true;
  }
}

function decode(message: ConsumedMessage, codec: KafkaCodec): Decoded {
  try {
    return { message, envelope: codec.fromKafkaMessage(message) };
  } catch (error) {
    return { message, error };
  }
}

function compareOffsets(a: string, b: string): number {
  const d = BigInt(a) - BigInt(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
