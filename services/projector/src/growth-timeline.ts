import {
  DevelopmentActionAdded,
  DevelopmentCheckInRecorded,
  DevelopmentGoalSet,
  type EventData,
  MentoringSessionRecorded,
  MentoringStreams,
  MentorshipStarted,
  MovePlanAssigned,
  PositionChanged,
} from '@ejp/contracts';
import type { DocumentReader, ProjectedEvent } from '@ejp/projection-kit';
import { plural } from './plural.ts';
import { entryInTimelineOf, type TimelineStates, timelineContribution, timelineStatesOf } from './timeline-contribution.ts';

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
  states: TimelineStates;
}

async function prepare(events: readonly ProjectedEvent[], reader: DocumentReader): Promise<Prepared> {
  const people = events.filter((e) => SHOWN.has(e.type)).flatMap((e) => [(e.data as Pair).mentorId, (e.data as Pair).menteeId]);
  return { states: await timelineStatesOf(reader, people) };
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
    return (['mentor', 'mentee'] as const).map((side) =>
      entryInTimelineOf(event, side === 'mentor' ? pair.mentorId : pair.menteeId, states, mentoringTitle(event, side), 'growth'),
    );
  },
});
