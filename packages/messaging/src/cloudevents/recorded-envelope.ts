import type { RecordedEvent } from '@ejp/eventstore';
import type { JourneyEnvelope } from '../envelope.ts';
import { NotAJourneyEventError } from './kafka-codec.ts';

/**
 * A stored event -> its envelope, for the relay's hot path: the same mapping
 * as contracts' `envelopeOf`, with type checks instead of its zod parse (which
 * costs ~14 µs an event, half the relay's own budget). Formats (uuid,
 * date-time, traceparent) are not re-checked here: writers validated them at
 * append (`appendMetadata`), and every consumer validates the
 * full envelope (CloudEvent + zod) on decode.
 */
export function envelopeOfRecorded(event: RecordedEvent): JourneyEnvelope {
  const m = event.metadata;
  const str = (key: string): string => {
    const value = m[key];
    if (typeof value !== 'string' || value.length === 0) throw new NotAJourneyEventError(`event ${event.id}: metadata.${key} is missing or not a string`);
    return value;
  };
  const actor = m.actor as { id?: unknown; kind?: unknown } | null | undefined;
  if (typeof m.version !== 'number' || !Number.isInteger(m.version)) throw new NotAJourneyEventError(`event ${event.id}: metadata.version is missing`);
  if (typeof actor?.id !== 'string' || typeof actor.kind !== 'string') throw new NotAJourneyEventError(`event ${event.id}: metadata.actor is missing`);
  const traceparent = m.traceparent;
  return {
    eventId: event.id,
    type: event.type,
    version: m.version,
    stream: event.streamName,
    revision: event.revision.toString(),
    globalPosition: event.position.toString(),
    occurredAt: str('occurredAt'),
    recordedAt: event.recordedAt.toISOString(),
    actor: { id: actor.id, kind: actor.kind as JourneyEnvelope['actor']['kind'] },
    correlationId: str('correlationId'),
    causationId: str('causationId'),
    ...(typeof traceparent === 'string' ? { traceparent } : {}),
    data: event.data,
  };
}
