/**
 * The messaging port's view of a Kafka client: only what the relay, the
 * consumer runtime and topic setup use, with offsets as decimal strings and
 * bytes as Buffers. Two adapters implement it (`kafkajs-client.ts`,
 * `platformatic-client.ts`); `openKafkaClient` picks one by name, and only the
 * services' mains choose (KAFKA_CLIENT), so nothing else depends on a client
 * library.
 */

export const KAFKA_CLIENTS = ['kafkajs', 'platformatic'] as const;
export type KafkaClientKind = (typeof KAFKA_CLIENTS)[number];

/** A message to send. */
export interface OutgoingMessage {
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers?: Record<string, string | Buffer>;
  /** Kafka timestamp, ms since the epoch as a decimal string (default: the producer's clock). */
  timestamp?: string;
}

export interface TopicMessages {
  topic: string;
  messages: OutgoingMessage[];
}

/** A message as consumed. */
export interface ConsumedMessage {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer>;
  offset: string;
  /** Kafka timestamp, ms since the epoch as a decimal string: how long the consumer lags in seconds. */
  timestamp?: string;
}

/** Consecutive messages of one partition, in offset order. */
export interface ConsumedBatch {
  topic: string;
  partition: number;
  messages: ConsumedMessage[];
  /** The partition's log end (next offset to be written), as of the fetch or a recent ask of the broker; for the lag gauge. */
  highWatermark: string | undefined;
}

/** What a batch handler may do with its batch. */
export interface BatchControl {
  /** Commits `nextOffset` (the last handled offset + 1) for the batch's partition. */
  commit(nextOffset: string): Promise<void>;
  /** True once the member is stopping or its assignment changed since the batch was fetched: handle and commit no more of it. */
  isStale(): boolean;
  /** Tells the group this member is alive (a no-op where the client heartbeats by itself). */
  heartbeat(): Promise<void>;
}

export interface GroupConsumerOptions {
  groupId: string;
  topic: string;
  /** Where a group without committed offsets starts: the oldest message (true) or the next one written. */
  fromBeginning: boolean;
  /** Partitions handled in parallel by this member; one batch at a time per partition either way. */
  partitionsConcurrently: number;
  /** Group timings (ms); each adapter's defaults otherwise. */
  maxWaitMs?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  rebalanceTimeoutMs?: number;
}

export interface GroupConsumerHandlers {
  eachBatch(batch: ConsumedBatch, control: BatchControl): Promise<void>;
  /** After each join: the partitions of the topic this member now owns. */
  onAssigned(partitions: number[]): void;
  /**
   * A failure of the client or of a batch (a thrown eachBatch is never committed past): for the log. The
   * platformatic adapter then reads again from the committed offsets after a pause (kafkajs restarts its
   * consumer by itself and reports only a crash it does not restart from).
   */
  onError(error: unknown): void;
}

/** One member of a consumer group on one topic, committing only what its handler commits. */
export interface GroupConsumer {
  /** Joins the group and starts delivering batches in the background. */
  start(handlers: GroupConsumerHandlers): Promise<void>;
  /** Waits for the batches in hand, leaves the group (its partitions move to the others) and disconnects. */
  stop(): Promise<void>;
}

/** A partition a send wrote to. */
export interface SentPartition {
  topic: string;
  partition: number;
}

/** An idempotent producer: acks from all in-sync replicas, one request in flight, so a partition keeps send order. */
export interface KafkaProducer {
  connect(): Promise<void>;
  /**
   * Resolves once the broker acknowledged every message, or rejects (none may be assumed written).
   * Answers the partitions written (for the publish span's partition), each once per topic.
   */
  send(topicMessages: TopicMessages[]): Promise<SentPartition[]>;
  disconnect(): Promise<void>;
}

export interface TopicSpec {
  topic: string;
  partitions: number;
  /** -1: the broker's default.replication.factor. */
  replicationFactor: number;
}

export interface PartitionOffsets {
  partition: number;
  low: string;
  high: string;
}

export interface KafkaAdmin {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  listTopics(): Promise<string[]>;
  /** Creates the topics and waits for their leaders; one that exists already (a racing instance) is not an error. */
  createTopics(specs: TopicSpec[]): Promise<void>;
  deleteTopics(topics: string[]): Promise<void>;
  /** Partition count per topic, for topics that exist. */
  partitionCounts(topics: string[]): Promise<Map<string, number>>;
  /** Log start and end per partition. */
  topicOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** The group's committed next offset per partition; a partition with none is missing. */
  committedOffsets(groupId: string, topic: string): Promise<Map<number, string>>;
  /** A cheap broker round trip (readiness checks). */
  ping(): Promise<void>;
}

export interface KafkaClient {
  readonly kind: KafkaClientKind;
  /** `ackTimeoutMs`: how long a send waits for the broker's acknowledgement (adapter default otherwise). */
  producer(options?: { ackTimeoutMs?: number }): KafkaProducer;
  groupConsumer(options: GroupConsumerOptions): GroupConsumer;
  admin(): KafkaAdmin;
}
