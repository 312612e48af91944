import type { StreamCategory } from '@ejp/contracts';
import type { ReadModel, TimelineEntry } from '@ejp/contracts/read-models';
import type { DocumentReader, DocumentTarget, ProjectedEvent } from '@ejp/projection-kit';

/** Where the timeline keeps each journey's state (stage fold, task titles): contributions read it for whom they fan out to. */
export const TIMELINE_STATE_COLLECTION = 'timeline_state';

/**
 * What a service adds to the journey timeline beyond one entry per event in
 * the event's own journey: fields of that entry (who may see it) and entries
 * in OTHER employees' timelines (a recognition's recipients, a shout-out's
 * members), written by fan-out from the one event. Each service's part is a
 * file of its own, listed here once.
 */
export interface TimelineContribution<P = unknown> {
  /** Stream categories besides journeys whose events it turns into entries (the timeline writes no entry of their own for them). */
  categories?: readonly StreamCategory[];
  /** Collections the timeline projection keeps for it (emptied and refilled with the timeline). */
  readModels?: readonly ReadModel[];
  /** Once per batch: what the other methods need from other read models. */
  prepare(events: readonly ProjectedEvent[], reader: DocumentReader): Promise<P>;
  /** The event's own entry, changed (or as it is). */
  ownEntry?(entry: TimelineEntry, event: ProjectedEvent, prepared: P): TimelineEntry;
  /** Further documents the event changes: entries in other timelines, and its own bookkeeping. */
  documents?(event: ProjectedEvent, prepared: P): readonly DocumentTarget[];
}

/** Erases the prepared type, so contributions of different kinds fit in one list. */
export function timelineContribution<P>(contribution: TimelineContribution<P>): TimelineContribution {
  return contribution as TimelineContribution;
}
