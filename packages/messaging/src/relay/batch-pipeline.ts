import { CheckpointWriter } from './checkpoint-writer.ts';

/** What the pipeline carries: anything with the store position it stands for. */
export interface Positioned {
  position: bigint;
}

export interface BatchPipelineOptions<T extends Positioned> {
  /** The most events one send carries. */
  batchSize: number;
  /** Publishes one batch; resolves only once the broker acknowledged all of it. */
  publish(items: T[]): Promise<void>;
  /**
   * Saves the position of an acknowledged batch's last item: only after its
   * publish resolved, in order, overlapping the next batch's publish, and at
   * most once per `checkpointIntervalMs` (see CheckpointWriter).
   */
  checkpoint(position: bigint): Promise<void>;
  /** Default 0: after every acknowledged batch. */
  checkpointIntervalMs?: number;
  /** Told once, on the first failed publish or checkpoint; nothing is sent after it. */
  onFailure(error: unknown): void;
  /**
   * Off by default. When set, a batch is taken from the buffer only once the
   * buffer stopped growing for one turn of the event loop (or after
   * `maxWaitMs`, or when it holds `batchSize`): when the publisher shares the
   * loop with whatever produces the items (the in-process bus beside the
   * command routes), a burst of items goes out as one batch after the burst,
   * instead of one send per item between the producer's requests. A lone item
   * waits one loop turn.
   */
  settle?: { maxWaitMs: number };
}

/**
 * Turns the subscription's one-event-at-a-time delivery into acknowledged
 * batches, strictly in order, batching naturally (like a group commit): an
 * event that arrives while nothing is on the wire is sent at once, alone;
 * events that arrive while a send is in flight accumulate and go out together
 * (up to `batchSize`) the moment it is acknowledged. So a lone event never
 * waits for a timer, and under load batches grow to what one send's round
 * trip lets through. Batch k+1 is published only after batch k was
 * acknowledged, and checkpoint k is saved only after that ack. Callers map
 * events to messages as they `add`, so mapping overlaps sending; `add` waits
 * (back-pressure on the subscription) when a full batch is waiting behind
 * the one in flight, until that one is acknowledged and the full batch is on
 * the wire.
 */
export class BatchPipeline<T extends Positioned> {
  readonly #options: BatchPipelineOptions<T>;
  #buffer: T[] = [];
  /**
   * The send on the wire, if any; never rejects (failures are kept in
   * #failure). It resolves only after the next batch (if any) was taken from
   * the buffer and put on the wire, so whoever awaits it sees room again.
   */
  #inFlight: Promise<void> | undefined;
  readonly #checkpoints: CheckpointWriter;
  #failure: { error: unknown } | undefined;

  constructor(options: BatchPipelineOptions<T>) {
    this.#options = options;
    this.#checkpoints = new CheckpointWriter(options.checkpoint, options.checkpointIntervalMs ?? 0, (error) => this.#fail(error));
  }

  /** Adds one event; resolves when the subscription may deliver the next. */
  async add(item: T): Promise<void> {
    if (this.#failure) throw this.#failure.error;
    this.#buffer.push(item);
    this.#pump();
    while (this.#inFlight && this.#buffer.length >= this.#options.batchSize) await this.#inFlight;
  }

  /** Sends what is buffered and waits until everything queued is acknowledged and checkpointed. */
  async flush(): Promise<void> {
    this.#pump();
    while (this.#inFlight) await this.#inFlight;
    if (!this.#failure) await this.#checkpoints.drain();
    if (this.#failure) throw this.#failure.error;
  }

  /** Drops what is buffered (it was not checkpointed, so the next session re-reads it) and waits for the send in flight. */
  async discard(): Promise<void> {
    this.#buffer = [];
    while (this.#inFlight) await this.#inFlight;
    await this.#checkpoints.cancel();
  }

  /** Puts the next batch on the wire unless one is there already (then its completion does it). */
  #pump(): void {
    if (this.#inFlight || this.#failure || this.#buffer.length === 0) return;
    const settled = this.#options.settle ? this.#settle(this.#options.settle.maxWaitMs) : undefined;
    const take = () => this.#send(this.#buffer.splice(0, this.#options.batchSize));
    this.#inFlight = (settled ? settled.then(take) : take()).then(() => {
      this.#inFlight = undefined;
      this.#pump();
    });
  }

  /** Resolves once the buffer did not grow during one loop turn, is full, or maxWaitMs passed. */
  async #settle(maxWaitMs: number): Promise<void> {
    const until = performance.now() + maxWaitMs;
    for (let seen = -1; seen !== this.#buffer.length && this.#buffer.length < this.#options.batchSize && performance.now() < until; ) {
      seen = this.#buffer.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async #send(batch: T[]): Promise<void> {
    if (this.#failure || batch.length === 0) return;
    try {
      await this.#options.publish(batch);
    } catch (error) {
      return this.#fail(error);
    }
    this.#checkpoints.acked(batch.at(-1)!.position);
  }

  #fail(error: unknown): void {
    if (this.#failure) return;
    this.#failure = { error };
    this.#options.onFailure(error);
  }
}
