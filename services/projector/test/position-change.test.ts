import { randomUUID } from 'node:crypto';
import { type AttritionCell, AttritionReadModel, type JourneyStatus, JourneyStatusReadModel } from '@ejp/contracts/read-models';
import type { ProjectionRunner } from '@ejp/projection-kit';
import { JourneyBuilder, readStoreBackends, toEnvelopes } from '@ejp/projection-kit/testing';
import type { ReadStore } from '@ejp/readstore';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProjector } from '../src/projector.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'projector_position_change')).db : undefined;
const NEW_MANAGER = '3c2b1a0f-8e7d-4c6b-9a5f-4e3d2c1b0a9f';

/** Hired into Platform, transferred to Sales under a new manager, then resigns. */
function transferred(): JourneyBuilder {
  const was = { department: 'Platform', role: 'Engineer', level: 'L4', managerId: '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a' };
  return new JourneyBuilder(randomUUID())
    .hire({ department: 'Platform', startDate: '2023-02-01' })
    .step('journey.employee.position-changed', { kind: 'transfer', effectiveOn: '2024-01-15', department: 'Sales', role: 'Sales Engineer', level: 'L4', managerId: NEW_MANAGER, from: was })
    .step('journey.move.plan-assigned', { effectiveOn: '2024-01-15', tasks: [{ id: 'records', title: 'Update records', owner: 'hr', dueOffsetDays: 0, required: true }] })
    .startOffboarding({ lastDay: '2024-07-10' }, '2024-06-03T09:00:00.000Z')
    .interview('growth')
    .depart({ lastDay: '2024-07-10' });
}

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`a position change on ${backend.name}`, () => {
    let store: ReadStore;
    let projector: ProjectionRunner;
    beforeEach(async () => {
      store = await backend.open();
      projector = createProjector(store);
      await projector.init();
    });
    afterEach(async () => {
      await store.drop();
      await store.close();
    });

    it('moves the journey status to the new manager and department, and the departure is counted in the new department', async () => {
      const journey = transferred();
      const events = toEnvelopes(journey.employeeId, journey.steps);
      // Up to the move: the status has the new reporting line, the onboarding of the hire stays.
      await projector.handle(events.slice(0, 3));
      const status = (await store.get<JourneyStatus>(JourneyStatusReadModel.collection, journey.employeeId))!.doc;
      expect(status).toMatchObject({ department: 'Sales', role: 'Sales Engineer', level: 'L4', managerId: NEW_MANAGER, startDate: '2023-02-01', lastAppliedRevision: 2 });
      // Everything, delivered twice: the one departure counts once, in Sales.
      await projector.handle(events);
      await projector.handle(events);
      const page = await store.query<AttritionCell>(AttritionReadModel.collection, { where: { month: { gte: '2000-01' } }, orderBy: [{ field: 'month' }], limit: 100 });
      expect(page.items.map((i) => [i.doc.department, i.doc.departures])).toEqual([['Sales', 1]]);
    });
  });
}
