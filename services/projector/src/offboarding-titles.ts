import {
  AccessRemovalDue,
  AlumnusEnrolled,
  EmployeeDeparted,
  EmployeeRehired,
  type EventData,
  type EventDefinition,
  ExitInterviewRecorded,
  LastDayChanged,
  OffboardingPlanAssigned,
  OffboardingStarted,
  OffboardingTaskCompleted,
  RehireEligibilitySet,
  ResignationWithdrawn,
} from '@ejp/contracts';
import { plural } from './plural.ts';

const KIND_NAMES: Record<EventData<typeof OffboardingStarted>['kind'], string> = {
  resignation: 'Resignation',
  termination: 'Termination',
  retirement: 'Retirement',
  'end-of-contract': 'End of contract',
};

/**
 * Titles of the offboarding and alumni touchpoints, from safe data only (the
 * interview's notes, an override's reason, contact details and the referred
 * person never reach a projection). Undefined for types without a rule here.
 */
export function offboardingTitleOf(definition: EventDefinition, data: Record<string, unknown>, taskTitle: (taskId: string) => string | undefined): string | undefined {
  switch (definition.type) {
    case OffboardingStarted.type: {
      const d = data as EventData<typeof OffboardingStarted>;
      return `${KIND_NAMES[d.kind]} recorded: last day ${d.lastDay}`;
    }
    case ResignationWithdrawn.type:
      return `Resignation withdrawn: back to ${(data as EventData<typeof ResignationWithdrawn>).returnsTo}`;
    case OffboardingPlanAssigned.type: {
      const { tasks } = data as EventData<typeof OffboardingPlanAssigned>;
      return `Offboarding plan assigned: ${plural(tasks.length, 'task')} (${tasks.filter((t) => t.required).length} required)`;
    }
    case OffboardingTaskCompleted.type: {
      const { taskId } = data as EventData<typeof OffboardingTaskCompleted>;
      return `Offboarding task completed: ${taskTitle(taskId) ?? taskId}`;
    }
    case LastDayChanged.type: {
      const d = data as EventData<typeof LastDayChanged>;
      return `Last day moved from ${d.from} to ${d.to}`;
    }
    case AccessRemovalDue.type:
      return `Access removal due on ${(data as EventData<typeof AccessRemovalDue>).dueOn}`;
    case ExitInterviewRecorded.type:
      return `Exit interview recorded: ${(data as EventData<typeof ExitInterviewRecorded>).primaryReason.replaceAll('-', ' ')}`;
    case EmployeeDeparted.type: {
      const d = data as Pick<EventData<typeof EmployeeDeparted>, 'departedOn'> & { override?: unknown };
      return `Departed on ${d.departedOn}${d.override ? ' (with an override)' : ''}`;
    }
    case AlumnusEnrolled.type:
      return 'Joined the alumni programme';
    case RehireEligibilitySet.type:
      return (data as Pick<EventData<typeof RehireEligibilitySet>, 'eligible'>).eligible ? 'Eligible for rehire' : 'Not eligible for rehire';
    case EmployeeRehired.type: {
      const d = data as EventData<typeof EmployeeRehired>;
      return `Rehired as ${d.role} in ${d.department}, starting ${d.startDate}`;
    }
    default:
      return undefined;
  }
}
