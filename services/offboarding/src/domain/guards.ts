import { recordedEvent } from '@ejp/command-kit';
import type { EventData, EventDefinition, EventOf } from '@ejp/contracts';
import { OffboardingError } from './errors.ts';
import { employmentOf, type HiredState, type OffboardingRecord, type OffboardingState } from './state.ts';

/**
 * The checks every command starts with, one place each, and the one way
 * `decide` builds an event: validated against its contracts schema, so the
 * cross-field rules written there (a resignation is voluntary, secondary
 * reasons exclude the primary one) refuse a command with the field named,
 * instead of failing later at append time.
 */
export function recorded<D extends EventDefinition>(definition: D, data: EventData<D>): EventOf<D> {
  return recordedEvent(definition, data, (field, message) => new OffboardingError('EJP_INVALID_COMMAND', `${field || 'the command'}: ${message}`, { field }));
}

export function requireHired(state: OffboardingState, employeeId: string): HiredState {
  if (state.status !== 'hired') throw new OffboardingError('EJP_EMPLOYEE_NOT_FOUND', `No employee ${employeeId} was hired.`);
  return state;
}

/** Hired and not departed, by the shared journey-stage rule; a departed employee is told they have left. */
export function requireActive(state: HiredState): void {
  if (employmentOf(state) !== 'departed') return;
  const on = state.offboarding?.departedOn;
  throw new OffboardingError('EJP_EMPLOYEE_DEPARTED', `Employee ${state.employeeId} has left${on ? ` (departed on ${on})` : ''}.`, {
    departedOn: on ?? null,
  });
}

/** The offboarding in progress: started, not withdrawn, not yet departed. */
export function requireOpenOffboarding(state: HiredState): OffboardingRecord {
  requireActive(state);
  if (!state.offboarding) throw notStarted(state);
  return state.offboarding;
}

/** The offboarding of the current chapter, open or ended in the departure (exit interview, rehire eligibility). */
export function requireOffboarding(state: HiredState): OffboardingRecord {
  if (!state.offboarding) throw notStarted(state);
  return state.offboarding;
}

/** Departed in the current chapter: the alumni programme and rehire start here. */
export function requireDeparted(state: HiredState, action: string): OffboardingRecord & { departedOn: string } {
  const offboarding = state.offboarding;
  if (employmentOf(state) !== 'departed' || offboarding?.departedOn == null) {
    throw new OffboardingError('EJP_NOT_DEPARTED', `Employee ${state.employeeId} has not departed; only alumni can ${action}.`);
  }
  return { ...offboarding, departedOn: offboarding.departedOn };
}

function notStarted(state: HiredState): OffboardingError {
  return new OffboardingError('EJP_OFFBOARDING_NOT_STARTED', `No offboarding was started for employee ${state.employeeId}.`);
}
