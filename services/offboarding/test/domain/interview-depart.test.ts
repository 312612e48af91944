import { type EventData, type EmployeeDeparted, type ExitInterviewRecorded, foldJourneyStage, type OffboardingEvent } from '@ejp/contracts';
import { describe, expect, it } from 'vitest';
import { offboardingDecider } from '../../src/domain/decider.ts';
import type { JourneyEvent } from '../../src/domain/state.ts';
import {
  accessRemovalDue,
  afterLastDay,
  beforeLastDay,
  command,
  departed,
  inRole,
  lastDay,
  leftOnLastDay,
  onLastDay,
  planned,
  readyToLeave,
  started,
  taskCompleted,
} from './fixtures.ts';
import { deciderSpec } from '@ejp/command-kit/testing';

const spec = deciderSpec(offboardingDecider);
const interview: EventData<typeof ExitInterviewRecorded> = { primaryReason: 'growth', secondaryReasons: ['pay'], wouldRecommend: 7, wouldReturn: true, notes: 'Wants to lead a team' };
const interviewed: OffboardingEvent = { type: 'journey.offboarding.exit-interview-recorded', data: interview };
const recordInterview = (data: object = {}, now?: Date) => command('RecordExitInterview', { ...interview, ...data }, now);
const depart = (now: Date, override?: { reason: string }) => command('Depart', override ? { override } : {}, now);
const offboarding: JourneyEvent[] = [...inRole, started(), planned()];

describe('the exit interview', () => {
  it('is recorded during the offboarding, with its reasons, scores and notes', () => {
    spec.given(offboarding).when(recordInterview()).then([interviewed]);
  });

  it('is recorded once', () => {
    spec.given([...offboarding, interviewed]).when(recordInterview()).thenThrows('EJP_EXIT_INTERVIEW_ALREADY_RECORDED');
    spec.given([...leftOnLastDay, interviewed]).when(recordInterview({}, afterLastDay)).thenThrows('EJP_EXIT_INTERVIEW_ALREADY_RECORDED');
  });

  it('may still happen after the departure, but not without an offboarding', () => {
    spec.given(leftOnLastDay).when(recordInterview({}, afterLastDay)).then([interviewed]);
    spec.given(inRole).when(recordInterview()).thenThrows('EJP_OFFBOARDING_NOT_STARTED');
  });

  it('takes its reasons from the taxonomy; secondary reasons exclude the primary one', () => {
    spec.given(offboarding).when(recordInterview({ secondaryReasons: ['growth'] })).thenThrows('EJP_INVALID_COMMAND');
    spec.given(offboarding).when(recordInterview({ primaryReason: 'boredom' })).thenThrows('EJP_INVALID_COMMAND');
    spec.given(offboarding).when(recordInterview({ wouldRecommend: 11 })).thenThrows('EJP_INVALID_COMMAND');
  });
});

describe('depart', () => {
  const departure = (departedOn: string, override?: EventData<typeof EmployeeDeparted>['override']): OffboardingEvent => ({
    type: 'journey.employee.departed',
    data: { kind: 'resignation', voluntary: true, lastDay, departedOn, ...(override ? { override } : {}) },
  });

  it('on the last day with the required tasks done: access removal is due, then the employee departs', () => {
    spec.given(readyToLeave).when(depart(onLastDay)).then([accessRemovalDue(lastDay), departed(lastDay)]);
  });

  it('announces access removal only once', () => {
    spec.given([...readyToLeave, accessRemovalDue()]).when(depart(afterLastDay)).then([departure('2026-07-02')]);
  });

  it('moves the journey to alumni', () => {
    const events = [...readyToLeave, ...offboardingDecider.decide(depart(onLastDay), readyToLeave.reduce(offboardingDecider.evolve, offboardingDecider.initialState()))];
    expect(foldJourneyStage(events).stage).toBe('alumni');
  });

  it('refuses before the last day without an override', () => {
    spec.given(readyToLeave).when(depart(beforeLastDay)).thenThrows('EJP_LAST_DAY_NOT_REACHED');
  });

  it('refuses while required tasks are open without an override; the optional farewell does not count', () => {
    spec.given(offboarding).when(depart(onLastDay)).thenThrows('EJP_REQUIRED_OFFBOARDING_TASKS_OPEN');
    const withoutFarewell = readyToLeave.filter((event) => !(event.type === 'journey.offboarding.task-completed' && event.data.taskId === 'farewell'));
    spec.given(withoutFarewell).when(depart(onLastDay)).then([accessRemovalDue(lastDay), departed(lastDay)]);
  });

  it('with an override and its reason: before the last day, access removal is due today', () => {
    const reason = 'Garden leave agreed with HR';
    spec.given(readyToLeave).when(depart(beforeLastDay, { reason })).then([
      accessRemovalDue('2026-06-01'),
      departure('2026-06-01', { reason, openTasks: [], beforeLastDay: true }),
    ]);
  });

  it('with an override and its reason: open required tasks are recorded as set aside', () => {
    const reason = 'Laptop lost in transit';
    const open = [...offboarding, taskCompleted('knowledge-transfer'), taskCompleted('access-removal'), accessRemovalDue()];
    spec.given(open).when(depart(onLastDay, { reason })).then([departure(lastDay, { reason, openTasks: ['equipment-return'], beforeLastDay: false })]);
  });

  it('records no override when no rule was set aside', () => {
    spec.given(readyToLeave).when(depart(onLastDay, { reason: 'just in case' })).then([accessRemovalDue(lastDay), departed(lastDay)]);
  });

  it('refuses an override without a reason', () => {
    spec.given(readyToLeave).when(depart(beforeLastDay, { reason: '' })).thenThrows('EJP_INVALID_COMMAND');
  });

  it('needs an offboarding under way', () => {
    spec.given(inRole).when(depart(onLastDay)).thenThrows('EJP_OFFBOARDING_NOT_STARTED');
    spec.given([]).when(depart(onLastDay)).thenThrows('EJP_EMPLOYEE_NOT_FOUND');
  });
});
