import { type EventCatalogue, type EventData, eventCatalogue, evolveJourneyStage, initialJourneyStage, isoDay, JourneyStreams, journeyStageOn, type JourneyStageState, OffboardingPlanAssigned, OnboardingPlanAssigned } from '@ejp/contracts';
import { type TimelineEntry, TimelineIndexReadModel, TimelineReadModel } from '@ejp/contracts/read-models';
import { fanOutProjection, type ProjectedEvent, type Projection, put } from '@ejp/projection-kit';
import { withTimelineIndex } from './timeline-index.ts';
import { TIMELINE_STATE_COLLECTION, type TimelineContribution } from './timeline-contribution.ts';
import { timelineContributions } from './timeline-contributions.ts';
import { titleOf } from './titles.ts';

/**
 * What the timeline remembers per journey between events, so that each entry
 * shows the stage and the task titles as they were when it happened (kept by
 * the kit in `timeline_state`, one document per stream).
 */
export interface TimelineStreamState {
  /** The contracts journey-stage fold, up to the previous event. */
  stageFold: JourneyStageState;
  /** Titles of the onboarding plan in force: TaskCompleted carries only the task id. */
  taskTitles: Record<string, string>;
  /** Titles of the offboarding plan in force (its own ids: the two plans may reuse one). */
  offboardingTaskTitles: Record<string, string>;
}

export interface TimelineProjectionOptions {
  /** Defaults to the platform catalogue: every type it knows is shown. */
  catalogue?: EventCatalogue;
  /** What services add beyond one entry per event (default: timelineContributions). */
  contributions?: readonly TimelineContribution[];
}

/**
 * One timeline entry per event (id = event id) for every event type the
 * catalogue knows; a type it does not know is not shown (its personal fields
 * cannot be located). Written by the fan-out kind: one event, any number of
 * entries (today one, in the journey's own timeline).
 */
export function timelineProjection(options: TimelineProjectionOptions = {}): Projection {
  const catalogue = options.catalogue ?? eventCatalogue;
  const contributions = options.contributions ?? timelineContributions;
  return fanOutProjection<TimelineStreamState, unknown[]>({
    name: 'timeline',
    // 2: entries carry their chapter. 3: recognitions in the recipients' timelines, with who may see them.
    // 4: entries other services contribute from their own streams (mentorships in the mentor's and mentee's timelines).
    // 5: one-to-ones copied into the manager's timeline. 6: service requests opened and resolved in the requester's.
    // 7: a per-employee index of the entries (timeline_index), so that a read is lookups by id.
    version: 7,
    canHandle: catalogue.types(),
    // Journeys, and the categories whose events a contribution turns into entries of the people they name.
    categories: [JourneyStreams, ...contributions.flatMap((c) => c.categories ?? [])],
    readModels: [TimelineReadModel, TimelineIndexReadModel, ...contributions.flatMap((c) => c.readModels ?? [])],
    prepare: (events, reader) => Promise.all(contributions.map((c) => c.prepare(events, reader))),
    streamState: {
      collection: TIMELINE_STATE_COLLECTION,
      initial: () => ({ stageFold: initialJourneyStage(), taskTitles: {}, offboardingTaskTitles: {} }),
      evolve: (state, event) => ({
        stageFold: evolveJourneyStage(state.stageFold, event, catalogue),
        taskTitles: event.type === OnboardingPlanAssigned.type ? titlesOf(event.data as EventData<typeof OnboardingPlanAssigned>) : state.taskTitles,
        offboardingTaskTitles:
          event.type === OffboardingPlanAssigned.type ? titlesOf(event.data as EventData<typeof OffboardingPlanAssigned>) : state.offboardingTaskTitles,
      }),
    },
    // Every entry, the contributed ones included, is listed in its employee's index too.
    documents: (event, state, prepared) => {
      const contributed = (own: TimelineEntry | undefined) => contributions.flatMap((c, i) => c.documents?.(event, prepared[i], own) ?? []);
      // An event of another category (a mentoring round) is nobody's journey: only the entries contributed for it.
      if (!JourneyStreams.owns(event.stream)) return withTimelineIndex(contributed(undefined));
      const own = contributions.reduce((entry, c, i) => c.ownEntry?.(entry, event, prepared[i]) ?? entry, timelineEntry(event, state));
      return withTimelineIndex([put(TimelineReadModel, event.eventId, own), ...contributed(own)]);
    },
  });
}

const titlesOf = (plan: { tasks: readonly { id: string; title: string }[] }) => Object.fromEntries(plan.tasks.map((t) => [t.id, t.title]));

/** The touchpoint of one event, judged by the journey just before it. */
function timelineEntry(event: ProjectedEvent, before: TimelineStreamState): TimelineEntry {
  const definition = event.definition!; // canHandle lists known types only
  // A hire or rehire is the first touchpoint of the chapter it opens, in the stage it opens with.
  const opens = definition.journey?.opensChapter === true;
  const chapter = before.stageFold.chapter + (opens ? 1 : 0);
  // Otherwise the stage the employee was in on the day it happened; before the first hire, the type's own.
  const stage = (opens ? undefined : journeyStageOn(before.stageFold, isoDay(event.occurredAt))) ?? definition.stage ?? 'pre-boarding';
  return {
    employeeId: event.subject,
    eventId: event.eventId,
    revision: event.revision,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    stage,
    chapter,
    type: event.type,
    version: event.version,
    title: titleOf({ definition, data: event.data }, (taskId, plan) => (plan === 'onboarding' ? before.taskTitles : before.offboardingTaskTitles)[taskId]),
    actor: event.actor,
    source: definition.source ?? 'unknown',
    data: event.data,
    withheld: event.withheld,
  };
}
