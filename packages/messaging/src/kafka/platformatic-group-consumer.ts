import { Consumer, type Message, type MessagesStream, MessagesStreamFallbackModes, MessagesStreamModes } from '@platformatic/kafka';
import { sleep } from '../abortable.ts';
import type { GroupConsumer, GroupConsumerHandlers, GroupConsumerOptions } from './kafka-client.ts';

/** What every @platformatic/kafka client of one adapter shares. */
export type PlatformaticBase = { clientId: string; bootstrapBrokers: string[]; timeout?: number };

interface PartitionQueue {
  messages: Message[];
  /** Bumped whenever what was queued is dropped: a batch taken before is stale. */
  epoch: number;
  /**
   * The offset the next message must have (at least): after a join, the offset the stream says it resumes
   * from (the committed one), unknown until it says so; then the one after the last message accepted.
   */
  expect: bigint | undefined;
  /** A message was accepted since the last join. */
  started: boolean;
  busy: boolean;
}

/** How long a failed batch waits before the member reads again from the committed offsets. */
const RECOVERY_DELAY_MS = 1_000;

/**
 * A consumer-group member on @platformatic/kafka. Its consumer delivers a
 * stream of single messages across partitions; this turns the stream into
 * per-partition batches, one batch in hand per partition, committing only
 * what the handler commits. After a rejoin the stream fetches every assigned
 * partition again from its committed offset, so whatever was queued is
 * dropped then (and the batches in hand turn stale): redelivered, never
 * skipped. What the stream delivers after a join is accepted only from the
 * offset it says it resumes from: messages it had buffered or fetched before
 * the join are dropped, and if its first message after a join lies beyond that
 * offset (a fetch that was in flight during the join moved its position on),
 * the member starts over with a new stream rather than skip. A batch that fails (its handler threw: a dead-letter send or a
 * commit failed) drops everything too and, after a pause, reads again from the
 * committed offsets through a new stream, as kafkajs restarts its consumer.
 */
export class PlatformaticGroupConsumer implements GroupConsumer {
  readonly #o: GroupConsumerOptions;
  readonly #consumer: Consumer;
  #stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined;
  #handlers: GroupConsumerHandlers | undefined;
  readonly #queues = new Map<number, PartitionQueue>();
  readonly #inHand = new Set<Promise<void>>();
  #queued = 0;
  #pumpScheduled = false;
  #recovering = false;
  readonly #stopping = new AbortController();
  /** Per partition, the log end as last asked of the broker: its stream does not report the fetch's high watermark. */
  readonly #logEnds = new Map<number, string>();
  #logEndTimer: NodeJS.Timeout | undefined;
  /** Queue this much (across partitions) before pausing the stream. */
  readonly #highWater = 2_000;
  readonly #maxBatch = 500;

  constructor(base: PlatformaticBase, o: GroupConsumerOptions) {
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
    await this.#openStream();
    // For the lag gauge: at most a second old, one small request a second.
    this.#logEndTimer = setInterval(() => void this.#refreshLogEnds(), 1_000).unref();
    await this.#refreshLogEnds();
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    clearInterval(this.#logEndTimer);
    this.#drop();
    await Promise.all(this.#inHand);
    await this.#stream?.close().catch(() => undefined);
    await this.#consumer.close(true);
  }

  async #openStream(): Promise<void> {
    const stream = await this.#consumer.consume({
      topics: [this.#o.topic],
      autocommit: false,
      mode: MessagesStreamModes.COMMITTED,
      fallbackMode: this.#o.fromBeginning ? MessagesStreamFallbackModes.EARLIEST : MessagesStreamFallbackModes.LATEST,
    });
    this.#stream = stream;
    // A closed stream may still deliver what it had buffered: only the current one's messages count.
    stream.on('data', (message: Message) => {
      if (stream === this.#stream) this.#enqueue(message);
    });
    stream.on('error', (error: unknown) => {
      if (stream === this.#stream) void this.#recover(error);
    });
    stream.on('offsets', () => {
      if (stream === this.#stream) this.#resumeFrom(stream);
    });
    this.#joined(); // the join that consume() made happened before the listener could see the stream
    this.#resumeFrom(stream); // in case the stream knew its offsets already
  }

  /** After a join (or a recovery from an out-of-range offset): where each partition not yet started resumes. */
  #resumeFrom(stream: MessagesStream<Buffer, Buffer, Buffer, Buffer>): void {
    for (const partition of this.#assigned()) {
      const offset = stream.offsetsToFetch.get(`${this.#o.topic}:${partition}`);
      const queue = this.#queue(partition);
      if (offset !== undefined && !queue.started) queue.expect = offset;
    }
  }

  #queue(partition: number): PartitionQueue {
    const queue = this.#queues.get(partition) ?? { messages: [], epoch: 0, expect: undefined, started: false, busy: false };
    this.#queues.set(partition, queue);
    return queue;
  }

  /** Drops everything, closes the stream and, after a pause, reads again from the committed offsets. */
  async #recover(error: unknown): Promise<void> {
    if (this.#stopping.signal.aborted) return;
    this.#handlers!.onError(error);
    if (this.#recovering) return;
    this.#recovering = true;
    try {
      const failed = this.#stream;
      this.#stream = undefined;
      this.#drop();
      await failed?.close().catch(() => undefined);
      for (;;) {
        await sleep(RECOVERY_DELAY_MS, this.#stopping.signal);
        if (this.#stopping.signal.aborted) return;
        try {
          await this.#openStream();
          return;
        } catch (reopen) {
          this.#handlers!.onError(reopen);
        }
      }
    } finally {
      this.#recovering = false;
    }
  }

  async #refreshLogEnds(): Promise<void> {
    try {
      const ends = (await this.#consumer.listOffsets({ topics: [this.#o.topic] })).get(this.#o.topic) ?? [];
      for (const [partition, end] of ends.entries()) this.#logEnds.set(partition, end.toString());
    } catch {
      // The gauge keeps its last figures; the broker's troubles show where consuming fails.
    }
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
      queue.expect = undefined;
      queue.started = false;
    }
    this.#queued = 0;
    if (this.#stream?.isPaused()) this.#stream.resume();
  }

  #enqueue(message: Message): void {
    if (this.#stopping.signal.aborted || !this.#assigned().includes(message.partition)) return;
    const queue = this.#queue(message.partition);
    // Fetched before the join (its resume offset is not known yet), or already accepted.
    if (queue.expect === undefined || message.offset < queue.expect) return;
    if (!queue.started && message.offset > queue.expect) {
      void this.#recover(new Error(`partition ${message.partition} resumed at offset ${message.offset}, not at ${queue.expect}: reading again from the committed offsets`));
      return;
    }
    queue.messages.push(message);
    queue.expect = message.offset + 1n;
    queue.started = true;
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
      if (queue.busy || queue.messages.length === 0 || this.#stopping.signal.aborted) continue;
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
            timestamp: m.timestamp.toString(),
          })),
        },
        {
          // Through the message's own commit: the stream serializes commits per partition and sends the leader epoch.
          commit: async (next) => {
            const last = byOffset.get((BigInt(next) - 1n).toString());
            if (!last) throw new Error(`offset ${next} does not follow a message of this batch`);
            await last.commit();
          },
          isStale: () => this.#stopping.signal.aborted || queue.epoch !== epoch,
          heartbeat: async () => undefined,
        },
      );
    } catch (error) {
      // Not committed, and the partition must not move past it: read again from the committed offsets.
      if (queue.epoch === epoch) void this.#recover(error);
    }
  }
}
