import { describe, expect, it } from 'vitest';
import { EventCatalogue } from './catalogue.ts';
import { defineEvent } from './define-event.ts';
import { EmployeeHired, OnboardingCompleted, OnboardingTaskCompleted, ProbationOutcomeRecorded, StartDateChanged } from './events/onboarding.ts';
import { evolveJourneyStage, foldJourneyStage, initialJourneyStage, journeyStageOn } from './journey-stage.ts';
import { z } from 'zod';

const hired = (startDate: string) => ({ type: EmployeeHired.type, data: { startDate } });
const completed = { type: OnboardingCompleted.type, data: {} };
const probation = (outcome: string) => ({ type: ProbationOutcomeRecorded.type, data: { outcome } });

describe('the journey-stage fold', () => {
  it('has no stage before a hire', () => {
    expect(journeyStageOn(initialJourneyStage(), '2026-01-01')).toBeNull();
  });

  it('starts in pre-boarding, which ends on the start date without an event', () => {
    const state = foldJourneyStage([hired('2026-03-01')]);
    expect(state).toEqual({ stage: 'pre-boarding', chapter: 1, startDate: '2026-03-01' });
    expect(journeyStageOn(state, '2026-02-28')).toBe('pre-boarding');
    expect(journeyStageOn(state, '2026-03-01')).toBe('onboarding');
  });

  it('follows a moved start date', () => {
    const state = foldJourneyStage([hired('2026-03-01'), { type: StartDateChanged.type, data: { from: '2026-03-01', to: '2026-04-01' } }]);
    expect(journeyStageOn(state, '2026-03-15')).toBe('pre-boarding');
  });

  it('moves to probation on completed onboarding, then by the probation outcome', () => {
    const base = [hired('2026-01-01'), completed];
    expect(foldJourneyStage(base).stage).toBe('probation');
    expect(foldJourneyStage([...base, probation('passed')]).stage).toBe('in-role');
    expect(foldJourneyStage([...base, probation('extended')]).stage).toBe('probation');
    // Not passing probation ends the employment: offboarding follows.
    expect(foldJourneyStage([...base, probation('not-passed')]).stage).toBe('offboarding');
  });

  it('ignores events that declare no effect and types it does not know', () => {
    const state = foldJourneyStage([hired('2026-01-01'), completed]);
    expect(evolveJourneyStage(state, { type: OnboardingTaskCompleted.type, data: { taskId: 't' } })).toEqual(state);
    expect(evolveJourneyStage(state, { type: 'journey.future.thing', data: {} })).toEqual(state);
  });

  it('opens a new chapter on a rehire, with its own start date', () => {
    const Left = defineEvent({ type: 'journey.test.left', version: 1, schema: z.object({}), title: 'left', journey: { moveTo: 'alumni' } });
    const Rehired = defineEvent({
      type: 'journey.test.rehired',
      version: 1,
      schema: z.object({ startDate: z.string() }),
      title: 'rehired',
      journey: { moveTo: 'pre-boarding', opensChapter: true, startDate: (d) => d.startDate },
    });
    const catalogue = new EventCatalogue([EmployeeHired, Left, Rehired]);
    const state = foldJourneyStage(
      [hired('2020-01-01'), { type: Left.type, data: {} }, { type: Rehired.type, data: { startDate: '2026-06-01' } }],
      catalogue,
    );
    expect(state).toEqual({ stage: 'pre-boarding', chapter: 2, startDate: '2026-06-01' });
    expect(journeyStageOn(state, '2026-06-01')).toBe('onboarding');
  });
});
