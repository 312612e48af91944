import { type EventData, evolveJourneyStage, initialJourneyStage, isoDay, type JourneyStageState, journeyStageOn, journeyStream, type RecognitionGiven, TeamShoutOutGiven } from '@ejp/contracts';
import { defineReadModel, type TimelineEntry, TimelineReadModel } from '@ejp/contracts/read-models';
import { type DocumentReader, type DocumentTarget, getAll, type ProjectedEvent, put } from '@ejp/projection-kit';
import { z } from 'zod';
import { recognitionPeopleOf } from './department-membership.ts';
import { plural } from './plural.ts';
import { isGiven, isWithdrawn, recognitionOf, withdrawnId } from './recognition-records.ts';
import type { TimelineStreamState } from './timeline-projection.ts';
import { TIMELINE_STATE_COLLECTION, timelineContribution } from './timeline-contribution.ts';

/**
 * Recognitions in the journey timeline: the giver's own entry says it was
 * given (and who may see it); each recipient's timeline, and for a team
 * shout-out every member's, gets a "received" entry by fan-out from the one
 * event. A withdrawal marks all of them withdrawn (the timeline then hides
 * them): which entries the recognition reached is kept in
 * `timeline_recognition_reach`, since a department's members change.
 *
 * A received entry sits in the recipient's journey order after the last of
 * their own events the timeline had applied, in the stage and chapter they
 * were in then (their timeline state).
 */

const Reach = defineReadModel({
  collection: 'timeline_recognition_reach',
  schema: z.object({ eventId: z.uuid(), employeeIds: z.array(z.string()) }),
  idIs: 'the recognition id',
  indexes: [],
});
type ReachDoc = z.output<typeof Reach.schema>;

interface ReceiverState {
  stageFold: JourneyStageState;
  /** Their journey's last revision the timeline had applied: the entry's place in their journey order. */
  revision: number;
}

interface Prepared {
  /** Who receives each given event (by event id), and their timeline states. */
  receivers: Map<string, string[]>;
  /** Each receiver's journey state as of each given event (by event id, then employee id). */
  states: Map<string, Map<string, ReceiverState>>;
  managers: Map<string, string[]>;
  /** What each withdrawn recognition reached (by recognition id). */
  reach: Map<string, ReachDoc>;
}

async function prepare(events: readonly ProjectedEvent[], reader: DocumentReader): Promise<Prepared> {
  const prepared: Prepared = { receivers: new Map(), states: new Map(), managers: new Map(), reach: new Map() };
  if (!events.some((e) => isGiven(e) || isWithdrawn(e))) return prepared;
  const people = await recognitionPeopleOf(events, reader, true);
  for (const event of events.filter(isGiven)) {
    const found = people.get(event.eventId);
    const recognition = recognitionOf(event, found);
    prepared.managers.set(event.eventId, recognition.recipientManagerIds);
    // A shout-out reaches its members, the giver's own entry aside.
    const receivers = event.type === TeamShoutOutGiven.type ? (found?.members ?? []).filter((id) => id !== event.subject) : recognition.recipientIds;
    prepared.receivers.set(event.eventId, receivers);
  }
  const everyone = [...new Set([...prepared.receivers.values()].flat())];
  const latest = new Map<string, ReceiverState>();
  for (const [stream, doc] of await getAll<TimelineStreamState>(reader, TIMELINE_STATE_COLLECTION, everyone.map(journeyStream))) {
    latest.set(stream, { stageFold: doc.doc.stageFold, revision: doc.sourceRevisions?.[stream] ?? 0 });
  }
  // In batch order: a receiver's own events before the recognition move their state (a hire in the same batch makes them known).
  const receiving = new Set(everyone.map(journeyStream));
  for (const event of events) {
    // A redelivered event the stored state has applied already moves nothing.
    if (receiving.has(event.stream) && event.definition && event.revision > (latest.get(event.stream)?.revision ?? -1)) {
      const before = latest.get(event.stream)?.stageFold ?? initialJourneyStage();
      latest.set(event.stream, { stageFold: evolveJourneyStage(before, event), revision: event.revision });
    }
    if (!isGiven(event)) continue;
    // Only employees whose journey the timeline knows get an entry: they are what a withdrawal must reach.
    const receivers = prepared.receivers.get(event.eventId)!.filter((id) => latest.has(journeyStream(id)));
    prepared.receivers.set(event.eventId, receivers);
    prepared.states.set(event.eventId, new Map(receivers.map((id) => [id, latest.get(journeyStream(id))!])));
    prepared.reach.set((event.data as { recognitionId: string }).recognitionId, { eventId: event.eventId, employeeIds: receivers });
  }
  const withdrawn = events.filter(isWithdrawn).map(withdrawnId).filter((id) => !prepared.reach.has(id));
  for (const [id, doc] of await getAll<ReachDoc>(reader, Reach.collection, withdrawn)) prepared.reach.set(id, doc.doc);
  return prepared;
}

function audienceOf(event: ProjectedEvent, prepared: Prepared, direction: 'given' | 'received'): NonNullable<TimelineEntry['recognition']> {
  if (event.type === TeamShoutOutGiven.type) return { direction, giverId: event.subject, recipientIds: [], visibility: 'public', recipientManagerIds: [] };
  const d = event.data as EventData<typeof RecognitionGiven>;
  return { direction, giverId: event.subject, recipientIds: d.recipientIds, visibility: d.visibility, recipientManagerIds: prepared.managers.get(event.eventId) ?? [] };
}

function titleOf(event: ProjectedEvent, direction: 'given' | 'received'): string {
  const values = (event.data as { values: string[] }).values.join(', ');
  if (event.type === TeamShoutOutGiven.type) {
    const { audience } = event.data as EventData<typeof TeamShoutOutGiven>;
    return direction === 'given' ? `Shout-out to ${audience.kind === 'department' ? audience.department : 'a team'} for ${values}` : `Team shout-out for ${values}`;
  }
  const d = event.data as EventData<typeof RecognitionGiven>;
  const points = d.pointsPerRecipient > 0 ? ` (${plural(d.pointsPerRecipient, 'point')})` : '';
  return direction === 'given' ? `Recognised ${plural(d.recipientIds.length, 'colleague')} for ${values}${points}` : `Recognised for ${values}${points}`;
}

export const recognitionTimeline = timelineContribution<Prepared>({
  readModels: [Reach],
  prepare,
  ownEntry: (entry, event, prepared) => (isGiven(event) ? { ...entry, title: titleOf(event, 'given'), recognition: audienceOf(event, prepared, 'given') } : entry),
  documents: (event, prepared) => {
    if (isWithdrawn(event)) {
      const reach = prepared.reach.get(withdrawnId(event));
      if (!reach) return [];
      const ids = [reach.eventId, ...reach.employeeIds.map((id) => `${reach.eventId}|${id}`)];
      return ids.map((id): DocumentTarget => ({ readModel: TimelineReadModel, id, change: { set: { withdrawnAt: event.occurredAt } } }));
    }
    if (!isGiven(event)) return [];
    const receivers = prepared.receivers.get(event.eventId) ?? [];
    const recognition = audienceOf(event, prepared, 'received');
    const title = titleOf(event, 'received');
    const entries = receivers.map((employeeId) => {
      const { stageFold, revision } = prepared.states.get(event.eventId)!.get(employeeId)!;
      const entry: TimelineEntry = {
        employeeId,
        eventId: event.eventId,
        revision,
        occurredAt: event.occurredAt,
        recordedAt: event.recordedAt,
        stage: journeyStageOn(stageFold, isoDay(event.occurredAt)) ?? 'pre-boarding',
        chapter: stageFold.chapter,
        type: event.type,
        version: event.version,
        title,
        actor: event.actor,
        source: event.definition?.source ?? 'recognition',
        data: event.data,
        withheld: event.withheld,
        recognition,
      };
      return put(TimelineReadModel, `${event.eventId}|${employeeId}`, entry);
    });
    const { recognitionId } = event.data as { recognitionId: string };
    return [...entries, put(Reach, recognitionId, prepared.reach.get(recognitionId)!)];
  },
});
