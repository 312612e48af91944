import { type EventData, ServiceRequestResolved, ServiceRequestStreams, ServiceRequestSubmitted } from '@ejp/contracts';
import type { DocumentReader, ProjectedEvent } from '@ejp/projection-kit';
import { entryInTimelineOf, type TimelineStates, timelineContribution, timelineStatesOf } from './timeline-contribution.ts';

/**
 * The service desk in the requester's journey timeline: a request opened and
 * a request resolved. They live in the request's own stream, so they reach the
 * requester's timeline by fan-out (the requester is named in every request
 * event). Titles come from safe data only: the request's own title and answers
 * are personal and withheld.
 */

const SHOWN = new Set<string>([ServiceRequestSubmitted.type, ServiceRequestResolved.type]);

interface Prepared {
  states: TimelineStates;
}

async function prepare(events: readonly ProjectedEvent[], reader: DocumentReader): Promise<Prepared> {
  const requesters = events.filter((e) => SHOWN.has(e.type)).map((e) => (e.data as { requesterId: string }).requesterId);
  return { states: await timelineStatesOf(reader, requesters) };
}

function titleOf(event: ProjectedEvent): string {
  if (event.type === ServiceRequestSubmitted.type) return `Service request opened: ${(event.data as EventData<typeof ServiceRequestSubmitted>).itemId}`;
  return 'Service request resolved';
}

export const servicedeskTimeline = timelineContribution<Prepared>({
  categories: [ServiceRequestStreams],
  prepare,
  documents: (event, { states }) => {
    if (!SHOWN.has(event.type)) return [];
    const { requesterId } = event.data as { requesterId: string };
    return [entryInTimelineOf(event, requesterId, states, titleOf(event), 'servicedesk')];
  },
});
