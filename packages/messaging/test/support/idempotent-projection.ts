import type { JourneyEnvelope, JourneyEventHandler } from '../../src/index.ts';

/**
 * A consumer the way the platform writes them: it remembers the last revision
 * applied per employee stream and skips anything at or below it, so a
 * redelivered event has no second effect. `effects` is what was applied.
 */
export class IdempotentProjection implements JourneyEventHandler {
  readonly name: string;
  readonly lastRevision = new Map<string, bigint>();
  readonly effects: JourneyEnvelope[] = [];
  deliveries = 0;

  constructor(name = 'projection') {
    this.name = name;
  }

  async handle(events: readonly JourneyEnvelope[]): Promise<void> {
    for (const event of events) {
      this.deliveries++;
      const revision = BigInt(event.revision);
      const last = this.lastRevision.get(event.stream);
      if (last !== undefined && revision <= last) continue;
      if (revision !== (last ?? -1n) + 1n) throw new Error(`${event.stream}: revision ${revision} after ${last}: a gap`);
      this.lastRevision.set(event.stream, revision);
      this.effects.push(event);
    }
  }
}
