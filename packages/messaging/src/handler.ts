import type { JourneyEnvelope } from './envelope.ts';

/**
 * The one handler interface of both buses (Kafka consumer runtime and the
 * in-process bus of standalone mode), so a projector is written once.
 *
 * Contract:
 * - `events` are in order per employee (stream), oldest first; a batch may hold
 *   several employees.
 * - Delivery is at least once: after a crash or retry the same events come
 *   again, so `handle` must be idempotent (skip revisions already applied).
 * - Resolve only once the effects are durable: offsets/checkpoints are saved
 *   after `handle` resolves, never before.
 * - Throw to have the batch retried; an event that keeps failing is dead-lettered.
 */
export interface JourneyEventHandler {
  /** Stable, unique per handler: names the consumer group suffix / checkpoint. */
  readonly name: string;
  handle(events: readonly JourneyEnvelope[]): Promise<void>;
}
