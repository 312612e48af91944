import type { EventData, OffboardingEvent, OffboardingStarted } from '@ejp/contracts';
import type { OffboardingCommand, OffboardingTask } from '../../src/domain/commands.ts';
import { defaultPlan } from '../../src/domain/default-plan.ts';
import type { JourneyEvent } from '../../src/domain/state.ts';

export const employeeId = '5b0c4a5e-0d7c-4c43-9a4e-2f3c1d9b8a71';
export const managerId = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
export const newcomerId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const startDate = '2024-01-08';
export const lastDay = '2026-06-30';

/** A month before the last day, on it, and two days after it. */
export const beforeLastDay = new Date('2026-06-01T09:00:00Z');
export const onLastDay = new Date('2026-06-30T16:00:00Z');
export const afterLastDay = new Date('2026-07-02T09:00:00Z');

export const hired: JourneyEvent = {
  type: 'journey.employee.hired',
  data: {
    employeeId,
    givenName: 'Ada',
    familyName: 'Lovelace',
    email: 'ada.lovelace@example.com',
    department: 'Engineering',
    role: 'Software Engineer',
    level: 'L3',
    managerId,
    location: 'London',
    startDate,
  },
};

/** Hired, onboarded, probation passed: in role. */
export const inRole: JourneyEvent[] = [
  hired,
  { type: 'journey.onboarding.completed', data: {} },
  { type: 'journey.probation.outcome-recorded', data: { outcome: 'passed' } },
];

export const resignation: EventData<typeof OffboardingStarted> = {
  kind: 'resignation',
  voluntary: true,
  regrettable: true,
  lastDay,
  initiatedBy: 'employee',
};

export function started(data: Partial<EventData<typeof OffboardingStarted>> = {}): OffboardingEvent {
  return { type: 'journey.offboarding.started', data: { ...resignation, ...data } };
}

export function planned(tasks: OffboardingTask[] = defaultPlan()): OffboardingEvent {
  return { type: 'journey.offboarding.plan-assigned', data: { tasks } };
}

export function taskCompleted(taskId: string): OffboardingEvent {
  return { type: 'journey.offboarding.task-completed', data: { taskId } };
}

export const requiredTaskIds = defaultPlan()
  .filter((task) => task.required)
  .map((task) => task.id);

/** In role, resigned, default plan with every required task done. */
export const readyToLeave: JourneyEvent[] = [...inRole, started(), planned(), ...requiredTaskIds.map(taskCompleted)];

export function accessRemovalDue(dueOn = lastDay): OffboardingEvent {
  return { type: 'journey.offboarding.access-removal-due', data: { dueOn } };
}

export function departed(departedOn = lastDay): OffboardingEvent {
  return { type: 'journey.employee.departed', data: { kind: 'resignation', voluntary: true, lastDay, departedOn } };
}

/** Left on the last day, every rule kept. */
export const leftOnLastDay: JourneyEvent[] = [...readyToLeave, accessRemovalDue(), departed()];

export const enrolled: OffboardingEvent = { type: 'journey.alumni.enrolled', data: { consent: true, contactPreference: 'email', email: 'ada@home.example' } };

export function eligibility(eligible: boolean): OffboardingEvent {
  return { type: 'journey.alumni.rehire-eligibility-set', data: { eligible, reason: eligible ? 'Strong performer' : 'Policy breach' } };
}

type Data<T extends OffboardingCommand['type']> = Omit<Extract<OffboardingCommand, { type: T }>['data'], 'employeeId'>;

/** A command for the fixture employee at `now` (a month before the last day unless told otherwise). */
export function command<T extends OffboardingCommand['type']>(type: T, data: Data<T>, now: Date = beforeLastDay): OffboardingCommand {
  return { type, data: { employeeId, ...data }, metadata: { now } } as OffboardingCommand;
}

export const hrUser = { id: 'hr-1', roles: ['hr'] };
