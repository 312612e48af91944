import { describe, expect, it } from 'vitest';
import { AlumnusEnrolled, EmployeeDeparted, EmployeeRehired, OffboardingStarted, ResignationWithdrawn } from './events/offboarding.ts';
import { EmployeeHired, OnboardingCompleted, ProbationOutcomeRecorded } from './events/onboarding.ts';
import { ACTIVE_STAGES } from './journey-stage-effect.ts';
import { employmentStatus, foldJourneyStage, isActiveEmployee, journeyStageOn, type StageEvent } from './journey-stage.ts';
import { JOURNEY_STAGES } from './vocabulary.ts';

// The catalogue's own offboarding and alumni declarations, folded by the one stage fold.
const hired: StageEvent = { type: EmployeeHired.type, data: { startDate: '2024-01-08' } };
const inRole: StageEvent[] = [hired, { type: OnboardingCompleted.type, data: {} }, { type: ProbationOutcomeRecorded.type, data: { outcome: 'passed' } }];
const started: StageEvent = { type: OffboardingStarted.type, data: { kind: 'resignation', lastDay: '2026-06-30' } };
const departed: StageEvent = { type: EmployeeDeparted.type, data: { lastDay: '2026-06-30', departedOn: '2026-06-30' } };
const enrolled: StageEvent = { type: AlumnusEnrolled.type, data: { consent: true, contactPreference: 'email' } };
const rehired: StageEvent = { type: EmployeeRehired.type, data: { startDate: '2027-02-01' } };

describe('the journey-stage fold through offboarding, alumni and rehire', () => {
  it('moves to offboarding when it starts, and to alumni on departure; enrolment is no stage', () => {
    expect(foldJourneyStage([...inRole, started]).stage).toBe('offboarding');
    expect(foldJourneyStage([...inRole, started, departed]).stage).toBe('alumni');
    expect(foldJourneyStage([...inRole, started, departed, enrolled]).stage).toBe('alumni');
  });

  it('goes back to the stage the withdrawal names: the one before the resignation', () => {
    const withdrawn = (returnsTo: string): StageEvent => ({ type: ResignationWithdrawn.type, data: { returnsTo } });
    expect(foldJourneyStage([...inRole, started, withdrawn('in-role')]).stage).toBe('in-role');
    // Resigned during pre-boarding: back to pre-boarding, which still ends on the start date.
    const back = foldJourneyStage([hired, started, withdrawn('pre-boarding')]);
    expect([journeyStageOn(back, '2024-01-07'), journeyStageOn(back, '2024-01-08')]).toEqual(['pre-boarding', 'onboarding']);
  });

  it('opens chapter 2 on a rehire, in pre-boarding until the new start date, then onboarding', () => {
    const state = foldJourneyStage([...inRole, started, departed, enrolled, rehired]);
    expect(state).toEqual({ stage: 'pre-boarding', chapter: 2, startDate: '2027-02-01' });
    expect(journeyStageOn(state, '2027-01-31')).toBe('pre-boarding');
    expect(journeyStageOn(state, '2027-02-01')).toBe('onboarding');
  });
});

describe('employment status: the one rule for "is this employee still here"', () => {
  it('is active from the hire through offboarding, until the departure', () => {
    expect(employmentStatus(foldJourneyStage([]))).toBe('not-hired');
    expect(employmentStatus(foldJourneyStage([hired]))).toBe('active');
    expect(employmentStatus(foldJourneyStage(inRole))).toBe('active');
    expect(employmentStatus(foldJourneyStage([...inRole, started]))).toBe('active');
    expect(employmentStatus(foldJourneyStage([...inRole, started, departed]))).toBe('departed');
  });

  it('is active again after a rehire', () => {
    expect(isActiveEmployee(foldJourneyStage([...inRole, started, departed]))).toBe(false);
    expect(isActiveEmployee(foldJourneyStage([...inRole, started, departed, rehired]))).toBe(true);
  });

  it('counts every stage but alumni as active', () => {
    const active = JOURNEY_STAGES.filter((stage) => isActiveEmployee({ stage, chapter: 1, startDate: '2024-01-08' }));
    expect(active).toEqual([...ACTIVE_STAGES]);
    expect(JOURNEY_STAGES.filter((stage) => !active.includes(stage))).toEqual(['alumni']);
  });
});
