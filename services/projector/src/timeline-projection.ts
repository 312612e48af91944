import { type EventCatalogue, type EventData, eventCatalogue, evolveJourneyStage, initialJourneyStage, isoDay, JourneyStreams, journeyStageOn, type JourneyStageState, OnboardingPlanAssigned } from '@ejp/contracts';
import { type TimelineEntry, TimelineReadModel } from '@ejp/contracts/read-models';
import { fanOutProjection, type ProjectedEvent, type Projection, put } from '@ejp/projection-kit';
import { titleOf } from './titles.ts';

/**
 * What the timeline remembers per journey between events, so that each entry
 * shows the stage and the task titles as they were when it happened (kept by
 * the kit in `timeline_state`, one document per stream).
 */
export interface TimelineStreamState {
  /** The contracts journey-stage fold, up to the previous event. */
  stageFold: JourneyStageState;
  /** Titles of the plan in force: TaskCompleted carries only the task id. */
  taskTitles: Record<string, string>;
}

export interface TimelineProjectionOptions {
  /** Defaults to the platform catalogue: every type it knows is shown. */
  catalogue?: EventCatalogue;
}

/**
 * One timeline entry per event (id = event id) for every event type the
 * catalogue knows; a type it does not know is not shown (its personal fields
 * cannot be located). Written by the fan-out kind: one event, any number of
 * entries (today one, in the journey's own timeline).
 */
export function timelineProjection(options: TimelineProjectionOptions = {}): Projection {
  const catalogue = options.catalogue ?? eventCatalogue;
  return fanOutProjection<TimelineStreamState>({
    name: 'timeline',
    version: 1,
    canHandle: catalogue.types(),
    categories: [JourneyStreams],
    readModels: [TimelineReadModel],
    streamState: {
      collection: 'timeline_state',
      initial: () => ({ stageFold: initialJourneyStage(), taskTitles: {} }),
      evolve: (state, event) => ({
        stageFold: evolveJourneyStage(state.stageFold, event, catalogue),
        taskTitles:
          event.type === OnboardingPlanAssigned.type
            ? Object.fromEntries((event.data as EventData<typeof OnboardingPlanAssigned>).tasks.map((t) => [t.id, t.title]))
            : state.taskTitles,
      }),
    },
    documents: (event, state) => [put(TimelineReadModel, event.eventId, timelineEntry(event, state))],
  });
}

/** The touchpoint of one event, judged by the journey just before it. */
function timelineEntry(event: ProjectedEvent, before: TimelineStreamState): TimelineEntry {
  const definition = event.definition!; // canHandle lists known types only
  // The stage the employee was in on the day it happened; before the first hire, the type's own.
  const stage = journeyStageOn(before.stageFold, isoDay(event.occurredAt)) ?? definition.stage ?? 'pre-boarding';
  return {
    employeeId: event.subject,
    eventId: event.eventId,
    revision: event.revision,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    stage,
    type: event.type,
    version: event.version,
    title: titleOf({ definition, data: event.data }, (taskId) => before.taskTitles[taskId]),
    actor: event.actor,
    source: definition.source ?? 'unknown',
    data: event.data,
    withheld: event.withheld,
  };
}
