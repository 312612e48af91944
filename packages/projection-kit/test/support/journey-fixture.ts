import { randomUUID } from 'node:crypto';
import { type Actor, appendMetadata, type JsonObject, journeyStream } from '@ejp/contracts';
import type { JourneyEnvelope } from '@ejp/messaging';

/**
 * A complete onboarding journey as test data, shared by the tests of the
 * projections (projector) and of their readers (journey API), exported by
 * `@ejp/projection-kit/testing`. Personal fields are in plaintext here; the
 * projector tests also push the same events through a crypto-shredding store
 * to see what the bus really carries.
 */

export interface JourneyStep {
  id: string;
  type: string;
  version: number;
  data: JsonObject;
  occurredAt: string;
  /** When the store recorded it; normally a minute later, days later for a back-dated record. */
  recordedAt: string;
  actor: Actor;
}

export const HR: Actor = { id: 'hr-1', kind: 'hr' };
export const MANAGER_ID = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
export const BUDDY_ID = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** Personal values that must never show up in a read model. */
export const PERSONAL_VALUES = ['Ada King Lovelace', 'ada@example.com', 'Welcome aboard, Ada!', 'Settling in well, Ada'];

const later = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/**
 * Hired (as v1, with a full name: exercises the upcaster) on 2025-02-01 for a
 * start on 2025-03-03, moved to 2025-03-10; a plan of four tasks; welcome;
 * two tasks done; a buddy on day one; the day-30 check-in recorded three days
 * after it happened; onboarding completed; probation passed.
 */
export function onboardingJourney(employeeId: string): JourneyStep[] {
  const step = (type: string, data: JsonObject, occurredAt: string, options: { version?: number; recordedAt?: string; actor?: Actor } = {}): JourneyStep => ({
    id: randomUUID(),
    type,
    version: options.version ?? 1,
    data,
    occurredAt,
    recordedAt: options.recordedAt ?? later(occurredAt, 1),
    actor: options.actor ?? HR,
  });
  const hired = {
    employeeId,
    fullName: 'Ada King Lovelace',
    email: 'ada@example.com',
    department: 'Platform',
    role: 'Senior Engineer',
    level: 'L5',
    managerId: MANAGER_ID,
    location: 'London',
    startDate: '2025-03-03',
  };
  const tasks = [
    { id: 'laptop', title: 'Equipment ready', owner: 'it', dueOffsetDays: -3, required: true },
    { id: 'accounts', title: 'Accounts created', owner: 'it', dueOffsetDays: 0, required: true },
    { id: 'coffee', title: 'Coffee with the team', owner: 'buddy', dueOffsetDays: 3, required: false },
    { id: 'goals', title: '30-day goals agreed', owner: 'manager', dueOffsetDays: 30, required: true },
  ];
  return [
    step('journey.employee.hired', hired, '2025-02-01T09:00:00.000Z'),
    step('journey.onboarding.plan-assigned', { tasks }, '2025-02-02T09:00:00.000Z'),
    step('journey.onboarding.welcome-message-sent', { message: 'Welcome aboard, Ada!' }, '2025-02-10T09:00:00.000Z', { actor: { id: MANAGER_ID, kind: 'manager' } }),
    step('journey.employee.start-date-changed', { from: '2025-03-03', to: '2025-03-10' }, '2025-02-15T09:00:00.000Z'),
    step('journey.onboarding.task-completed', { taskId: 'laptop' }, '2025-03-07T09:00:00.000Z', { actor: { id: 'it-bot', kind: 'service' } }),
    step('journey.onboarding.buddy-assigned', { buddyId: BUDDY_ID, kind: 'buddy' }, '2025-03-10T08:00:00.000Z'),
    step('journey.onboarding.task-completed', { taskId: 'accounts' }, '2025-03-10T10:00:00.000Z', { actor: { id: 'it-bot', kind: 'service' } }),
    step('journey.onboarding.check-in-recorded', { day: 30, rating: 4, notes: 'Settling in well, Ada' }, '2025-04-09T15:00:00.000Z', {
      recordedAt: '2025-04-12T08:00:00.000Z',
      actor: { id: MANAGER_ID, kind: 'manager' },
    }),
    step('journey.onboarding.completed', {}, '2025-06-08T09:00:00.000Z'),
    step('journey.probation.outcome-recorded', { outcome: 'passed' }, '2025-09-01T09:00:00.000Z'),
  ];
}

/** Envelopes as a bus delivers them, revisions from 0 and positions from `firstPosition`. */
export function toEnvelopes(employeeId: string, steps: readonly JourneyStep[], firstPosition = 1): JourneyEnvelope[] {
  return steps.map((s, revision) => {
    const metadata = appendMetadata(s.version, { actor: s.actor, correlationId: `c-${s.id}`, causationId: `c-${s.id}`, occurredAt: new Date(s.occurredAt) });
    return {
      eventId: s.id,
      type: s.type,
      version: metadata.version,
      stream: journeyStream(employeeId),
      revision: String(revision),
      globalPosition: String(firstPosition + revision),
      occurredAt: metadata.occurredAt,
      recordedAt: s.recordedAt,
      actor: metadata.actor,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      data: structuredClone(s.data),
    };
  });
}

/** Interleaves several employees' envelopes the way a bus may (order kept per employee only). */
export function interleave(...journeys: JourneyEnvelope[][]): JourneyEnvelope[] {
  const out: JourneyEnvelope[] = [];
  for (let i = 0; journeys.some((j) => i < j.length); i++) for (const j of journeys) if (i < j.length) out.push(j[i]!);
  return out;
}

/** Appends `count` onboarding journeys (new employees, 10 events each) to an event store, as the command services would: for rebuild benchmarks. */
export async function appendOnboardingJourneys(
  store: { appendToStream(stream: string, events: { id: string; type: string; data: JsonObject; metadata: ReturnType<typeof appendMetadata> }[], options: { expectedRevision: 'no-stream' }): Promise<unknown> },
  count: number,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const events = onboardingJourney(id).map((s) => ({
      id: s.id,
      type: s.type,
      data: s.data,
      metadata: appendMetadata(s.version, { actor: s.actor, correlationId: s.id, causationId: s.id, occurredAt: new Date(s.occurredAt) }),
    }));
    await store.appendToStream(journeyStream(id), events, { expectedRevision: 'no-stream' });
  }
}
