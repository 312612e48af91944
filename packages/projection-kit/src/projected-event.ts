import type { Actor, EventCatalogue, EventDefinition, StreamCategories, StreamCategory } from '@ejp/contracts';
import type { JourneyEnvelope } from '@ejp/messaging';
import { toSafeEvent } from './safe-event.ts';

/**
 * An event as a projection sees it: its data at the catalogue's current
 * version with every personal field left out (read models hold no personal
 * data, so there is nothing to erase in them), its stream's category and
 * subject from the category declaration, the revision as a number, and
 * times normalised to UTC `toISOString` (they compare as strings).
 */
export interface ProjectedEvent {
  eventId: string;
  type: string;
  /** The version `data` is in: always the catalogue's current one (older events are upcast). */
  version: number;
  stream: string;
  category: StreamCategory;
  /** Whom the stream is about (`journey-<employeeId>` → the employee id). */
  subject: string;
  /** Position in the stream (a stream never nears 2^53 events). */
  revision: number;
  globalPosition: string;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string;
  /** The catalogue's definition; undefined for a type this build does not know (then `data` is empty). */
  definition: EventDefinition | undefined;
  /** Non-personal data; `{}` for an unknown type, whose personal fields cannot be located. */
  data: Record<string, unknown>;
  /** JSON paths (`$.email`) of the personal fields left out of `data`. */
  withheld: string[];
}

/**
 * Decodes an envelope for the projections, or undefined for a stream of no
 * declared category (`$ejp-…` internals, another platform's streams): no
 * projection can tell whom it is about. A known type with an unknown version
 * throws: the reader is behind its writers, and the event must go to the
 * dead letters rather than vanish silently.
 */
export function toProjectedEvent(envelope: JourneyEnvelope, catalogue: EventCatalogue, categories: StreamCategories): ProjectedEvent | undefined {
  const category = categories.of(envelope.stream);
  if (!category) return undefined;
  const safe = toSafeEvent(catalogue, envelope.type, envelope.version, envelope.data);
  return {
    eventId: envelope.eventId,
    type: envelope.type,
    version: safe?.version ?? envelope.version,
    stream: envelope.stream,
    category,
    subject: category.subjectOf(envelope.stream),
    revision: Number(envelope.revision),
    globalPosition: envelope.globalPosition,
    occurredAt: new Date(envelope.occurredAt).toISOString(),
    recordedAt: new Date(envelope.recordedAt).toISOString(),
    actor: envelope.actor,
    correlationId: envelope.correlationId,
    causationId: envelope.causationId,
    definition: safe?.definition,
    data: safe?.data ?? {},
    withheld: safe?.withheld ?? [],
  };
}
