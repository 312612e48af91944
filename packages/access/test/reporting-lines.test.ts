import { randomUUID } from 'node:crypto';
import { appendMetadata, journeyStream } from '@ejp/contracts';
import { ReportingLinesReadModel } from '@ejp/contracts/read-models';
import { openSqliteEventStore } from '@ejp/eventstore';
import type { JourneyEnvelope } from '@ejp/messaging';
import { createProjectionRunner } from '@ejp/projection-kit';
import { BUDDY_ID, MANAGER_ID, onboardingJourney, readStoreBackends, toEnvelopes } from '@ejp/projection-kit/testing';
import type { ReadStore } from '@ejp/readstore';
import { managesWithin } from '@ejp/service-kit';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStoreAccessDirectory } from '../src/read-store-directory.ts';
import { reportingLinesProjection } from '../src/reporting-lines-projection.ts';
import { projectedAccessDirectory } from './support/index.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'access')).db : undefined;

const NEW_MANAGER = '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9';

/** The sample journey, then a change of manager, then (upper-case, as a careless client writes it) another. */
function journeyWithManagerChanges(employeeId: string): JourneyEnvelope[] {
  const steps = onboardingJourney(employeeId);
  const envelopes = toEnvelopes(employeeId, steps);
  const last = envelopes.at(-1)!;
  const change = (revision: number, data: Record<string, string | null>): JourneyEnvelope => ({
    ...last,
    eventId: randomUUID(),
    type: 'journey.employee.manager-changed',
    version: 1,
    revision: String(revision),
    globalPosition: String(revision + 1),
    data,
  });
  return [...envelopes, change(envelopes.length, { managerId: NEW_MANAGER, previousManagerId: MANAGER_ID })];
}

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`reporting lines on ${backend.name}`, () => {
    let store: ReadStore;
    const runnerOn = (readStore: ReadStore) => createProjectionRunner({ name: 'access-test', readStore, projections: [reportingLinesProjection()] });
    beforeEach(async () => {
      store = await backend.open();
      await runnerOn(store).init();
    });
    afterEach(async () => {
      await store.drop();
      await store.close();
    });

    it('projects the hire, the buddy and a manager change, idempotently, and the directory reads them', async () => {
      const employeeId = randomUUID();
      const envelopes = journeyWithManagerChanges(employeeId);
      const runner = runnerOn(store);
      await runner.handle(envelopes.slice(0, 3));
      const directory = readStoreAccessDirectory(store);
      expect(await directory.lineOf(employeeId)).toEqual({ managerId: MANAGER_ID, buddyId: null });
      // Redelivered and continued: each event applies once.
      await runner.handle(envelopes);
      await runner.handle(envelopes.slice(2));
      expect(await directory.lineOf(employeeId)).toEqual({ managerId: NEW_MANAGER, buddyId: BUDDY_ID });
      expect(await directory.lineOf(employeeId.toUpperCase())).toEqual({ managerId: NEW_MANAGER, buddyId: BUDDY_ID });
      expect(await directory.lineOf(randomUUID())).toBeUndefined();
      const stored = await store.get(ReportingLinesReadModel.collection, employeeId);
      expect(ReportingLinesReadModel.schema.parse(stored!.doc).lastAppliedRevision).toBe(envelopes.length - 1);
      // The previous manager no longer reaches the employee; the new one does.
      expect(await managesWithin(directory, MANAGER_ID, employeeId, 1)).toBe(false);
      expect(await managesWithin(directory, NEW_MANAGER, employeeId, 1)).toBe(true);
    });

    it('walks the line upwards for skip-level managers', async () => {
      const [ceo, head, dev] = [randomUUID(), randomUUID(), randomUUID()];
      const hire = (employeeId: string, managerId: string | null) => {
        const [hired] = toEnvelopes(employeeId, onboardingJourney(employeeId).slice(0, 1));
        return { ...hired!, data: { ...hired!.data, managerId } };
      };
      await runnerOn(store).handle([hire(ceo, null), hire(head, ceo), hire(dev, head)]);
      const directory = readStoreAccessDirectory(store);
      expect(await managesWithin(directory, head, dev, 1)).toBe(true);
      expect(await managesWithin(directory, ceo, dev, 1)).toBe(false);
      expect(await managesWithin(directory, ceo, dev, 2)).toBe(true);
      expect(await managesWithin(directory, dev, ceo, 5)).toBe(false);
    });
  });
}

describe('projectedAccessDirectory (test support for the services)', () => {
  it('answers from the events appended so far, without waiting for a bus', async () => {
    const events = await openSqliteEventStore({ path: ':memory:' });
    const projected = projectedAccessDirectory(events);
    const employeeId = randomUUID();
    expect(await projected.directory.lineOf(employeeId)).toBeUndefined();
    const [hire] = onboardingJourney(employeeId);
    const metadata = appendMetadata(2, { actor: hire!.actor, correlationId: 'c', causationId: 'c' });
    const { fullName: _, ...rest } = hire!.data as Record<string, string>;
    await events.appendToStream(journeyStream(employeeId), [{ id: randomUUID(), type: hire!.type, data: { ...rest, givenName: 'Ada', familyName: 'Lovelace' }, metadata }]);
    expect(await projected.directory.lineOf(employeeId)).toEqual({ managerId: MANAGER_ID, buddyId: null });
    await projected.close();
    await events.close();
  });
});
