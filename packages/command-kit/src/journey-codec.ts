import { type CausationContext, type EventCatalogue, type EventDefinition, type EventOf, eventCatalogue } from '@ejp/contracts';
import type { EventToAppend } from '@ejp/eventstore';
import { catalogueCodec, type EventCodec } from './event-codec.ts';

/**
 * The codec of a service that decides on `journey-<employeeId>` streams,
 * which every service of the platform shares. It appends only the service's
 * own types (`appends`) but decodes everything in `reads`, so the decider's
 * fold sees the events of other services that its rules depend on.
 *
 * The journey stage is the one such fact every service needs (an employee
 * who departed, recorded by offboarding, may no longer complete onboarding
 * tasks; a rehire opens a new chapter). So this refuses to build while
 * `reads` misses a platform type that moves the stage (a `journey:` effect in
 * its contracts definition): the fold through `evolveJourneyStage` then sees
 * every stage move, and a stage-moving type added later fails every journey
 * service's tests until it reads it, instead of being skipped silently, as
 * `catalogueCodec(ownTypes)` does.
 *
 *   const codec = journeyCodec(onboardingEvents, [...onboardingEvents, ...offboardingEvents]);
 */
export function journeyCodec<const Appends extends readonly EventDefinition[], const Reads extends readonly EventDefinition[]>(
  appends: Appends,
  reads: Reads,
  catalogue: EventCatalogue = eventCatalogue,
): EventCodec<EventOf<Reads[number]>, CausationContext> {
  const read = new Set(reads.map((definition) => definition.type));
  const notRead = appends.filter((definition) => !read.has(definition.type)).map((definition) => definition.type);
  if (notRead.length > 0) throw new Error(`journeyCodec: a decider folds what it appends; reads lacks ${notRead.join(', ')}`);
  const missed = stageMovingTypes(catalogue).filter((type) => !read.has(type));
  if (missed.length > 0) {
    throw new Error(`journeyCodec: reads lacks ${missed.join(', ')}, which move the journey stage; the stage fold would skip them`);
  }
  const own = new Set(appends.map((definition) => definition.type));
  const codec = catalogueCodec(reads);
  return {
    encode(event, context): EventToAppend {
      // Another service's type is theirs to append, with their rules.
      if (!own.has(event.type)) throw new Error(`not an event type this service appends: ${event.type}`);
      return codec.encode(event, context);
    },
    decode: (recorded) => codec.decode(recorded),
  };
}

/** The platform's event types whose contracts definition moves the journey stage (or opens a chapter). */
export function stageMovingTypes(catalogue: EventCatalogue = eventCatalogue): string[] {
  return catalogue.types().filter((type) => catalogue.definition(type).journey !== undefined);
}
