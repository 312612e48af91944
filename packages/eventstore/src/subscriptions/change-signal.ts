/**
 * "Something may have been appended": raised after a local commit, by a
 * PostgreSQL NOTIFY, or by a poll timer. A version counter lets a reader that
 * looked at the store tell whether a change arrived while it was reading, so
 * that a notification between "read returned nothing" and "start waiting" is
 * never lost.
 */
export class ChangeSignal {
  #version = 0;
  readonly #listeners = new Set<() => void>();

  get version(): number {
    return this.#version;
  }

  notify(): void {
    this.#version++;
    for (const listener of [...this.#listeners]) listener();
  }

  /** Registers a listener; returns the function that removes it. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
