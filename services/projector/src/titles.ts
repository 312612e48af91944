import {
  BuddyAssigned,
  CheckInRecorded,
  EmployeeHired,
  type EventData,
  type EventDefinition,
  OnboardingPlanAssigned,
  OnboardingTaskCompleted,
  OneToOneRecorded,
  ProbationOutcomeRecorded,
  StartDateChanged,
} from '@ejp/contracts';
import { offboardingTitleOf } from './offboarding-titles.ts';
import { plural } from './plural.ts';

/**
 * A one-line, human-readable title of a touchpoint, built only from the safe
 * (non-personal) data. `taskTitle` looks up a task of the plan in force when
 * the event happened, since TaskCompleted carries only the task id. Types
 * without a rule here fall back to the catalogue's title, so a new event type
 * shows up sensibly before anyone writes one.
 */
export function titleOf(event: { definition: EventDefinition; data: Record<string, unknown> }, taskTitle: (taskId: string, plan: 'onboarding' | 'offboarding') => string | undefined): string {
  const { definition, data } = event;
  switch (definition.type) {
    case EmployeeHired.type: {
      const d = data as EventData<typeof EmployeeHired>;
      return `Hired as ${d.role} in ${d.department}`;
    }
    case OnboardingPlanAssigned.type: {
      const { tasks } = data as EventData<typeof OnboardingPlanAssigned>;
      const required = tasks.filter((t) => t.required).length;
      return `Onboarding plan assigned: ${plural(tasks.length, 'task')} (${required} required)`;
    }
    case BuddyAssigned.type:
      return (data as EventData<typeof BuddyAssigned>).kind === 'mentor' ? 'Mentor assigned' : 'Buddy assigned';
    case OnboardingTaskCompleted.type: {
      const { taskId } = data as EventData<typeof OnboardingTaskCompleted>;
      return `Task completed: ${taskTitle(taskId, 'onboarding') ?? taskId}`;
    }
    case CheckInRecorded.type: {
      const d = data as EventData<typeof CheckInRecorded>;
      return `Check-in day ${d.day}: rating ${d.rating}/5`;
    }
    case StartDateChanged.type: {
      const d = data as EventData<typeof StartDateChanged>;
      return `Start date moved from ${d.from} to ${d.to}`;
    }
    case OneToOneRecorded.type: {
      const d = data as EventData<typeof OneToOneRecorded>;
      return `One-to-one: mood ${d.mood}/5${d.topics.length ? `, ${d.topics.join(', ')}` : ''}`;
    }
    case ProbationOutcomeRecorded.type: {
      const d = data as EventData<typeof ProbationOutcomeRecorded>;
      if (d.outcome === 'extended') return `Probation extended until ${d.newEndDate}`;
      return d.outcome === 'passed' ? 'Probation passed' : 'Probation not passed';
    }
    default:
      return offboardingTitleOf(definition, data, (taskId) => taskTitle(taskId, 'offboarding')) ?? definition.title;
  }
}
