import { randomUUID } from 'node:crypto';
import { ANY, BACKWARDS, END, EventStoreDBClient } from '@eventstore/db-client';
import type { CheckpointStore, GlobalPosition } from '../port.ts';
import { parsePosition, positionToString } from './mapping.ts';
import { drain } from './reads.ts';

export interface EsdbCheckpointStoreOptions {
  connectionString: string;
  /**
   * Checkpoint stream of subscriber `id` is `<streamPrefix><id>` (default
   * `$ejp-checkpoint-`). A `$` prefix makes it a system stream: kept out of
   * user-stream filters, category projections and our own subscriptions, but
   * writable only by `$admins` when ACLs are on; choose another prefix (and
   * make sure subscribers filter it out) to run with a non-admin user.
   */
  streamPrefix?: string;
}

const checkpointType = 'Checkpoint';

/**
 * Checkpoints on EventStoreDB itself, for the distributed mode where no SQL
 * database is around: one stream per subscriber holding `Checkpoint` events
 * `{ position: "<decimal>" }`, with `$maxCount: 1` metadata so that only the
 * last one is kept (older ones are scavenged). load() reads that stream
 * backwards, one event.
 */
export async function openEsdbCheckpointStore(options: EsdbCheckpointStoreOptions): Promise<CheckpointStore> {
  return new EsdbCheckpointStore(EventStoreDBClient.connectionString(options.connectionString), options.streamPrefix);
}

class EsdbCheckpointStore implements CheckpointStore {
  readonly #client: EventStoreDBClient;
  readonly #prefix: string;
  /** Streams whose `$maxCount` we have set in this process: once each is enough. */
  readonly #limited = new Set<string>();

  constructor(client: EventStoreDBClient, prefix = '$ejp-checkpoint-') {
    this.#client = client;
    this.#prefix = prefix;
  }

  async load(subscriberId: string): Promise<GlobalPosition | undefined> {
    let position: GlobalPosition | undefined;
    await drain(
      this.#client.readStream(this.#streamOf(subscriberId), { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
      (resolved) => {
        const data = resolved.event?.data as { position?: unknown } | undefined;
        position = parsePosition(data?.position);
        return false;
      },
    );
    return position;
  }

  async store(subscriberId: string, position: GlobalPosition): Promise<void> {
    const stream = this.#streamOf(subscriberId);
    if (!this.#limited.has(stream)) {
      await this.#client.setStreamMetadata(stream, { maxCount: 1 });
      this.#limited.add(stream);
    }
    // 'any': the checkpoint is last-writer-wins; one subscriber instance writes it at a time.
    await this.#client.appendToStream(
      stream,
      { id: randomUUID(), contentType: 'application/json', type: checkpointType, data: { position: positionToString(position) }, metadata: undefined },
      { expectedRevision: ANY },
    );
  }

  async close(): Promise<void> {
    await this.#client.dispose();
  }

  #streamOf(subscriberId: string): string {
    if (subscriberId.length === 0) throw new Error('subscriber id must be non-empty');
    return `${this.#prefix}${subscriberId}`;
  }
}
