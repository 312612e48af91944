import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  type CausationContext,
  CheckInRecorded,
  EmployeeHired,
  journeyStream,
  newEvent,
  OnboardingPlanAssigned,
  WelcomeMessageSent,
} from '@ejp/contracts';
import { afterAll, afterEach } from 'vitest';
import type { EventStore, RecordedEvent } from '../src/port.ts';
import { openSqliteEventStore } from '../src/sqlite/event-store.ts';
import { catalogueShreddingPolicy } from '../src/shredding/catalogue-policy.ts';
import { type ShreddingEventStore, withCryptoShredding } from '../src/shredding/crypto-shredding.ts';
import { localKeyWrapper } from '../src/shredding/key-wrapper.ts';
import { openSqliteKeyStore } from '../src/shredding/sqlite-key-store.ts';

/**
 * Test fixtures: crypto-shredding over the real SQLite event store, with the
 * key table in the same file, plus raw access to the stored rows. Call
 * `useShreddingFixtures()` at the top of a test file.
 */
export function useShreddingFixtures() {
  const dir = mkdtempSync(join(tmpdir(), 'ejp-shredding-'));
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const c of opened.splice(0).reverse()) await c.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const withRaw = <T>(file: string, work: (db: DatabaseSync) => T): T => {
    const db = new DatabaseSync(file);
    try {
      return work(db);
    } finally {
      db.close();
    }
  };

  async function setup() {
    const file = join(dir, `${randomUUID()}.db`);
    const inner = await openSqliteEventStore({ path: file, pollIntervalMs: 20 });
    const keys = await openSqliteKeyStore({ path: file, wrapper: localKeyWrapper([randomBytes(32)]) });
    const store = withCryptoShredding(inner, { keys, ...catalogueShreddingPolicy() });
    opened.push(inner, keys);
    return {
      inner,
      keys,
      store,
      rawData: (eventId: string): string =>
        withRaw(file, (db) => (db.prepare('SELECT data FROM events WHERE event_id = ?').get(eventId) as { data: string }).data),
      updateRawData: (eventId: string, data: unknown): void =>
        withRaw(file, (db) => {
          db.prepare('UPDATE events SET data = ? WHERE event_id = ?').run(JSON.stringify(data), eventId);
        }),
    };
  }

  /** Collects a subscription's deliveries; `enough` resolves at `count` events or the first error. */
  function collect(store: ShreddingEventStore, stream: string, count: number, hold?: (event: RecordedEvent) => Promise<void>) {
    const received: RecordedEvent[] = [];
    const errors: unknown[] = [];
    let resolve: () => void = () => {};
    const enough = new Promise<void>((r) => {
      resolve = r;
    });
    const subscription = store.subscribeToAll({
      filter: { streamPrefixes: [stream] },
      handler: async (event) => {
        received.push(event);
        if (received.length === count) resolve();
        await hold?.(event);
      },
      onError: (error) => {
        errors.push(error);
        resolve();
      },
    });
    opened.push({ close: () => subscription.stop() });
    return { received, errors, enough };
  }

  return { setup, collect, track: (c: { close(): Promise<void> }) => opened.push(c) };
}

export const ctx: CausationContext = { actor: { id: 'hr-1', kind: 'hr' }, correlationId: 'req-1', causationId: 'cmd-1' };

export function onboarding(employeeId: string, name: string) {
  return [
    newEvent(
      EmployeeHired,
      {
        employeeId,
        givenName: name,
        familyName: 'Lovelace',
        email: `${name.toLowerCase()}@example.com`,
        department: 'Engineering',
        role: 'Engineer',
        level: 'L3',
        managerId: null,
        location: 'London',
        startDate: '2025-03-03',
      },
      ctx,
    ),
    newEvent(WelcomeMessageSent, { message: `Welcome aboard, ${name}!` }, ctx),
    newEvent(CheckInRecorded, { day: 30, rating: 4, notes: `${name} is settling in` }, ctx),
    newEvent(OnboardingPlanAssigned, { tasks: [{ id: 'laptop', title: 'Ship laptop', owner: 'it', dueOffsetDays: -3, required: true }] }, ctx),
  ];
}

export async function hire(store: EventStore, name = 'Ada') {
  const employeeId = randomUUID();
  const events = onboarding(employeeId, name);
  await store.appendToStream(journeyStream(employeeId), events, { expectedRevision: 'no-stream' });
  return { employeeId, stream: journeyStream(employeeId), events };
}
