import { eventTypeFilter, type Filter, streamNameFilter } from '@eventstore/db-client';
import type { AllFilter } from '../port.ts';

/**
 * How an AllFilter runs against EventStoreDB: a server-side filter that
 * narrows what crosses the wire (a subscription takes one filter, on stream
 * name or on event type, never both), and an exact client-side predicate
 * applied to everything received. The server filters are prefix matches, so
 * they may let more through (event type `Praised` also matches
 * `PraisedAgain`); the predicate makes the result exact, excludes system
 * events, and applies the criterion the server could not.
 *
 * `@eventstore/db-client` v6 has no filter on readAll (it always sends
 * NoFilter), so readAll uses the predicate only; `server` is for
 * subscribeToAll.
 */
export interface FilterPlan {
  server: Filter;
  accepts(event: { streamName: string; type: string }): boolean;
}

/** System events: `$`-prefixed streams (`$$metadata`, `$ce-`, `$stats-`, our `$ejp-checkpoint-`) or `$`-prefixed types (`$>`, `$streamDeleted`). */
export function isSystemEvent(event: { streamName: string; type: string }): boolean {
  return event.streamName.startsWith('$') || event.type.startsWith('$');
}

export function planFilter(filter: AllFilter = {}): FilterPlan {
  const { streamPrefixes, eventTypes } = filter;
  return {
    server: serverFilter(streamPrefixes, eventTypes),
    accepts: (event) =>
      !isSystemEvent(event) &&
      (streamPrefixes === undefined || streamPrefixes.some((prefix) => event.streamName.startsWith(prefix))) &&
      (eventTypes === undefined || eventTypes.includes(event.type)),
  };
}

function serverFilter(streamPrefixes: string[] | undefined, eventTypes: string[] | undefined): Filter {
  // Stream prefixes first: per-employee or per-test prefixes are the more selective criterion.
  if (streamPrefixes && streamPrefixes.length > 0) return streamNameFilter({ prefixes: streamPrefixes });
  if (eventTypes && eventTypes.length > 0) return eventTypeFilter({ prefixes: eventTypes });
  // Nothing asked for (or an empty list, which matches nothing client-side): at least keep system streams off the wire.
  return streamNameFilter({ regex: '^[^$]' });
}
