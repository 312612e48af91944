import type { OnboardingEvent } from '@ejp/contracts';
import type { OnboardingCommand, PlanTask } from '../../src/domain/commands.ts';
import { defaultPlan } from '../../src/domain/default-plan.ts';

export const employeeId = '5b0c4a5e-0d7c-4c43-9a4e-2f3c1d9b8a71';
export const managerId = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
export const buddyId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const startDate = '2025-03-03';

/** Before the start date (pre-boarding) and well into the first weeks (onboarding). */
export const beforeStart = new Date('2025-02-20T09:00:00Z');
export const afterStart = new Date('2025-04-10T09:00:00Z');

export const hireData = {
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
};

export const hired: OnboardingEvent = { type: 'journey.employee.hired', data: hireData };

export const smallPlan: PlanTask[] = [
  { id: 'laptop', title: 'Ship laptop', owner: 'it', dueOffsetDays: -5, required: true },
  { id: 'coffee', title: 'Coffee with the team', owner: 'buddy', dueOffsetDays: 3, required: false },
  { id: 'handbook', title: 'Read the handbook', owner: 'employee', dueOffsetDays: 2, required: true },
];

export function planned(tasks: PlanTask[] = smallPlan): OnboardingEvent {
  return { type: 'journey.onboarding.plan-assigned', data: { tasks } };
}

export const defaultPlanned = planned(defaultPlan());

export function taskCompleted(taskId: string): OnboardingEvent {
  return { type: 'journey.onboarding.task-completed', data: { taskId } };
}

export function checkIn(day: 30 | 60 | 90, rating = 4): OnboardingEvent {
  return { type: 'journey.onboarding.check-in-recorded', data: { day, rating } };
}

export const completed: OnboardingEvent = { type: 'journey.onboarding.completed', data: {} };

/** Hired with the small plan, every required task done, onboarding completed: in probation. */
export const inProbation: OnboardingEvent[] = [hired, planned(), taskCompleted('laptop'), taskCompleted('handbook'), completed];

type Data<T extends OnboardingCommand['type']> = Omit<Extract<OnboardingCommand, { type: T }>['data'], 'employeeId'>;

/** A command for the fixture employee at `now` (after the start date unless told otherwise). */
export function command<T extends OnboardingCommand['type']>(type: T, data: Data<T>, now: Date = afterStart): OnboardingCommand {
  return { type, data: { employeeId, ...data }, metadata: { now } } as OnboardingCommand;
}

export const hrUser = { id: 'hr-1', roles: ['hr'] };
