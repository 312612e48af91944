import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { journeyStream } from '@ejp/contracts';
import type { JourneyEnvelope } from '@ejp/messaging';
import { createProjector } from '@ejp/projector';
import { openSqliteReadStore, type ReadStore } from '@ejp/readstore';
import { onCleanup } from './infra.ts';
import { journeyApiOn, type ScaleTarget, timelineQueriesInTurns } from './scale-query.ts';

// Does a timeline query slow down as the read model grows? The SQLite read
// store is seeded directly through the port, by the timeline projection itself
// (so documents and indexes are exactly what production writes), with 10
// touchpoints per employee, one store per size; then GET /employees/{id}/timeline
// is timed through the journey API's routes on each store in turn.

const MANAGER = randomUUID();
const BUDDY = randomUUID();

/** One onboarding journey of 10 events, as the bus delivers them (personal fields in plaintext: the projection withholds them). */
export function journeyEvents(employeeId: string, position: number): JourneyEnvelope[] {
  const at = (day: number) => new Date(Date.UTC(2025, 1, 1 + day, 9)).toISOString();
  const steps: [string, number, Record<string, unknown>][] = [
    ['journey.employee.hired', 2, { employeeId, givenName: 'Ada', familyName: 'King', email: 'ada@example.com', department: 'Platform', role: 'Engineer', level: 'L4', managerId: MANAGER, location: 'London', startDate: '2025-03-03' }],
    ['journey.onboarding.plan-assigned', 1, { tasks: ['laptop', 'accounts', 'coffee', 'goals'].map((id, i) => ({ id, title: `Task ${id}`, owner: 'it', dueOffsetDays: i * 5, required: true })) }],
    ['journey.onboarding.welcome-message-sent', 1, { message: 'Welcome aboard!' }],
    ['journey.employee.start-date-changed', 1, { from: '2025-03-03', to: '2025-03-10' }],
    ['journey.onboarding.task-completed', 1, { taskId: 'laptop' }],
    ['journey.onboarding.buddy-assigned', 1, { buddyId: BUDDY, kind: 'buddy' }],
    ['journey.onboarding.task-completed', 1, { taskId: 'accounts' }],
    ['journey.onboarding.check-in-recorded', 1, { day: 30, rating: 4, notes: 'Settling in' }],
    ['journey.onboarding.task-completed', 1, { taskId: 'goals' }],
    ['journey.onboarding.task-completed', 1, { taskId: 'coffee' }],
  ];
  return steps.map(([type, version, data], revision) => ({
    eventId: randomUUID(),
    type,
    version,
    stream: journeyStream(employeeId),
    revision: String(revision),
    globalPosition: String(position + revision),
    occurredAt: at(revision * 7),
    recordedAt: at(revision * 7),
    actor: { id: 'hr-1', kind: 'hr' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    data,
  }));
}

export interface ScaleStep {
  employees: number;
  seedSeconds: number;
  samples: number[];
}

/**
 * One SQLite file per size, in /dev/shm when there is one: seeding a million
 * documents through the port means a million commits, each an fsync under
 * synchronous=FULL (hours on a virtual disk). Queries read from the page cache
 * either way once the file is warm, so this changes the seeding time, not what
 * is measured.
 */
export async function sqliteTimelineScale(sizes: readonly number[], queries: number, log: (line: string) => void): Promise<ScaleStep[]> {
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'ejp-bench-scale-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const stores: ReadStore[] = [];
  const targets: (ScaleTarget & { seedSeconds: number })[] = [];
  try {
    for (const size of sizes) {
      const readStore = openSqliteReadStore({ path: join(dir, `read-models-${size}.db`) });
      stores.push(readStore);
      const seedStart = performance.now();
      const employees = await seed(readStore, size, log);
      targets.push({ app: await journeyApiOn(readStore), employees, seedSeconds: (performance.now() - seedStart) / 1000 });
    }
    const samples = await timelineQueriesInTurns(targets, queries, 200);
    return targets.map((t, i) => ({ employees: t.employees.length, seedSeconds: t.seedSeconds, samples: samples[i]! }));
  } finally {
    for (const target of targets) await target.app.close();
    for (const store of stores) await store.close();
  }
}

/** Seeds `count` employees through the projector (timeline and journey status), 100 per handle() (a bus batch of 1,000 events). */
export async function seed(readStore: ReadStore, count: number, log?: (line: string) => void): Promise<string[]> {
  const projection = createProjector(readStore);
  await projection.init();
  const employees: string[] = [];
  while (employees.length < count) {
    const batch: JourneyEnvelope[] = [];
    for (let i = 0; i < 100 && employees.length < count; i++) {
      const id = randomUUID();
      batch.push(...journeyEvents(id, employees.length * 10));
      employees.push(id);
    }
    await projection.handle(batch);
    if (employees.length % 20_000 === 0) log?.(`  seeded ${employees.length} of ${count} employees`);
  }
  return employees;
}
