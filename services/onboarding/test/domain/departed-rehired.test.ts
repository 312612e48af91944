import { deciderSpec } from '@ejp/command-kit/testing';
import type { OffboardingEvent } from '@ejp/contracts';
import { describe, expect, it } from 'vitest';
import { onboardingDecider } from '../../src/domain/decider.ts';
import type { HiredState, JourneyEvent } from '../../src/domain/state.ts';
import { afterStart, buddyId, checkIn, command, completed, hired, hrUser, inProbation, managerId, planned, smallPlan, taskCompleted } from './fixtures.ts';

// Offboarding's events in the same journey stream: the onboarding decider folds them
// through the shared stage fold (the command kit's journeyCodec decodes them for it).
const lastDay = '2025-09-30';
const terminated: OffboardingEvent = {
  type: 'journey.offboarding.started',
  data: { kind: 'termination', voluntary: false, regrettable: false, lastDay, initiatedBy: 'hr' },
};
const departed: OffboardingEvent = { type: 'journey.employee.departed', data: { kind: 'termination', voluntary: false, lastDay, departedOn: lastDay } };
const newStart = '2026-03-02';
const rehired: OffboardingEvent = {
  type: 'journey.employee.rehired',
  data: { department: 'Research', role: 'Staff Engineer', level: 'L5', managerId: buddyId, location: 'Paris', startDate: newStart },
};

/** In probation with check-ins 30 and 60 done, then terminated and gone. */
const left: JourneyEvent[] = [hired, planned(), checkIn(30), checkIn(60), taskCompleted('laptop'), taskCompleted('handbook'), completed, terminated, departed];
const afterDeparture = new Date('2025-10-15T09:00:00Z');
const spec = deciderSpec(onboardingDecider);
const fold = (events: JourneyEvent[]) => events.reduce(onboardingDecider.evolve, onboardingDecider.initialState()) as HiredState;

describe('a departed employee', () => {
  it('is refused every onboarding command with EJP_EMPLOYEE_DEPARTED, whichever service recorded the departure', () => {
    const refusals = [
      command('CompleteOnboardingTask', { taskId: 'coffee', completedBy: hrUser }, afterDeparture),
      command('RecordCheckIn', { day: 90, rating: 4 }, afterDeparture),
      command('AssignBuddy', { buddyId, kind: 'buddy' }, afterDeparture),
      command('AssignOnboardingPlan', { tasks: smallPlan }, afterDeparture),
      command('RecordProbationOutcome', { outcome: 'passed' }, afterDeparture),
    ];
    for (const refused of refusals) spec.given(left).when(refused).thenThrows('EJP_EMPLOYEE_DEPARTED');
  });

  it('was still in offboarding before the departure: the stage rule answered then, not the departure', () => {
    const before = left.slice(0, -1);
    spec.given(before).when(command('RecordCheckIn', { day: 90, rating: 4 }, afterDeparture)).thenThrows('EJP_STAGE_MISMATCH');
  });
});

describe('a rehired employee', () => {
  it('starts a new onboarding: the old plan, buddy and check-ins stay in the old chapter', () => {
    const state = fold([...left, rehired]);
    expect(state).toMatchObject({ startDate: newStart, managerId: buddyId, tasks: [], buddy: null, checkIns: [], welcomeSent: false });
    expect(state.journey).toEqual({ stage: 'pre-boarding', chapter: 2, startDate: newStart });
  });

  it('gets a plan, a buddy, tasks and check-ins again', () => {
    const beforeNewStart = new Date('2026-02-20T09:00:00Z');
    const inNewOnboarding = new Date('2026-04-10T09:00:00Z');
    const again = [...left, rehired];
    spec.given(again).when(command('AssignOnboardingPlan', { tasks: smallPlan }, beforeNewStart)).then([planned()]);
    spec.given([...again, planned()]).when(command('AssignBuddy', { buddyId: managerId, kind: 'mentor' }, beforeNewStart)).then([
      { type: 'journey.onboarding.buddy-assigned', data: { buddyId: managerId, kind: 'mentor' } },
    ]);
    spec.given([...again, planned()]).when(command('CompleteOnboardingTask', { taskId: 'laptop', completedBy: hrUser }, beforeNewStart)).then([taskCompleted('laptop')]);
    // The 30-day check-in of the first chapter does not count in the second.
    spec.given([...again, planned()]).when(command('RecordCheckIn', { day: 30, rating: 5 }, inNewOnboarding)).then([checkIn(30, 5)]);
    spec.given([...again, planned()]).when(command('RecordCheckIn', { day: 60, rating: 5 }, inNewOnboarding)).thenThrows('EJP_CHECKIN_OUT_OF_ORDER');
  });

  it('cannot be hired again through onboarding: the rehire is offboarding’s command', () => {
    spec.given([...left, rehired]).when(command('HireEmployee', { ...hired.data } as never, afterDeparture)).thenThrows('EJP_EMPLOYEE_ALREADY_HIRED');
  });
});

describe('erasure (right to erasure)', () => {
  const erase = (now = afterDeparture) => command('EraseEmployee', { reason: 'employee-request' }, now);

  it('erases an alumnus, the usual case, and an employee in any other stage, with the reason only', () => {
    spec.given(left).when(erase()).then([{ type: 'journey.employee.erased', data: { reason: 'employee-request' } }]);
    spec.given(inProbation).when(erase(afterStart)).then([{ type: 'journey.employee.erased', data: { reason: 'employee-request' } }]);
  });

  it('refuses an employee who was never hired, as every other command does', () => {
    spec.given([]).when(erase()).thenThrows('EJP_EMPLOYEE_NOT_FOUND');
  });
});
