import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmployeeHired, journeyStream, newEvent, OnboardingTaskCompleted } from '@ejp/contracts';
import { type EventStore, openSqliteEventStore, SqliteCheckpointStore } from '@ejp/eventstore';
import { afterAll } from 'vitest';

/** Plaintext personal data every hire carries; tests search Kafka bytes for it. */
export const secretEmailOf = (employeeId: string) => `secret.${employeeId.slice(0, 8)}@example.com`;

/** A fresh SQLite file (event store, checkpoints and leases share it, as in production), removed after the file. */
export async function openTempStore(): Promise<{ store: EventStore; path: string; checkpoints: SqliteCheckpointStore }> {
  const dir = mkdtempSync(join(tmpdir(), 'ejp-messaging-'));
  const path = join(dir, 'events.db');
  const store = await openSqliteEventStore({ path, pollIntervalMs: 50 });
  const checkpoints = new SqliteCheckpointStore({ path });
  afterAll(async () => {
    await store.close();
    await checkpoints.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { store, path, checkpoints };
}

const context = (n: number) => ({
  actor: { id: 'hr-1', kind: 'hr' as const },
  correlationId: `corr-${n}`,
  causationId: `cmd-${n}`,
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
});

/**
 * Appends, per employee, one EmployeeHired (with personal fields) then
 * `perEmployee - 1` task completions; employees interleave so that store
 * order differs from per-key order. Returns the employee ids.
 */
export async function appendJourneys(
  store: Pick<EventStore, 'appendToStream'>,
  employees: number,
  perEmployee: number,
  ids: string[] = Array.from({ length: employees }, () => randomUUID()),
): Promise<string[]> {
  for (let round = 0; round < perEmployee; round++) {
    for (const [i, employeeId] of ids.entries()) {
      const event =
        round === 0
          ? newEvent(EmployeeHired, hireOf(employeeId), context(i))
          : newEvent(OnboardingTaskCompleted, { taskId: `task-${round}` }, context(i));
      await store.appendToStream(journeyStream(employeeId), [event]);
    }
  }
  return ids;
}

function hireOf(employeeId: string) {
  return {
    employeeId,
    email: secretEmailOf(employeeId),
    department: 'Engineering',
    role: 'Developer',
    level: 'L3',
    managerId: null,
    location: 'Lisbon',
    startDate: '2025-03-01',
    givenName: 'Ada',
    familyName: 'Lovelace',
  };
}
