import {
  type CausationContext,
  type EventDefinition,
  eventCatalogue,
  newEvent,
  type OnboardingEvent,
  onboardingEvents,
} from '@ejp/contracts';
import type { EventToAppend, RecordedEvent } from '@ejp/eventstore';
import type { EventCodec } from './command-handler.ts';

const definitions = new Map<string, EventDefinition>(onboardingEvents.map((definition) => [definition.type, definition]));

/**
 * Onboarding events to and from the store, through the contracts catalogue:
 * encode validates the data against the current version and writes the
 * envelope metadata; decode upcasts older versions (EmployeeHired v1 -> v2).
 * Types of other services in the same journey stream are skipped.
 */
export const onboardingEventCodec: EventCodec<OnboardingEvent, CausationContext> = {
  encode(event, context): EventToAppend {
    const definition = definitions.get(event.type);
    if (!definition) throw new Error(`not an onboarding event type: ${event.type}`);
    return newEvent(definition, event.data, context);
  },
  decode(recorded: RecordedEvent): OnboardingEvent | undefined {
    if (!definitions.has(recorded.type)) return undefined;
    const version = recorded.metadata.version;
    if (typeof version !== 'number') throw new Error(`event ${recorded.id} (${recorded.type}) has no metadata.version`);
    // Not re-validated: stored data was valid when written and may now hold REDACTED markers.
    const { data } = eventCatalogue.upcast(recorded.type, version, recorded.data);
    return { type: recorded.type, data } as OnboardingEvent;
  },
};
