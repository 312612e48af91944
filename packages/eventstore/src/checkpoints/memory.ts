import type { CheckpointStore, GlobalPosition } from '../port.ts';

/** Checkpoints in a Map: for tests and for subscribers that rebuild from scratch at every start. */
export class InMemoryCheckpointStore implements CheckpointStore {
  readonly #positions = new Map<string, GlobalPosition>();

  async load(subscriberId: string): Promise<GlobalPosition | undefined> {
    return this.#positions.get(subscriberId);
  }

  async store(subscriberId: string, position: GlobalPosition): Promise<void> {
    this.#positions.set(subscriberId, position);
  }

  async close(): Promise<void> {}
}
