import {
  DevelopmentActionAdded,
  DevelopmentCheckInRecorded,
  DevelopmentGoalSet,
  type EventData,
  isoDay,
  journeyStageOn,
  journeyStream,
  MentoringSessionRecorded,
  MentoringStreams,
  MentorshipStarted,
  MovePlanAssigned,
  PositionChanged,
} from '@ejp/contracts';
import { type TimelineEntry, TimelineReadModel } from '@ejp/contracts/read-models';
import { type DocumentReader, getAll, type ProjectedEvent, put } from '@ejp/projection-kit';
import { plural } from './plural.ts';
import { timelineContribution } from './timeline-contribution.ts';
import type { TimelineStreamState } from './timeline-projection.ts';

/**
 * The growth centre in the journey timeline. Its journey events (plan, moves)
 * get titles of their own; a mentorship's start and its sessions, which live
 * in the round's stream, get an entry in the mentor's and in the mentee's
 * timeline by fan-out (id `<eventId>|<employeeId>`), placed after the last of
 * their own events the timeline had applied, in the stage and chapter they
 * were in then (their timeline state), as recognitions' received entries are.
 * Unlike those, it is never dropped: a mentorship has no withdrawal to reach it.
 */

const SHOWN = new Set<string>([MentorshipStarted.type, MentoringSessionRecorded.type]);
type Pair = { mentorId: string; menteeId: string };

interface Prepared {
  states: Map<string, { state: TimelineStreamState; revision: number }>;
}

async function prepare(events: readonly ProjectedEvent[], reader: DocumentReader): Promise<Prepared> {
  const people = events.filter((e) => SHOWN.has(e.type)).flatMap((e) => [(e.data as Pair).mentorId, (e.data as Pair).menteeId]);
  const states = new Map<string, { state: TimelineStreamState; revision: number }>();
  if (people.length === 0) return { states };
  for (const [stream, doc] of await getAll<TimelineStreamState>(reader, 'timeline_state', [...new Set(people)].map(journeyStream))) {
    states.set(stream, { state: doc.doc, revision: doc.sourceRevisions?.[stream] ?? 0 });
  }
  return { states };
}

function mentoringTitle(event: ProjectedEvent, side: 'mentor' | 'mentee'): string {
  if (event.type === MentorshipStarted.type) return side === 'mentor' ? 'Started mentoring a colleague' : 'Mentorship started with a mentor';
  const { durationMinutes } = event.data as EventData<typeof MentoringSessionRecorded>;
  return `Mentoring session (${plural(durationMinutes, 'minute')}) as ${side}`;
}

/** Titles of the growth events of a journey, from safe data only (goal and action titles are personal and withheld). */
export function growthTitleOf(event: Pick<ProjectedEvent, 'type' | 'data'>): string | undefined {
  switch (event.type) {
    case DevelopmentGoalSet.type: {
      const { skills } = event.data as Partial<EventData<typeof DevelopmentGoalSet>>;
      return skills && skills.length > 0 ? `Development goal set: ${skills.join(', ')}` : 'Development goal set';
    }
    case DevelopmentActionAdded.type:
      return `Development action due ${(event.data as EventData<typeof DevelopmentActionAdded>).dueOn}`;
    case DevelopmentCheckInRecorded.type:
      return `Development check-in: ${(event.data as EventData<typeof DevelopmentCheckInRecorded>).progress}% progress`;
    case PositionChanged.type: {
      const d = event.data as EventData<typeof PositionChanged>;
      const verb = { transfer: 'Transferred', promotion: 'Promoted', rotation: 'Rotation' }[d.kind];
      return d.department === d.from.department ? `${verb}: ${d.role} (${d.level}) from ${d.effectiveOn}` : `${verb} to ${d.department} as ${d.role} from ${d.effectiveOn}`;
    }
    case MovePlanAssigned.type:
      return `Move plan assigned: ${plural((event.data as EventData<typeof MovePlanAssigned>).tasks.length, 'task')}`;
    default:
      return undefined;
  }
}

export const growthTimeline = timelineContribution<Prepared>({
  categories: [MentoringStreams],
  prepare,
  ownEntry: (entry, event) => {
    const title = growthTitleOf(event);
    return title === undefined ? entry : { ...entry, title };
  },
  documents: (event, { states }) => {
    if (!SHOWN.has(event.type)) return [];
    const pair = event.data as Pair;
    return (['mentor', 'mentee'] as const).flatMap((side) => {
      const employeeId = side === 'mentor' ? pair.mentorId : pair.menteeId;
      // Both were active employees when the round recorded it (the decider checks), but the bus
      // may bring the round's partition before theirs: then the entry opens their timeline, in
      // role in their first chapter, rather than being lost. A rebuild (global order) places it
      // after their own events instead.
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
        title: mentoringTitle(event, side),
        actor: event.actor,
        source: event.definition?.source ?? 'growth',
        data: event.data,
        withheld: event.withheld,
      };
      return [put(TimelineReadModel, `${event.eventId}|${employeeId}`, entry)];
    });
  },
});
