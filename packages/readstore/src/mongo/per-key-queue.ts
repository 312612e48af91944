/**
 * Runs work for one key strictly one after another, different keys in parallel.
 *
 * Why: FerretDB v1 evaluates an update's filter and writes the document in two
 * steps, so two concurrent conditional updates of one document can both pass the
 * `rev < r` check and the lower revision may land last (measured: 30 concurrent
 * updates ended on revision 16..29, not 30). Serialising per document inside the
 * process closes that race for one store; MongoDB itself needs no help (its
 * updateOne is atomic per document), and the projector writes one employee's
 * events in order anyway, so the queue costs nothing there.
 */
export class PerKeyQueue {
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.runExclusive([key], work);
  }

  /**
   * Runs `work` once every earlier work of any of `keys` is done, and holds all
   * of them until it is. No deadlock: each call waits only for calls made before it.
   */
  runExclusive<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    const previous = unique.map((key) => this.#tails.get(key)).filter((tail) => tail !== undefined);
    const result = previous.length > 0 ? Promise.all(previous).then(work) : work();
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    for (const key of unique) this.#tails.set(key, tail);
    void tail.then(() => {
      for (const key of unique) if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running (tests check that the map does not grow without bound). */
  get size(): number {
    return this.#tails.size;
  }
}
