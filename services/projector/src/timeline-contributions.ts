import { growthTimeline } from './growth-timeline.ts';
import { oneToOneTimeline } from './one-to-one-timeline.ts';
import { recognitionTimeline } from './recognition-timeline.ts';
import { servicedeskTimeline } from './servicedesk-timeline.ts';
import type { TimelineContribution } from './timeline-contribution.ts';

/** Every contribution to the timeline (timeline-contribution.ts), in order: one line per service. */
export const timelineContributions: readonly TimelineContribution[] = [recognitionTimeline, growthTimeline, servicedeskTimeline, oneToOneTimeline];
