import type { EmploymentStatus, GivingEvent } from '@ejp/contracts';
import type { Caller, EmploymentFacts, GiveRecognition, GiveShoutOut, GrantAllowanceBoost, WithdrawRecognition } from '../../src/domain/commands.ts';
import type { PointsSplit } from '../../src/domain/giving-state.ts';
import { initialSettings, type SettingsState } from '../../src/domain/settings.ts';

// Facts as the routes would load them, and commands at a chosen instant, for the decider specs.

export const giverId = '11111111-1111-4111-8111-111111111111';
export const ada = '22222222-2222-4222-8222-222222222222';
export const grace = '33333333-3333-4333-8333-333333333333';
export const manager = '44444444-4444-4444-8444-444444444444';
export const recognitionId = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
/** A recognition given before the command under test (the one withdrawals and reactions are about). */
export const earlierId = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
export const boostId = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

export const admin: Caller = { id: 'admin-1', roles: ['admin'] };
export const giverCaller: Caller = { id: giverId, roles: ['employee'] };

/** Settings with two active values and a retired one; the default allowance (100) and window (24 h) unless changed. */
export function settings(change: Partial<SettingsState> = {}): SettingsState {
  return {
    ...initialSettings(),
    values: {
      ownership: { name: 'Ownership', retired: false },
      'customer-obsession': { name: 'Customer obsession', retired: false },
      'move-fast': { name: 'Move fast', retired: true },
    },
    ...change,
  };
}

export function employment(statuses: Record<string, EmploymentStatus> = {}): EmploymentFacts {
  return { [giverId]: 'active', [ada]: 'active', [grace]: 'active', [manager]: 'active', ...statuses };
}

type GiveData = GiveRecognition['data'];

export function give(
  data: Partial<Omit<GiveData, 'facts'>> = {},
  options: { at?: string; settings?: SettingsState; employment?: EmploymentFacts } = {},
): GiveRecognition {
  return {
    type: 'GiveRecognition',
    data: {
      giverId,
      recognitionId,
      recipientIds: [ada, grace],
      values: ['ownership'],
      message: 'Thank you for the launch!',
      pointsPerRecipient: 10,
      visibility: 'public',
      ...data,
      facts: { settings: options.settings ?? settings(), employment: options.employment ?? employment() },
    },
    metadata: { now: new Date(options.at ?? '2025-03-10T10:00:00.000Z') },
  };
}

export function shoutOut(data: Partial<Omit<GiveShoutOut['data'], 'facts'>> = {}, options: { at?: string; employment?: EmploymentFacts } = {}): GiveShoutOut {
  return {
    type: 'GiveShoutOut',
    data: {
      giverId,
      recognitionId,
      audience: { kind: 'department', department: 'Engineering' },
      values: ['customer-obsession'],
      message: 'Great quarter!',
      ...data,
      facts: { settings: settings(), employment: options.employment ?? employment() },
    },
    metadata: { now: new Date(options.at ?? '2025-03-10T10:00:00.000Z') },
  };
}

export function withdraw(at: string, data: Partial<WithdrawRecognition['data']> = {}): WithdrawRecognition {
  return { type: 'WithdrawRecognition', data: { giverId, recognitionId: earlierId, withdrawnBy: giverCaller, ...data }, metadata: { now: new Date(at) } };
}

export function boost(points: number, options: { by?: Caller; employment?: EmploymentFacts } = {}): GrantAllowanceBoost {
  return {
    type: 'GrantAllowanceBoost',
    data: { employeeId: giverId, boostId, points, grantedBy: options.by ?? admin, facts: { employment: options.employment ?? employment() } },
    metadata: { now: new Date('2025-03-10T10:00:00.000Z') },
  };
}

// ── Facts as events ─────────────────────────────────────────────────────────

/** A recognition given earlier, to one recipient, funded as stated. */
export function given(funding: PointsSplit, options: { id?: string; withdrawableUntil?: string } = {}): GivingEvent {
  return {
    type: 'journey.recognition.given',
    data: {
      recognitionId: options.id ?? earlierId,
      recipientIds: [ada],
      values: ['ownership'],
      message: 'Thanks!',
      pointsPerRecipient: funding.allowance + funding.boost,
      visibility: 'public',
      funding,
      withdrawableUntil: options.withdrawableUntil ?? '2025-03-11T10:00:00.000Z',
    },
  };
}

export const boosted = (points: number): GivingEvent => ({ type: 'journey.allowance.boost-granted', data: { boostId, points } });

export const withdrawn = (returned: PointsSplit | null, id = earlierId): GivingEvent => ({ type: 'journey.recognition.withdrawn', data: { recognitionId: id, returned } });

/** The code and the extensions a decider threw, for `thenThrows`. */
export function hasCode(code: string, extensions: Record<string, unknown> = {}) {
  return (error: unknown) => {
    const e = error as { code?: string; extensions?: Record<string, unknown> };
    return e.code === code && Object.entries(extensions).every(([k, v]) => JSON.stringify(e.extensions?.[k]) === JSON.stringify(v));
  };
}
