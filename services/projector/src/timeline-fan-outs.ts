import type { TimelineEntry } from '@ejp/contracts/read-models';
import type { ProjectedEvent } from '@ejp/projection-kit';
import { oneToOneOnManagerTimeline } from './one-to-one-timeline.ts';

/**
 * Timeline entries one event adds to OTHER people's timelines (its own
 * journey's entry is the timeline projection's): each rule in its own file,
 * listed here. `own` is the entry of the event's own journey.
 */
export type TimelineFanOut = (event: ProjectedEvent, own: TimelineEntry) => { id: string; entry: TimelineEntry }[];

export const timelineFanOuts: readonly TimelineFanOut[] = [oneToOneOnManagerTimeline];
