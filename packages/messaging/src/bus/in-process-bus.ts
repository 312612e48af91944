import { envelopeOf, type StreamCategories, streamCategories } from '@ejp/contracts';
import type { CheckpointStore, EventStore, RecordedEvent } from '@ejp/eventstore';
import { backoffDelay, sleep, whenAborted } from '../abortable.ts';
import type { JourneyEnvelope } from '../envelope.ts';
import type { JourneyEventHandler } from '../handler.ts';
import { consumerLagGauges, watchStoreFollower } from '../lag-gauges.ts';
import { type Logger, silentLogger } from '../logger.ts';
import { publishedPrefixesOf } from '../published-streams.ts';
import { BatchPipeline } from '../relay/batch-pipeline.ts';
import { describeError, handleWithRetry, type RetryPolicy } from '../retry-policy.ts';
import { countDeadLetters, processWithSpan } from '../telemetry.ts';

/** Why an event was given up on, as the standalone dead-letter sink receives it. */
export interface DeadLetter {
  handler: string;
  event: RecordedEvent;
  error: string;
  attempts: number;
}

export interface InProcessBusOptions {
  /** The same raw store the relay reads, so handlers see exactly what Kafka would carry. */
  store: Pick<EventStore, 'subscribeToAll'> & Partial<Pick<EventStore, 'readAll'>>;
  checkpoints: CheckpointStore;
  handlers: JourneyEventHandler[];
  /** The stream categories: handlers get the events of the published ones, as the relay carries them (default: the platform's). */
  categories?: StreamCategories;
  /**
   * The most events per handle() call (default 200). Batches form naturally:
   * an event is handed over at once when the handler is idle; events arriving
   * while it is busy go together to its next call. No timer delays an event.
   */
  batchSize?: number;
  /**
   * Off by default. Where the handlers share the event loop with the command
   * routes that append (standalone): a batch is handed over once no new event
   * arrived for one loop turn, at most this many ms after its first event
   * (BatchPipeline's `settle`). A burst of commands is then projected in one
   * handle() call (one read-store transaction) after their answers went out,
   * instead of one projection per command between them; a lone event waits
   * one loop turn.
   */
  settleMaxWaitMs?: number;
  /** Save checkpoints at most this often (default 100 ms); a crash redelivers at most this much. */
  checkpointIntervalMs?: number;
  retry?: RetryPolicy;
  /** Where poison events go (default: logged). The event itself stays in the store, so nothing is lost. */
  onDeadLetter?: (deadLetter: DeadLetter) => Promise<void>;
  logger?: Logger;
}

/**
 * The event bus of standalone mode: no Kafka. Each handler follows the event
 * store through its own catch-up subscription and its own checkpoint
 * (`bus:<handler name>`), so a slow or failing handler never holds back the
 * others. Same contract as the Kafka runtime: in order per stream (here even
 * globally), at least once, checkpoint after handle() resolved, poison to the
 * dead-letter sink after retries.
 */
export class InProcessBus {
  readonly #o: InProcessBusOptions;
  readonly #log: Logger;
  readonly #streamPrefixes: string[];
  readonly #stop = new AbortController();
  #loops: Promise<void>[] = [];
  #lagGauges: { close(): void }[] = [];

  constructor(options: InProcessBusOptions) {
    const names = options.handlers.map((h) => h.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) throw new Error(`in-process bus: two handlers are named ${duplicate}; names key their checkpoints`);
    this.#o = options;
    this.#log = options.logger ?? silentLogger;
    this.#streamPrefixes = publishedPrefixesOf(options.categories ?? streamCategories, 'in-process bus');
  }

  static checkpointIdOf(handler: JourneyEventHandler): string {
    return `bus:${handler.name}`;
  }

  start(): void {
    if (this.#loops.length > 0) return;
    this.#loops = this.#o.handlers.map((handler) => this.#run(handler));
    // Each handler's lag behind the store: the events after its checkpoint.
    const { store, checkpoints } = this.#o;
    this.#lagGauges = this.#o.handlers.map((handler) =>
      watchStoreFollower(consumerLagGauges, handler.name, { store, checkpoints, checkpointId: InProcessBus.checkpointIdOf(handler), streamPrefixes: this.#streamPrefixes }),
    );
    for (const handler of this.#o.handlers) countDeadLetters(0, 'in-process', handler.name);
  }

  /** Stops every subscription; what was handled is checkpointed first. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await Promise.all(this.#loops);
    for (const gauge of this.#lagGauges) gauge.close();
  }

  async #run(handler: JourneyEventHandler): Promise<void> {
    let failures = 0;
    while (!this.#stop.signal.aborted) {
      try {
        await this.#session(handler);
        failures = 0;
      } catch (error) {
        if (this.#stop.signal.aborted) return; // stopped mid-retry: nothing was checkpointed, nothing to report
        failures++;
        this.#log.error({ err: error, handler: handler.name, failures }, 'bus: handler session failed, resuming from its checkpoint');
        await sleep(backoffDelay(failures, 200, 10_000), this.#stop.signal);
      }
    }
  }

  async #session(handler: JourneyEventHandler): Promise<void> {
    const { checkpoints } = this.#o;
    const checkpointId = InProcessBus.checkpointIdOf(handler);
    const failed = new AbortController();
    const pipeline = new BatchPipeline<RecordedEvent>({
      batchSize: this.#o.batchSize ?? 200,
      publish: (events) => this.#deliver(handler, events),
      checkpoint: (position) => checkpoints.store(checkpointId, position),
      checkpointIntervalMs: this.#o.checkpointIntervalMs ?? 100,
      onFailure: (error) => failed.abort(error),
      ...(this.#o.settleMaxWaitMs === undefined ? {} : { settle: { maxWaitMs: this.#o.settleMaxWaitMs } }),
    });
    const subscription = this.#o.store.subscribeToAll({
      after: await checkpoints.load(checkpointId),
      filter: { streamPrefixes: this.#streamPrefixes },
      handler: (event) => pipeline.add(event),
      onError: (error) => failed.abort(error),
    });
    await Promise.race([subscription.done, whenAborted(AbortSignal.any([this.#stop.signal, failed.signal]))]);
    await subscription.stop();
    if (failed.signal.aborted) {
      await pipeline.discard();
      throw failed.signal.reason;
    }
    await pipeline.flush();
  }

  /** Hands one batch to the handler with retries; throws only when stopping mid-retry (nothing is checkpointed then). */
  async #deliver(handler: JourneyEventHandler, events: RecordedEvent[]): Promise<void> {
    const good: { event: RecordedEvent; envelope: JourneyEnvelope }[] = [];
    for (const event of events) {
      try {
        good.push({ event, envelope: envelopeOf(event) });
      } catch (error) {
        await this.#deadLetter({ handler: handler.name, event, error: describeError(error), attempts: 0 });
      }
    }
    if (good.length === 0) return;
    const outcome = await handleWithRetry(
      good,
      (items) => {
        const envelopes = items.map((i) => i.envelope);
        // The same process span as on Kafka: the command's trace goes on in this process.
        return processWithSpan(envelopes, { system: 'in-process', destination: 'in-process', consumer: handler.name }, () => handler.handle(envelopes));
      },
      this.#o.retry,
      this.#stop.signal,
      (error, attempt) => this.#log.warn({ err: error, attempt, handler: handler.name }, 'bus: handler failed, retrying'),
    );
    if (outcome.kind === 'aborted') throw new Error('bus stopped while retrying');
    for (const p of outcome.poisoned) {
      await this.#deadLetter({ handler: handler.name, event: p.item.event, error: describeError(p.error), attempts: p.attempts });
    }
  }

  async #deadLetter(deadLetter: DeadLetter): Promise<void> {
    const { event } = deadLetter;
    this.#log.error(
      { handler: deadLetter.handler, eventId: event.id, stream: event.streamName, revision: event.revision.toString(), error: deadLetter.error },
      'bus: dead-lettered',
    );
    countDeadLetters(1, 'in-process', deadLetter.handler);
    await this.#o.onDeadLetter?.(deadLetter);
  }
}
