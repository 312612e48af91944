import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type StreamCategories, streamCategories } from '@ejp/contracts';
import type { CheckpointStore, EventStore, RecordedEvent } from '@ejp/eventstore';
import { metrics } from '@opentelemetry/api';
import type { KafkaClient, KafkaProducer } from '../kafka/kafka-client.ts';
import { backoffDelay, raceAbort, sleep, whenAborted } from '../abortable.ts';
import { DEFAULT_JOURNEY_TOPIC } from '../envelope.ts';
import { relayLagGauges, watchStoreFollower } from '../lag-gauges.ts';
import { LeaseKeeper } from '../lease/lease-keeper.ts';
import type { LeaseStore } from '../lease/lease-store.ts';
import { type Logger, silentLogger } from '../logger.ts';
import { countDeadLetters, sendWithSpans } from '../telemetry.ts';
import { deadLetterTopicOf, ensureTopics } from '../topics.ts';
import { BatchPipeline } from './batch-pipeline.ts';
import { publishedPrefixesOf } from '../published-streams.ts';
import { type RelayItem, relayItemOf, relayMessages } from './relay-messages.ts';

export interface RelayOptions {
  /** The RAW event store (not the decrypting decorator): personal fields leave it encrypted. */
  store: Pick<EventStore, 'subscribeToAll'> & Partial<Pick<EventStore, 'readAll'>>;
  checkpoints: CheckpointStore;
  leases: LeaseStore;
  /** The Kafka client behind the port (`openKafkaClient`). */
  kafka: KafkaClient;
  topic?: string;
  /** The stream categories: it publishes the streams of the published ones, keyed by their subject (default: the platform's). */
  categories?: StreamCategories;
  /** Absolute base URL of the relay serving the event JSON Schemas, for each CloudEvent's `dataschema` (default DEFAULT_DATASCHEMA_BASE). */
  dataSchemaBase?: string;
  /** When set, the topic and its dead-letter topic are created at start if missing. */
  createTopics?: { partitions: number; replicationFactor: number };
  /** Checkpoint id and lease name (default `relay:<topic>`): relays sharing it take turns. */
  relayId?: string;
  /** This instance, as the lease owner (default host-pid-random). */
  instanceId?: string;
  batchSize?: number;
  /** Save the checkpoint at most this often (default 100 ms); a crash republishes at most this much. */
  checkpointIntervalMs?: number;
  lease?: { ttlMs?: number; renewEveryMs?: number };
  /** Do not start a send with less than this much lease time left (default: a third of the ttl). */
  fenceMarginMs?: number;
  /** Broker acknowledgement timeout per send (default 10 s). */
  ackTimeoutMs?: number;
  /** Backoff between failed sessions (default 200 ms doubling to 10 s). */
  retry?: { initialMs?: number; maxMs?: number };
  logger?: Logger;
}

export type RelayState = 'idle' | 'waiting-for-lease' | 'publishing' | 'recovering' | 'stopped';

/**
 * Publishes every event of a published stream category (`journey-<employeeId>`
 * and the like) to Kafka, in store order, keyed by the stream's subject
 * (the employee id for journey streams), resuming from its checkpoint; the checkpoint is saved
 * only after the broker acknowledged (at least once). Instances sharing a
 * relayId take turns through a lease: only the holder publishes, and it stops
 * before the lease can have expired when it cannot renew it.
 */
export class Relay {
  readonly topic: string;
  readonly relayId: string;
  readonly instanceId: string;
  #state: RelayState = 'idle';
  #published = 0;
  readonly #o: RelayOptions;
  readonly #stop = new AbortController();
  #loop: Promise<void> | undefined;
  #lagGauges: { close(): void } | undefined;
  readonly #log: Logger;
  readonly #relayItem: (event: RecordedEvent) => RelayItem;
  readonly #streamPrefixes: string[];
  readonly #counter = metrics.getMeter('@ejp/messaging').createCounter('ejp.relay.published', {
    description: 'Journey events published to Kafka and acknowledged by the broker',
  });

  constructor(options: RelayOptions) {
    this.#o = options;
    this.topic = options.topic ?? DEFAULT_JOURNEY_TOPIC;
    this.relayId = options.relayId ?? `relay:${this.topic}`;
    this.instanceId = options.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.#log = options.logger ?? silentLogger;
    const categories = options.categories ?? streamCategories;
    this.#relayItem = relayItemOf(categories, options.dataSchemaBase === undefined ? {} : { dataSchemaBase: options.dataSchemaBase });
    this.#streamPrefixes = publishedPrefixesOf(categories, 'relay');
  }

  get state(): RelayState {
    return this.#state;
  }

  /** Events this instance published and had acknowledged (republished ones count again). */
  get published(): number {
    return this.#published;
  }

  /** Creates missing topics, then runs in the background until stop(). */
  async start(): Promise<void> {
    if (this.#loop) return;
    const create = this.#o.createTopics;
    if (create) {
      const { created } = await ensureTopics(this.#o.kafka, [
        { topic: this.topic, ...create },
        { topic: deadLetterTopicOf(this.topic), ...create },
      ]);
      if (created.length > 0) this.#log.info({ created }, 'relay: created topics');
    }
    this.#loop = this.#run();
    // Positions behind: the published events after the checkpoint, whichever instance holds the lease.
    const { store, checkpoints } = this.#o;
    this.#lagGauges = watchStoreFollower(relayLagGauges, this.relayId, { store, checkpoints, checkpointId: this.relayId, streamPrefixes: this.#streamPrefixes });
  }

  /** Stops reading, flushes what was read (when still the lease holder), releases the lease. */
  async stop(): Promise<void> {
    this.#stop.abort(new Error('relay stopped'));
    await this.#loop;
    this.#lagGauges?.close();
    this.#state = 'stopped';
  }

  async #run(): Promise<void> {
    const stop = this.#stop.signal;
    while (!stop.aborted) {
      this.#state = 'waiting-for-lease';
      const keeper = await LeaseKeeper.acquire(
        {
          store: this.#o.leases,
          name: this.relayId,
          owner: this.instanceId,
          ...this.#o.lease,
          onError: (error) => this.#log.warn({ err: error }, 'relay: lease store error'),
        },
        stop,
      );
      if (!keeper) break;
      this.#log.info({ lease: keeper.lease.name, token: keeper.lease.token.toString() }, 'relay: lease acquired');
      let failures = 0;
      while (!stop.aborted && !keeper.lost.aborted) {
        try {
          this.#state = 'publishing';
          await this.#session(keeper);
          failures = 0;
        } catch (error) {
          this.#state = 'recovering';
          this.#log.error({ err: error, failures: ++failures }, 'relay: publishing failed, resuming from the checkpoint');
          const { initialMs = 200, maxMs = 10_000 } = this.#o.retry ?? {};
          await sleep(backoffDelay(failures, initialMs, maxMs), AbortSignal.any([stop, keeper.lost]));
        }
      }
      if (keeper.lost.aborted && !stop.aborted) this.#log.warn({ reason: String(keeper.lost.reason) }, 'relay: lease lost');
      await keeper.release();
    }
  }

  /** One subscription from the checkpoint; returns when stopping or the lease is lost, throws on failure. */
  async #session(keeper: LeaseKeeper): Promise<void> {
    const { checkpoints } = this.#o;
    const ttl = this.#o.lease?.ttlMs ?? 15_000;
    const fenceMarginMs = this.#o.fenceMarginMs ?? Math.floor(ttl / 3);
    const ackTimeoutMs = this.#o.ackTimeoutMs ?? 10_000;
    const failed = new AbortController();
    const producer = this.#o.kafka.producer({ ackTimeoutMs });
    await producer.connect();
    try {
      const pipeline = new BatchPipeline<RelayItem>({
        batchSize: this.#o.batchSize ?? 500,
        publish: (items) => this.#publish(producer, keeper, items, fenceMarginMs),
        checkpoint: (position) => checkpoints.store(this.relayId, position),
        checkpointIntervalMs: this.#o.checkpointIntervalMs ?? 100,
        onFailure: (error) => failed.abort(error),
      });
      const after = await checkpoints.load(this.relayId);
      this.#log.info({ after: after?.toString() ?? 'start' }, 'relay: subscribing');
      const subscription = this.#o.store.subscribeToAll({
        after,
        filter: { streamPrefixes: this.#streamPrefixes },
        // Mapped as read, so building CloudEvents overlaps the send in flight.
        handler: (event) => pipeline.add(this.#relayItem(event)),
        onError: (error) => failed.abort(error),
      });
      await Promise.race([subscription.done, whenAborted(AbortSignal.any([this.#stop.signal, keeper.lost, failed.signal]))]);
      await subscription.stop();
      if (failed.signal.aborted) {
        await pipeline.discard();
        throw failed.signal.reason;
      }
      // Stopping while still the holder: publish what was read so the next instance starts later.
      if (keeper.lost.aborted) await pipeline.discard();
      else await pipeline.flush();
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  }

  async #publish(producer: KafkaProducer, keeper: LeaseKeeper, items: RelayItem[], marginMs: number) {
    // The fence: never start a send that could still be running when another instance may hold the lease.
    keeper.assertHeld(marginMs);
    // If the lease is lost mid-send, give up at once: the session's cleanup disconnects the producer.
    const topicMessages = relayMessages(items, this.topic);
    await sendWithSpans(topicMessages, () => raceAbort(producer.send(topicMessages), keeper.lost));
    countDeadLetters(items.filter((item) => item.dead).length, deadLetterTopicOf(this.topic), this.relayId);
    this.#published += items.length;
    this.#counter.add(items.length, { topic: this.topic });
  }
}
