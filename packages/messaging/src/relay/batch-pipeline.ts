import { CheckpointWriter } from './checkpoint-writer.ts';

/** What the pipeline carries: anything with the store position it stands for. */
export interface Positioned {
  position: bigint;
}

export interface BatchPipelineOptions<T extends Positioned> {
  /** Send when this many events are waiting... */
  batchSize: number;
  /** ...or when the oldest waiting event is this old (ms). */
  maxWaitMs: number;
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
}

/**
 * Turns the subscription's one-event-at-a-time delivery into acknowledged
 * batches, strictly in order: batch k+1 is published only after batch k was
 * acknowledged, and checkpoint k is saved only after that ack. While one
 * batch is on the wire the next one fills (callers map events to messages as
 * they `add`, so mapping overlaps sending too); `add` waits (back-pressure on
 * the subscription) when a full batch is queued behind the one in flight.
 */
export class BatchPipeline<T extends Positioned> {
  readonly #options: BatchPipelineOptions<T>;
  #buffer: T[] = [];
  #timer: NodeJS.Timeout | undefined;
  /** The chain of queued sends; never rejects (failures are kept in #failure). */
  #chain: Promise<void> = Promise.resolve();
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
    if (this.#buffer.length >= this.#options.batchSize) {
      await this.#dispatch();
    } else if (!this.#timer) {
      this.#timer = setTimeout(() => void this.#dispatch(), this.#options.maxWaitMs);
    }
  }

  /** Sends what is buffered and waits until everything queued is acknowledged and checkpointed. */
  async flush(): Promise<void> {
    void this.#dispatch();
    await this.#chain;
    if (!this.#failure) await this.#checkpoints.drain();
    if (this.#failure) throw this.#failure.error;
  }

  /** Drops what is buffered (it was not checkpointed, so the next session re-reads it) and waits for the send in flight. */
  async discard(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#buffer = [];
    await this.#chain;
    await this.#checkpoints.cancel();
  }

  /** Queues the buffer behind the sends already queued; resolves when the previous send is done. */
  #dispatch(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#buffer.length === 0) return this.#chain;
    const batch = this.#buffer;
    this.#buffer = [];
    const previous = this.#chain;
    // Linked synchronously, so a timer flush and a size flush can never overtake each other.
    this.#chain = previous.then(() => this.#send(batch));
    return previous;
  }

  async #send(batch: T[]): Promise<void> {
    if (this.#failure) return;
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
