import { journeyStageOn } from '@ejp/contracts';
import { describe, expect, it } from 'vitest';
import type { OffboardingTask } from '../../src/domain/commands.ts';
import { offboardingDecider } from '../../src/domain/decider.ts';
import { defaultPlan } from '../../src/domain/default-plan.ts';
import type { HiredState, JourneyEvent } from '../../src/domain/state.ts';
import {
  command,
  hired,
  inRole,
  lastDay,
  leftOnLastDay,
  newcomerId,
  onLastDay,
  planned,
  resignation,
  started,
  startDate,
} from './fixtures.ts';
import { deciderSpec } from '@ejp/command-kit/testing';

const spec = deciderSpec(offboardingDecider);
const start = (data: object = {}, now?: Date) => command('StartOffboarding', { ...resignation, ...data }, now);
const withdraw = (now?: Date) => command('WithdrawResignation', {}, now);
const fold = (events: JourneyEvent[]) => events.reduce(offboardingDecider.evolve, offboardingDecider.initialState()) as HiredState;

describe('start offboarding: only for active employees', () => {
  it('records the start and the default plan in one decision', () => {
    spec.given(inRole).when(start()).then([started(), planned(defaultPlan())]);
  });

  it('adds a handover task for each buddy duty, to the default plan or to HR own plan', () => {
    const handover = {
      id: `buddy-handover-${newcomerId}`,
      title: 'Find the newcomer a new buddy and hand over',
      kind: 'buddy-handover',
      owner: 'manager',
      dueOffsetDays: -5,
      required: true,
      buddyOf: newcomerId,
    } as const;
    spec.given(inRole).when(start({ buddyDuties: [newcomerId, newcomerId] })).then([started(), planned([...defaultPlan(), handover])]);
    const own: OffboardingTask[] = [{ id: 'kt', title: 'Write the runbook', kind: 'knowledge-transfer', owner: 'employee', dueOffsetDays: -3, required: true }];
    spec.given(inRole).when(start({ plan: own, buddyDuties: [newcomerId] })).then([started(), planned([...own, handover])]);
    // A plan that already hands the duty over gets no second task for it.
    spec.given(inRole).when(start({ plan: [handover], buddyDuties: [newcomerId] })).then([started(), planned([handover])]);
  });

  it('is possible in any active stage: pre-boarding (an offer reneged), and after probation was not passed', () => {
    spec.given([hired]).when(start()).then([started(), planned()]);
    const notPassed: JourneyEvent[] = [hired, { type: 'journey.onboarding.completed', data: {} }, { type: 'journey.probation.outcome-recorded', data: { outcome: 'not-passed' } }];
    const termination = { kind: 'termination', voluntary: false, regrettable: false, initiatedBy: 'manager' } as const;
    spec.given(notPassed).when(start(termination)).then([started(termination), planned()]);
  });

  it('refuses an employee who was never hired, or has left', () => {
    spec.given([]).when(start()).thenThrows('EJP_EMPLOYEE_NOT_FOUND');
    spec.given(leftOnLastDay).when(start({}, onLastDay)).thenThrows('EJP_EMPLOYEE_DEPARTED');
  });

  it('refuses a second start while one is under way', () => {
    spec.given([...inRole, started(), planned()]).when(start()).thenThrows('EJP_OFFBOARDING_ALREADY_STARTED');
  });

  it('refuses what the event contract forbids, naming the field: an involuntary resignation, an empty plan', () => {
    const run = (data: object) => () => offboardingDecider.decide(start(data), fold(inRole));
    expect(run({ voluntary: false })).toThrow(expect.objectContaining({ code: 'EJP_INVALID_COMMAND', extensions: { field: 'voluntary' } }));
    expect(run({ plan: [] })).toThrow(expect.objectContaining({ code: 'EJP_INVALID_COMMAND', extensions: { field: 'tasks' } }));
  });
});

describe('withdraw a resignation', () => {
  it('goes back to the stage before the resignation, and the journey continues there', () => {
    spec.given([...inRole, started(), planned()]).when(withdraw()).then([{ type: 'journey.offboarding.resignation-withdrawn', data: { returnsTo: 'in-role' } }]);
    const back = fold([hired, started(), planned(), { type: 'journey.offboarding.resignation-withdrawn', data: { returnsTo: 'pre-boarding' } }]);
    expect(back.offboarding).toBeNull();
    expect([journeyStageOn(back.journey, '2024-01-01'), journeyStageOn(back.journey, startDate)]).toEqual(['pre-boarding', 'onboarding']);
  });

  it('records the stored stage before the resignation (pre-boarding, which the start date turns into onboarding)', () => {
    spec.given([hired, started(), planned()]).when(withdraw()).then([{ type: 'journey.offboarding.resignation-withdrawn', data: { returnsTo: 'pre-boarding' } }]);
  });

  it('lets the employee resign again later, with a fresh offboarding', () => {
    const withdrawn: JourneyEvent = { type: 'journey.offboarding.resignation-withdrawn', data: { returnsTo: 'in-role' } };
    spec.given([...inRole, started(), planned(), withdrawn]).when(start()).then([started(), planned()]);
  });

  it('is possible only before the last day', () => {
    spec.given([...inRole, started(), planned()]).when(withdraw(new Date(`${lastDay}T08:00:00Z`))).thenThrows('EJP_LAST_DAY_REACHED');
    spec.given([...inRole, started(), planned()]).when(withdraw(new Date('2026-06-29T23:59:00Z'))).then([
      { type: 'journey.offboarding.resignation-withdrawn', data: { returnsTo: 'in-role' } },
    ]);
  });

  it('is only for resignations', () => {
    const retirement = started({ kind: 'retirement', initiatedBy: 'hr' });
    spec.given([...inRole, retirement, planned()]).when(withdraw()).thenThrows('EJP_NOT_A_RESIGNATION');
  });

  it('needs an offboarding under way, and an employee who has not left', () => {
    spec.given(inRole).when(withdraw()).thenThrows('EJP_OFFBOARDING_NOT_STARTED');
    spec.given(leftOnLastDay).when(withdraw()).thenThrows('EJP_EMPLOYEE_DEPARTED');
  });

  it('is refused when the employment was ending anyway (probation not passed)', () => {
    const notPassed: JourneyEvent[] = [hired, { type: 'journey.onboarding.completed', data: {} }, { type: 'journey.probation.outcome-recorded', data: { outcome: 'not-passed' } }];
    spec.given([...notPassed, started(), planned()]).when(withdraw()).thenThrows('EJP_INVALID_COMMAND');
  });
});
