import { type CausationContext, EventCatalogue, type EventDefinition, type EventOf, newEvent } from '@ejp/contracts';
import type { EventToAppend, RecordedEvent } from '@ejp/eventstore';

/** How domain events become stored events and back; `Context` is whatever the envelope needs (actor, ids...). */
export interface EventCodec<Event, Context> {
  encode(event: Event, context: Context & { id: string; occurredAt: Date }): EventToAppend;
  /** The domain event of a stored one (upcast to the current version); undefined for types this decider ignores. */
  decode(recorded: RecordedEvent): Event | undefined;
}

/**
 * The codec of a service's events, straight from their contracts
 * definitions: encode validates the data against the current version and
 * writes the envelope metadata (`newEvent`); decode upcasts older versions.
 * Types not in `definitions` (another service's events in a shared stream,
 * such as `journey-<employeeId>`) decode to undefined, so the fold skips them.
 *
 *   const codec = catalogueCodec(onboardingEvents);   // EventCodec<OnboardingEvent, CausationContext>
 */
export function catalogueCodec<const Definitions extends readonly EventDefinition[]>(
  definitions: Definitions,
): EventCodec<EventOf<Definitions[number]>, CausationContext> {
  // A catalogue of just these types: the same upcasting rules as the platform's, and a duplicate type fails here.
  const catalogue = new EventCatalogue(definitions);
  type Event = EventOf<Definitions[number]>;
  return {
    encode(event: Event, context): EventToAppend {
      if (!catalogue.has(event.type)) throw new Error(`not an event type of this codec: ${event.type}`);
      return newEvent(catalogue.definition(event.type), event.data, context);
    },
    decode(recorded: RecordedEvent): Event | undefined {
      if (!catalogue.has(recorded.type)) return undefined;
      const version = recorded.metadata.version;
      if (typeof version !== 'number') throw new Error(`event ${recorded.id} (${recorded.type}) has no metadata.version`);
      // Not re-validated: stored data was valid when written and may now hold REDACTED markers.
      const { data } = catalogue.upcast(recorded.type, version, recorded.data);
      return { type: recorded.type, data } as Event;
    },
  };
}
