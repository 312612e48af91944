import type { Decider } from '@ejp/command-kit';
import { DEFAULT_MONTHLY_ALLOWANCE, DEFAULT_WITHDRAW_WINDOW_HOURS, entryOf, type OrganisationSettingsEvent } from '@ejp/contracts';
import type { Caller, OrganisationSettingsCommand } from './commands.ts';
import { RecognitionError } from './errors.ts';

/**
 * The organisation's recognition settings, event-sourced in
 * `organisation-<orgId>`: company values (a retired one stays, marked, so old
 * recognitions still name it), the monthly allowance and the withdraw window.
 * Only admins change them; the envelope's actor records who.
 */

export { DEFAULT_MONTHLY_ALLOWANCE, DEFAULT_WITHDRAW_WINDOW_HOURS };

export interface CompanyValue {
  name: string;
  retired: boolean;
}

export interface SettingsState {
  /** By value id, in the order added. */
  values: Record<string, CompanyValue>;
  monthlyAllowance: number;
  withdrawWindowHours: number;
}

export function initialSettings(): SettingsState {
  return { values: {}, monthlyAllowance: DEFAULT_MONTHLY_ALLOWANCE, withdrawWindowHours: DEFAULT_WITHDRAW_WINDOW_HOURS };
}

export function evolveSettings(state: SettingsState, event: OrganisationSettingsEvent): SettingsState {
  switch (event.type) {
    case 'organisation.company-value.added':
      return { ...state, values: { ...state.values, [event.data.valueId]: { name: event.data.name, retired: false } } };
    case 'organisation.company-value.renamed':
      return withValue(state, event.data.valueId, { name: event.data.to });
    case 'organisation.company-value.retired':
      return withValue(state, event.data.valueId, { retired: true });
    case 'organisation.recognition-allowance.set':
      return { ...state, monthlyAllowance: event.data.to };
    case 'organisation.recognition-withdraw-window.set':
      return { ...state, withdrawWindowHours: event.data.toHours };
  }
}

function withValue(state: SettingsState, valueId: string, change: Partial<CompanyValue>): SettingsState {
  const value = entryOf(state.values, valueId);
  return value ? { ...state, values: { ...state.values, [valueId]: { ...value, ...change } } } : state;
}

/** The ids a new recognition may be tagged with. */
export function activeValueIds(state: SettingsState): string[] {
  return Object.entries(state.values)
    .filter(([, value]) => !value.retired)
    .map(([id]) => id);
}

export function requireAdmin(caller: Caller, what: string): void {
  if (!caller.roles.includes('admin')) throw new RecognitionError('EJP_ADMIN_REQUIRED', `Only an admin may ${what}.`);
}

export function decideSettings(command: OrganisationSettingsCommand, state: SettingsState): OrganisationSettingsEvent[] {
  requireAdmin(command.data.changedBy, 'change the organisation settings');
  switch (command.type) {
    case 'AddCompanyValue': {
      const { valueId, name } = command.data;
      const existing = entryOf(state.values, valueId);
      if (existing) {
        // Also when retired: an id names one value forever, or old recognitions would change meaning.
        throw new RecognitionError('EJP_COMPANY_VALUE_EXISTS', `A company value ${valueId} exists already.`, { retired: existing.retired });
      }
      requireFreeName(state, name, valueId);
      return [{ type: 'organisation.company-value.added', data: { valueId, name } }];
    }
    case 'RenameCompanyValue': {
      const { valueId, name } = command.data;
      const value = requireValue(state, valueId);
      if (value.retired) throw new RecognitionError('EJP_COMPANY_VALUE_RETIRED', `Company value ${valueId} is retired.`);
      if (value.name === name) return [];
      requireFreeName(state, name, valueId);
      return [{ type: 'organisation.company-value.renamed', data: { valueId, from: value.name, to: name } }];
    }
    case 'RetireCompanyValue': {
      const value = requireValue(state, command.data.valueId);
      return value.retired ? [] : [{ type: 'organisation.company-value.retired', data: { valueId: command.data.valueId } }];
    }
    case 'SetRecognitionAllowance': {
      const to = command.data.monthlyPoints;
      return to === state.monthlyAllowance ? [] : [{ type: 'organisation.recognition-allowance.set', data: { from: state.monthlyAllowance, to } }];
    }
    case 'SetWithdrawWindow': {
      const toHours = command.data.hours;
      if (toHours === state.withdrawWindowHours) return [];
      return [{ type: 'organisation.recognition-withdraw-window.set', data: { fromHours: state.withdrawWindowHours, toHours } }];
    }
  }
}

function requireValue(state: SettingsState, valueId: string): CompanyValue {
  const value = entryOf(state.values, valueId);
  if (!value) throw new RecognitionError('EJP_COMPANY_VALUE_NOT_FOUND', `No company value ${valueId}.`);
  return value;
}

/** Two active values with one name (ignoring case) could not be told apart in a feed. */
function requireFreeName(state: SettingsState, name: string, valueId: string): void {
  const taken = Object.entries(state.values).find(([id, value]) => id !== valueId && !value.retired && value.name.toLowerCase() === name.toLowerCase());
  if (taken) throw new RecognitionError('EJP_COMPANY_VALUE_NAME_TAKEN', `Company value ${taken[0]} is already called ${name}.`, { valueId: taken[0] });
}

export const organisationSettingsDecider: Decider<OrganisationSettingsCommand, SettingsState, OrganisationSettingsEvent> = {
  initialState: initialSettings,
  evolve: evolveSettings,
  decide: decideSettings,
};
