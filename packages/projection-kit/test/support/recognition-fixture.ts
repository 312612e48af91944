import { randomUUID } from 'node:crypto';
import { type Actor, appendMetadata, type JsonObject, journeyStream } from '@ejp/contracts';
import type { JourneyEnvelope } from '@ejp/messaging';
import { MANAGER_ID } from './journey-fixture.ts';

/**
 * Recognition events as a bus delivers them, for the tests of the
 * recognition projections and of their readers: each call is the next event
 * of that employee's journey (revisions counted per stream, positions
 * globally), so tests cut batches as they like.
 */

/** The giver's words: personal, so never in a read model. */
export const RECOGNITION_MESSAGE = 'Thank you, Grace, for the brilliant migration';

export interface GiveInput {
  recipientIds: string[];
  values?: string[];
  points?: number;
  visibility?: 'public' | 'recipients' | 'recipients-and-managers';
  month?: string;
  recognitionId?: string;
}

export class RecognitionScenario {
  #position = 1;
  readonly #revisions = new Map<string, number>();
  #clock = Date.parse('2024-03-04T09:00:00.000Z');

  /** The next event of `employeeId`'s journey, an hour after the previous event of the scenario. */
  event(employeeId: string, type: string, data: JsonObject, options: { version?: number; actor?: Actor } = {}): JourneyEnvelope {
    const revision = this.#revisions.get(employeeId) ?? 0;
    this.#revisions.set(employeeId, revision + 1);
    const occurredAt = new Date(this.#clock);
    this.#clock += 3_600_000;
    const id = randomUUID();
    const metadata = appendMetadata(options.version ?? 1, {
      actor: options.actor ?? { id: employeeId, kind: 'employee' },
      correlationId: `c-${id}`,
      causationId: `c-${id}`,
      occurredAt,
    });
    return {
      eventId: id,
      type,
      version: metadata.version,
      stream: journeyStream(employeeId),
      revision: String(revision),
      globalPosition: String(this.#position++),
      occurredAt: metadata.occurredAt,
      recordedAt: new Date(occurredAt.getTime() + 1000).toISOString(),
      actor: metadata.actor,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      data,
    };
  }

  hire(employeeId: string, department: string, managerId: string | null = MANAGER_ID): JourneyEnvelope {
    const data = { employeeId, givenName: 'Grace', familyName: 'Hopper', email: 'grace@example.com', department, role: 'Engineer', level: 'L4', managerId, location: 'Berlin', startDate: '2024-02-01' };
    return this.event(employeeId, 'journey.employee.hired', data, { version: 2, actor: { id: 'hr-1', kind: 'hr' } });
  }

  depart(employeeId: string): JourneyEnvelope {
    return this.event(employeeId, 'journey.employee.departed', { kind: 'resignation', voluntary: true, lastDay: '2024-03-01', departedOn: '2024-03-01' }, { actor: { id: 'hr-1', kind: 'hr' } });
  }

  give(giverId: string, input: GiveInput): { envelope: JourneyEnvelope; recognitionId: string } {
    const recognitionId = input.recognitionId ?? randomUUID();
    const points = input.points ?? 0;
    const spent = points * input.recipientIds.length;
    const data = {
      recognitionId,
      recipientIds: input.recipientIds,
      values: input.values ?? ['teamwork'],
      message: RECOGNITION_MESSAGE,
      pointsPerRecipient: points,
      visibility: input.visibility ?? 'public',
      funding: { month: input.month ?? '2024-03', allowance: spent, boost: 0 },
      withdrawableUntil: '2030-01-01T00:00:00.000Z',
    };
    return { envelope: this.event(giverId, 'journey.recognition.given', data), recognitionId };
  }

  shoutOut(giverId: string, audience: { kind: 'department'; department: string } | { kind: 'team'; managerId: string }, values = ['teamwork']): { envelope: JourneyEnvelope; recognitionId: string } {
    const recognitionId = randomUUID();
    const data = { recognitionId, audience, values, message: RECOGNITION_MESSAGE, withdrawableUntil: '2030-01-01T00:00:00.000Z' };
    return { envelope: this.event(giverId, 'journey.shout-out.given', data), recognitionId };
  }

  withdraw(giverId: string, recognitionId: string, returned: { month: string; allowance: number; boost: number } | null): JourneyEnvelope {
    return this.event(giverId, 'journey.recognition.withdrawn', { recognitionId, returned });
  }
}
