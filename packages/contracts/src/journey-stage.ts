import { stageOnDay } from './calendar.ts';
import type { EventCatalogue } from './catalogue.ts';
import { eventCatalogue } from './event-catalogue.ts';
import { z } from 'zod';
import { ACTIVE_STAGES } from './journey-stage-effect.ts';
import { JOURNEY_STAGES, type JourneyStage } from './vocabulary.ts';

/**
 * THE journey-stage fold: every decider and projection that needs to know
 * where an employee stands folds the journey stream through it, so the
 * rules (pre-boarding ends on the start date, probation not passed leads to
 * offboarding, a rehire opens a new chapter) exist once. It reads each event
 * type's `journey` declaration from the catalogue; a type without one (a
 * task completed, a kudos) leaves the stage as it is.
 */
export const journeyStageStateSchema = z.object({
  stage: z.enum(JOURNEY_STAGES).nullable().describe('The stage as of the last event; null before the first hire. Judge it on a day with `journeyStageOn`.'),
  chapter: z.int().min(0).describe('0 before the first hire, 1 for the first employment, 2 after a rehire, ...'),
  startDate: z.iso.date().nullable().describe("The current chapter's start date (ISO day); null before a hire."),
});
/** The fold's state; a schema too, because read models keep it (the journey status folds on from it). */
export type JourneyStageState = z.output<typeof journeyStageStateSchema>;

export interface StageEvent {
  type: string;
  data: unknown;
}

export function initialJourneyStage(): JourneyStageState {
  return { stage: null, chapter: 0, startDate: null };
}

export function evolveJourneyStage(
  state: JourneyStageState,
  event: StageEvent,
  catalogue: EventCatalogue = eventCatalogue,
): JourneyStageState {
  // Types this build does not know (a newer service's) cannot move the stage it knows.
  if (!catalogue.has(event.type)) return state;
  const effect = catalogue.definition(event.type).journey;
  if (!effect) return state;
  const data = event.data as never;
  const chapter = effect.opensChapter ? state.chapter + 1 : state.chapter;
  const moveTo = typeof effect.moveTo === 'function' ? effect.moveTo(data) : effect.moveTo;
  return {
    stage: moveTo ?? state.stage,
    chapter,
    startDate: effect.startDate ? effect.startDate(data) : effect.opensChapter ? null : state.startDate,
  };
}

export function foldJourneyStage(events: Iterable<StageEvent>, catalogue: EventCatalogue = eventCatalogue): JourneyStageState {
  let state = initialJourneyStage();
  for (const event of events) state = evolveJourneyStage(state, event, catalogue);
  return state;
}

/** The stage on `day` (ISO): pre-boarding turns into onboarding on the start date, which no event marks. */
export function journeyStageOn(state: JourneyStageState, day: string): JourneyStage | null {
  return state.stage === null ? null : stageOnDay(state.stage, state.startDate, day);
}

/** Where an employment stands, as every service's rules need it: never hired, working (until departure), or left. */
export type EmploymentStatus = 'not-hired' | 'active' | 'departed';

/**
 * The one rule for "may this employee still act or be acted upon": hired and
 * not departed. Every service refuses commands for a departed employee from
 * this, so none keeps its own list of stages. A rehire makes the employee
 * active again (the new chapter starts in pre-boarding).
 */
export function employmentStatus(state: JourneyStageState): EmploymentStatus {
  if (state.stage === null) return 'not-hired';
  return (ACTIVE_STAGES as readonly JourneyStage[]).includes(state.stage) ? 'active' : 'departed';
}

export function isActiveEmployee(state: JourneyStageState): boolean {
  return employmentStatus(state) === 'active';
}
