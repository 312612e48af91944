import { randomUUID } from 'node:crypto';
import type { Actor, JsonObject } from '@ejp/contracts';
import { HR, type JourneyStep, MANAGER_ID } from './journey-fixture.ts';

/**
 * Offboarding and alumni journeys as test data, for the projections and
 * their readers: a builder that appends one step per call, each a day after
 * the previous one unless told when. Personal fields (interview notes, an
 * override's reason, contact details, the referred person, HR's rehire
 * reason) carry values from OFFBOARDING_PERSONAL_VALUES, which no read model
 * may contain.
 */
export const OFFBOARDING_PERSONAL_VALUES = [
  'Grace Brewster Hopper',
  'grace@example.com',
  'Manager never listened, said Grace',
  'Leaving early for family reasons',
  'grace.alumna@example.net',
  'Alan Turing',
  'alan@example.org',
  'Strong performer, welcome back',
];

export interface HireInput {
  department?: string;
  role?: string;
  startDate?: string;
}

export interface StartInput {
  kind?: 'resignation' | 'termination' | 'retirement' | 'end-of-contract';
  voluntary?: boolean;
  regrettable?: boolean;
  lastDay: string;
}

const addMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

export class JourneyBuilder {
  readonly steps: JourneyStep[] = [];
  readonly employeeId: string;
  #at: string;

  constructor(employeeId: string, firstAt = '2024-01-02T09:00:00.000Z') {
    this.employeeId = employeeId;
    this.#at = firstAt;
  }

  /** Appends a step `at` (default: a day after the previous one). */
  step(type: string, data: JsonObject, options: { at?: string; actor?: Actor } = {}): this {
    const occurredAt = options.at ?? this.#at;
    this.#at = addMinutes(occurredAt, 24 * 60);
    this.steps.push({ id: randomUUID(), type, version: 1, data, occurredAt, recordedAt: addMinutes(occurredAt, 1), actor: options.actor ?? HR });
    return this;
  }

  hire({ department = 'Platform', role = 'Engineer', startDate = '2024-02-01' }: HireInput = {}, at?: string): this {
    const data = { employeeId: this.employeeId, givenName: 'Grace', familyName: 'Brewster Hopper', email: 'grace@example.com', department, role, level: 'L4', managerId: MANAGER_ID, location: 'Berlin', startDate };
    this.step('journey.employee.hired', data, at ? { at } : {});
    this.steps.at(-1)!.version = 2;
    return this;
  }

  startOffboarding({ kind = 'resignation', voluntary = kind === 'resignation', regrettable = true, lastDay }: StartInput, at?: string): this {
    const initiatedBy = kind === 'resignation' ? 'employee' : 'hr';
    return this.step('journey.offboarding.started', { kind, voluntary, regrettable, lastDay, initiatedBy }, at ? { at } : {});
  }

  plan(): this {
    const tasks = [
      { id: 'handover', title: 'Hand over the on-call runbook', kind: 'knowledge-transfer', owner: 'employee', dueOffsetDays: -5, required: true },
      { id: 'laptop', title: 'Return the laptop', kind: 'equipment-return', owner: 'it', dueOffsetDays: 0, required: true },
      { id: 'farewell', title: 'Farewell drinks', kind: 'farewell', owner: 'manager', dueOffsetDays: -1, required: false },
    ];
    return this.step('journey.offboarding.plan-assigned', { tasks });
  }

  complete(taskId: string): this {
    return this.step('journey.offboarding.task-completed', { taskId });
  }

  moveLastDay(from: string, to: string): this {
    return this.step('journey.offboarding.last-day-changed', { from, to });
  }

  interview(primaryReason = 'management'): this {
    const data = { primaryReason, secondaryReasons: ['growth'].filter((r) => r !== primaryReason), wouldRecommend: 6, wouldReturn: true, notes: 'Manager never listened, said Grace' };
    return this.step('journey.offboarding.exit-interview-recorded', data, { actor: { id: MANAGER_ID, kind: 'manager' } });
  }

  withdraw(returnsTo = 'in-role'): this {
    return this.step('journey.offboarding.resignation-withdrawn', { returnsTo });
  }

  depart(d: { kind?: string; voluntary?: boolean; lastDay: string; departedOn?: string; override?: { openTasks: string[]; beforeLastDay: boolean } }, at?: string): this {
    const departedOn = d.departedOn ?? d.lastDay;
    const data: JsonObject = { kind: d.kind ?? 'resignation', voluntary: d.voluntary ?? true, lastDay: d.lastDay, departedOn };
    if (d.override) data.override = { reason: 'Leaving early for family reasons', ...d.override };
    this.step('journey.offboarding.access-removal-due', { dueOn: departedOn }, { at: at ?? `${departedOn}T08:00:00.000Z` });
    return this.step('journey.employee.departed', data, { at: at ? addMinutes(at, 1) : `${departedOn}T17:00:00.000Z` });
  }

  enrol(): this {
    return this.step('journey.alumni.enrolled', { consent: true, contactPreference: 'email', email: 'grace.alumna@example.net' });
  }

  withdrawConsent(): this {
    return this.step('journey.alumni.consent-withdrawn', {});
  }

  refer(): this {
    return this.step('journey.alumni.referral-made', { referralId: randomUUID(), referredName: 'Alan Turing', referredEmail: 'alan@example.org', position: 'Engineer' });
  }

  rehireEligibility(eligible: boolean): this {
    return this.step('journey.alumni.rehire-eligibility-set', { eligible, reason: 'Strong performer, welcome back' });
  }

  /** Right to erasure, as HR records it (the reason is a closed list: nothing personal). */
  erase(reason = 'employee-request', at?: string): this {
    return this.step('journey.employee.erased', { reason }, at ? { at } : {});
  }

  rehire({ department = 'Platform', role = 'Staff Engineer', startDate }: HireInput & { startDate: string }): this {
    return this.step('journey.employee.rehired', { department, role, level: 'L6', managerId: MANAGER_ID, location: 'Berlin', startDate });
  }
}
