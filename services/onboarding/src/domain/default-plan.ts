import { CHECK_IN_DAYS } from '@ejp/contracts';
import type { CheckInDay, PlanTask } from './commands.ts';

/**
 * Task ids that a touchpoint command completes by itself: sending the
 * welcome message completes `welcome-message`, and so on. A custom plan
 * that reuses these ids gets the same behaviour; without it, HR would have
 * to tick off by hand what the platform already recorded.
 */
export const TOUCHPOINT_TASKS = {
  welcome: 'welcome-message',
  buddy: 'buddy-assigned',
  checkIn: (day: CheckInDay) => `check-in-${day}`,
} as const;

/**
 * The touchpoint a task id stands for, if it is one: such a task is done when
 * the touchpoint happens (the message sent, the buddy assigned, the check-in
 * recorded), never by ticking it, or the plan would claim what never happened.
 */
export function touchpointOf(taskId: string): { command: string; route: string } | undefined {
  if (taskId === TOUCHPOINT_TASKS.welcome) return { command: 'SendWelcomeMessage', route: 'POST /employees/{employeeId}/onboarding/welcome' };
  if (taskId === TOUCHPOINT_TASKS.buddy) return { command: 'AssignBuddy', route: 'POST /employees/{employeeId}/onboarding/buddy' };
  if (CHECK_IN_DAYS.some((day) => taskId === TOUCHPOINT_TASKS.checkIn(day))) {
    return { command: 'RecordCheckIn', route: 'POST /employees/{employeeId}/onboarding/check-ins' };
  }
  return undefined;
}

/**
 * The plan a hire gets when HR names none: welcome before day one, equipment
 * ready on day 0, a buddy within the first week, check-ins at 30, 60, 90 days.
 */
export function defaultPlan(): PlanTask[] {
  return [
    { id: TOUCHPOINT_TASKS.welcome, title: 'Send a personal welcome message', owner: 'manager', dueOffsetDays: -3, required: true },
    { id: 'equipment-ready', title: 'Laptop, accounts and badge ready', owner: 'it', dueOffsetDays: 0, required: true },
    { id: TOUCHPOINT_TASKS.buddy, title: 'Assign a buddy or mentor', owner: 'manager', dueOffsetDays: 4, required: true },
    { id: TOUCHPOINT_TASKS.checkIn(30), title: '30-day check-in', owner: 'manager', dueOffsetDays: 30, required: true },
    { id: TOUCHPOINT_TASKS.checkIn(60), title: '60-day check-in', owner: 'manager', dueOffsetDays: 60, required: true },
    { id: TOUCHPOINT_TASKS.checkIn(90), title: '90-day check-in', owner: 'manager', dueOffsetDays: 90, required: true },
  ];
}
