import { randomUUID } from 'node:crypto';
import { journeyStream } from '@ejp/contracts';
import type { JourneyEnvelope } from '../../src/index.ts';

let position = 0n;

/** A valid journey envelope (task completed) without going through a store: for consumer tests. */
export function taskCompleted(employeeId: string, revision: number): JourneyEnvelope {
  position++;
  return {
    eventId: randomUUID(),
    type: 'journey.onboarding.task-completed',
    version: 1,
    stream: journeyStream(employeeId),
    revision: String(revision),
    globalPosition: position.toString(),
    occurredAt: new Date().toISOString(),
    recordedAt: new Date().toISOString(),
    actor: { id: employeeId, kind: 'employee' },
    correlationId: `corr-${revision}`,
    causationId: `cmd-${revision}`,
    data: { taskId: `task-${revision}` },
  };
}
