import { performance } from 'node:perf_hooks';

/**
 * Saves acknowledged positions behind the sends, at most once per
 * `intervalMs`: when several batches are acknowledged meanwhile, only the
 * latest position is written. A SQLite checkpoint is a synchronous fsync
 * (~4 ms here) that blocks the event loop; one per 500-event batch cost the
 * relay ~10% of its throughput. A wider interval only widens what a crash
 * republishes, which delivery at least once already allows.
 */
export class CheckpointWriter {
  readonly #save: (position: bigint) => Promise<void>;
  readonly #intervalMs: number;
  readonly #onFailure: (error: unknown) => void;
  #acked: bigint | undefined;
  #written: bigint | undefined;
  #lastWriteAt = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | undefined;
  /** Writes in order, never concurrently; never rejects. */
  #writing: Promise<void> = Promise.resolve();
  #failed = false;

  constructor(save: (position: bigint) => Promise<void>, intervalMs: number, onFailure: (error: unknown) => void) {
    this.#save = save;
    this.#intervalMs = intervalMs;
    this.#onFailure = onFailure;
  }

  /** The broker acknowledged everything up to `position`. */
  acked(position: bigint): void {
    this.#acked = position;
    if (this.#timer || this.#failed) return;
    // Even with no interval, a timer (not a microtask) lets the next send reach the socket before the fsync blocks.
    const wait = Math.max(0, this.#lastWriteAt + this.#intervalMs - performance.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#write();
    }, wait);
  }

  /** Writes the last acknowledged position now and waits for every write. */
  async drain(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#write();
  }

  /** Drops what is not written yet (the next session re-reads it) and waits for a write in progress. */
  async cancel(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#acked = this.#written;
    await this.#writing;
  }

  #write(): Promise<void> {
    this.#writing = this.#writing.then(async () => {
      const position = this.#acked;
      if (this.#failed || position === undefined || position === this.#written) return;
      try {
        await this.#save(position);
        this.#written = position;
        this.#lastWriteAt = performance.now();
      } catch (error) {
        this.#failed = true;
        this.#onFailure(error);
      }
    });
    return this.#writing;
  }
}
