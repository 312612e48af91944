import { foldJourneyStage, journeyStageOn, type OnboardingEvent } from '@ejp/contracts';
import { describe, expect, it } from 'vitest';
import { deciderSpec } from '@ejp/command-kit/testing';
import { onboardingDecider } from '../../src/domain/decider.ts';
import { dueDate, type OnboardingState, stageOf } from '../../src/domain/state.ts';
import {
  afterStart,
  beforeStart,
  checkIn,
  command,
  completed,
  defaultPlanned,
  hired,
  inProbation,
  planned,
  startDate,
  taskCompleted,
} from './fixtures.ts';

const spec = deciderSpec(onboardingDecider);
const fold = (events: OnboardingEvent[]): OnboardingState => events.reduce(onboardingDecider.evolve, onboardingDecider.initialState());
const recordCheckIn = (day: 30 | 60 | 90, now = afterStart) => command('RecordCheckIn', { day, rating: 4 }, now);

describe('check-ins', () => {
  it('records the 30-day check-in and completes its task; notes are kept when given', () => {
    spec.given([hired, defaultPlanned]).when(recordCheckIn(30)).then([checkIn(30), taskCompleted('check-in-30')]);
    spec
      .given([hired, planned()])
      .when(command('RecordCheckIn', { day: 30, rating: 2, notes: 'Struggles with the build' }))
      .then([{ type: 'journey.onboarding.check-in-recorded', data: { day: 30, rating: 2, notes: 'Struggles with the build' } }]);
  });

  it('refuses 60 before 30, and 90 before 60', () => {
    spec.given([hired, defaultPlanned]).when(recordCheckIn(60)).thenThrows('EJP_CHECKIN_OUT_OF_ORDER');
    spec.given([hired, defaultPlanned, checkIn(30)]).when(recordCheckIn(90)).thenThrows('EJP_CHECKIN_OUT_OF_ORDER');
    spec.given([hired, defaultPlanned, checkIn(30)]).when(recordCheckIn(60)).then([checkIn(60), taskCompleted('check-in-60')]);
  });

  it('records each check-in once', () => {
    spec.given([hired, defaultPlanned, checkIn(30)]).when(recordCheckIn(30)).thenThrows('EJP_CHECKIN_ALREADY_RECORDED');
  });

  it('refuses a check-in before the start date (pre-boarding)', () => {
    spec.given([hired, defaultPlanned]).when(recordCheckIn(30, beforeStart)).thenThrows((error) => {
      return (error as { code?: string; extensions?: { currentStage?: string } }).code === 'EJP_STAGE_MISMATCH' &&
        (error as { extensions: { currentStage: string } }).extensions.currentStage === 'pre-boarding';
    });
  });

  it('still records check-ins in probation, without touching the closed plan', () => {
    spec.given([...inProbation, checkIn(30)]).when(recordCheckIn(60)).then([checkIn(60)]);
  });
});

describe('change the start date', () => {
  it('records the change, and every due date follows', () => {
    const change = command('ChangeStartDate', { startDate: '2025-03-17' }, beforeStart);
    spec.given([hired, planned()]).when(change).then([{ type: 'journey.employee.start-date-changed', data: { from: startDate, to: '2025-03-17' } }]);

    const before = fold([hired, planned()]);
    const after = fold([hired, planned(), { type: 'journey.employee.start-date-changed', data: { from: startDate, to: '2025-03-17' } }]);
    const dues = (state: OnboardingState) => (state.status === 'hired' ? state.tasks.map((t) => dueDate(state.startDate, t.dueOffsetDays)) : []);
    expect(dues(before)).toEqual(['2025-02-26', '2025-03-06', '2025-03-05']);
    expect(dues(after)).toEqual(['2025-03-12', '2025-03-20', '2025-03-19']);
  });

  it('the same date again changes nothing', () => {
    spec.given([hired, planned()]).when(command('ChangeStartDate', { startDate }, beforeStart)).then([]);
  });

  it('is refused after onboarding', () => {
    spec.given(inProbation).when(command('ChangeStartDate', { startDate: '2025-05-01' })).thenThrows('EJP_STAGE_MISMATCH');
  });

  it('due dates cross month and year ends', () => {
    expect(dueDate('2024-12-30', 3)).toBe('2025-01-02');
    expect(dueDate('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('complete onboarding', () => {
  it('needs every required task done, and names the open ones', () => {
    spec.given([hired, planned(), taskCompleted('laptop')]).when(command('CompleteOnboarding', {})).thenThrows((error) => {
      const e = error as { code?: string; extensions?: { openTasks?: string[] } };
      return e.code === 'EJP_REQUIRED_TASKS_OPEN' && JSON.stringify(e.extensions?.openTasks) === '["handbook"]';
    });
  });

  it('completes with optional tasks still open', () => {
    spec.given([hired, planned(), taskCompleted('laptop'), taskCompleted('handbook')]).when(command('CompleteOnboarding', {})).then([completed]);
  });

  it('completes only once', () => {
    spec.given(inProbation).when(command('CompleteOnboarding', {})).thenThrows('EJP_STAGE_MISMATCH');
  });
});

describe('probation outcome', () => {
  const outcome = (data: object) => command('RecordProbationOutcome', data as { outcome: 'passed' });

  it('is refused before onboarding is completed', () => {
    spec.given([hired, planned()]).when(outcome({ outcome: 'passed' })).thenThrows('EJP_STAGE_MISMATCH');
  });

  it('records passed, extended (to a later date) and not passed', () => {
    spec.given(inProbation).when(outcome({ outcome: 'passed' })).then([{ type: 'journey.probation.outcome-recorded', data: { outcome: 'passed' } }]);
    spec
      .given(inProbation)
      .when(outcome({ outcome: 'extended', newEndDate: '2025-09-01' }))
      .then([{ type: 'journey.probation.outcome-recorded', data: { outcome: 'extended', newEndDate: '2025-09-01' } }]);
    spec.given(inProbation).when(outcome({ outcome: 'not-passed' })).then([{ type: 'journey.probation.outcome-recorded', data: { outcome: 'not-passed' } }]);
  });

  it('refuses an extension that ends today or earlier', () => {
    spec.given(inProbation).when(outcome({ outcome: 'extended', newEndDate: '2025-04-10' })).thenThrows('EJP_INVALID_COMMAND');
  });

  it('an extension keeps probation open; a final outcome closes it', () => {
    const extended: OnboardingEvent = { type: 'journey.probation.outcome-recorded', data: { outcome: 'extended', newEndDate: '2025-09-01' } };
    const passed: OnboardingEvent = { type: 'journey.probation.outcome-recorded', data: { outcome: 'passed' } };
    spec.given([...inProbation, extended]).when(outcome({ outcome: 'passed' })).then([passed]);
    spec.given([...inProbation, passed]).when(outcome({ outcome: 'not-passed' })).thenThrows('EJP_STAGE_MISMATCH');
  });
});

describe('the journey through the stages', () => {
  it('pre-boarding, onboarding, probation, in role', () => {
    const today = (d: Date) => d.toISOString().slice(0, 10);
    expect(stageOf(fold([]), today(afterStart))).toBe('not-hired');
    expect(stageOf(fold([hired, planned()]), today(beforeStart))).toBe('pre-boarding');
    expect(stageOf(fold([hired, planned()]), today(afterStart))).toBe('onboarding');
    expect(stageOf(fold(inProbation), today(afterStart))).toBe('probation');
    const passed: OnboardingEvent = { type: 'journey.probation.outcome-recorded', data: { outcome: 'passed' } };
    expect(stageOf(fold([...inProbation, passed]), today(afterStart))).toBe('in-role');
  });

  it('not passing probation leads to offboarding, where onboarding commands no longer apply', () => {
    const notPassed: OnboardingEvent = { type: 'journey.probation.outcome-recorded', data: { outcome: 'not-passed' } };
    expect(stageOf(fold([...inProbation, notPassed]), afterStart.toISOString().slice(0, 10))).toBe('offboarding');
    spec.given([...inProbation, notPassed]).when(recordCheckIn(30)).thenThrows('EJP_STAGE_MISMATCH');
  });

  it('is the stage of the shared journey-stage fold, on any day', () => {
    const moved: OnboardingEvent = { type: 'journey.employee.start-date-changed', data: { from: startDate, to: '2025-05-01' } };
    const journeys: OnboardingEvent[][] = [
      [hired, planned()],
      [hired, planned(), moved],
      inProbation,
      [...inProbation, { type: 'journey.probation.outcome-recorded', data: { outcome: 'extended', newEndDate: '2025-09-01' } }],
      [...inProbation, { type: 'journey.probation.outcome-recorded', data: { outcome: 'not-passed' } }],
    ];
    for (const events of journeys) {
      for (const day of ['2025-02-01', startDate, '2025-04-30', '2025-05-01']) {
        expect(stageOf(fold(events), day), `${events.map((e) => e.type).join(', ')} on ${day}`).toBe(journeyStageOn(foldJourneyStage(events), day));
      }
    }
  });
});
