import { isoDay, journeyStageOn, journeyStream, type StreamCategory } from '@ejp/contracts';
import { type ReadModel, type TimelineEntry, TimelineReadModel } from '@ejp/contracts/read-models';
import { type DocumentReader, type DocumentTarget, getAll, type ProjectedEvent, put } from '@ejp/projection-kit';
import type { TimelineStreamState } from './timeline-projection.ts';

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
  /**
   * Further documents the event changes: entries in other timelines, and its own bookkeeping.
   * `own` is the event's own entry (after every ownEntry) when the event is of a journey.
   */
  documents?(event: ProjectedEvent, prepared: P, own: TimelineEntry | undefined): readonly DocumentTarget[];
}

/** Erases the prepared type, so contributions of different kinds fit in one list. */
export function timelineContribution<P>(contribution: TimelineContribution<P>): TimelineContribution {
  return contribution as TimelineContribution;
}

/** Each person's timeline state and the last revision of their journey it applied, by journey stream. */
export type TimelineStates = Map<string, { state: TimelineStreamState; revision: number }>;

/** Once per batch: the timeline states of the people a contribution writes entries for. */
export async function timelineStatesOf(reader: DocumentReader, employeeIds: readonly string[]): Promise<TimelineStates> {
  const states: TimelineStates = new Map();
  if (employeeIds.length === 0) return states;
  for (const [stream, doc] of await getAll<TimelineStreamState>(reader, TIMELINE_STATE_COLLECTION, [...new Set(employeeIds)].map(journeyStream))) {
    states.set(stream, { state: doc.doc, revision: doc.sourceRevisions?.[stream] ?? 0 });
  }
  return states;
}

/**
 * An entry for an event of another stream (a mentoring round, a service
 * request) in one person's timeline, id `<eventId>|<employeeId>`: placed after
 * the last of their own events the timeline had applied, in the stage and
 * chapter they were in then. When the bus brings that stream before their
 * journey, the entry opens their timeline, in role in their first chapter,
 * rather than being lost; a rebuild (global order) places it after their own events.
 */
export function entryInTimelineOf(event: ProjectedEvent, employeeId: string, states: TimelineStates, title: string, source: string): DocumentTarget {
  const found = states.get(journeyStream(employeeId));
  const entry: TimelineEntry = {
    employeeId,
    eventId: event.eventId,
    revision: found?.revision ?? 0,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    stage: (found && journeyStageOn(found.state.stageFold, isoDay(event.occurredAt))) ?? 'in-role',
    chapter: found?.state.stageFold.chapter ?? 1,
    type: event.type,
    version: event.version,
    title,
    actor: event.actor,
    source: event.definition?.source ?? source,
    data: event.data,
    withheld: event.withheld,
  };
  return put(TimelineReadModel, `${event.eventId}|${employeeId}`, entry);
}
