import { randomUUID } from 'node:crypto';
import {
  DepartmentMembershipReadModel,
  type FeedEntry,
  feedKeysOf,
  type Recognition,
  RecognitionFeedReadModel,
  RecognitionReadModel,
  type RecognitionSummary,
  RecognitionSummaryReadModel,
  RecognitionValueCellReadModel,
  type TimelineEntry,
  TimelineReadModel,
  type ValueCell,
} from '@ejp/contracts/read-models';
import type { RecordedEvent } from '@ejp/eventstore';
import type { JourneyEnvelope } from '@ejp/messaging';
import { rebuildProjections } from '@ejp/projection-kit';
import { dumpCollections, MANAGER_ID, RECOGNITION_MESSAGE, RecognitionScenario, readStoreBackends } from '@ejp/projection-kit/testing';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { describe, expect, it } from 'vitest';
import { useProjector } from './projector-fixture.ts';
import { journeyProjections } from '../src/projector.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'projector_recognition')).db : undefined;
const everyCollection = journeyProjections().flatMap((p) => p.collections.map((c) => c.collection));

const [giver, ana, ben, cleo, dan, eve] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];

/**
 * Platform: the giver, Ana, Ben, Dan (and Eve, hired in the batch of the
 * shout-out); Sales: Cleo. A public give to Ana and Ben, a private one to
 * Cleo, a shout-out to Platform; then the public give is withdrawn.
 */
function scenario() {
  const s = new RecognitionScenario();
  const hires = [s.hire(giver, 'Platform'), s.hire(ana, 'Platform'), s.hire(ben, 'Platform'), s.hire(cleo, 'Sales'), s.hire(dan, 'Platform')];
  const pub = s.give(giver, { recipientIds: [ana, ben], values: ['teamwork', 'customer-obsession'], points: 10 });
  const priv = s.give(giver, { recipientIds: [cleo], visibility: 'recipients', points: 5 });
  const eveHired = s.hire(eve, 'Platform');
  const shout = s.shoutOut(giver, { kind: 'department', department: 'Platform' });
  const withdrawal = s.withdraw(giver, pub.recognitionId, { month: '2024-03', allowance: 20, boost: 0 });
  return { hires, pub, priv, eveHired, shout, withdrawal, batch2: [pub.envelope, priv.envelope, eveHired, shout.envelope] };
}

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`recognition projections on ${backend.name}`, () => {
    const t = useProjector(backend);

    const all = async <T>(collection: string, where: Record<string, string | number | boolean | null> = {}) =>
      (await t.store.query<T>(collection, { where, limit: 1000 })).items.map((i) => i.doc);
    const feed = async (filter: { value?: string; department?: string } = {}) =>
      (await all<FeedEntry>(RecognitionFeedReadModel.collection, { key: feedKeysOf(filter), withdrawn: false })).map((e) => e.recognitionId).sort();
    const timeline = async (employeeId: string) =>
      (await t.store.query<TimelineEntry>(TimelineReadModel.collection, { where: { employeeId }, orderBy: [{ field: 'revision' }, { field: 'occurredAt' }], limit: 1000 })).items.map((i) => i.doc);
    const shown = async (employeeId: string) => (await timeline(employeeId)).filter((e) => e.recognition && !e.withdrawnAt).map((e) => [e.recognition!.direction, e.type]);
    const summary = async (id: string) => (await t.store.get<RecognitionSummary>(RecognitionSummaryReadModel.collection, id))?.doc;

    async function project(batches: JourneyEnvelope[][]) {
      for (const batch of batches) await t.projector.handle(batch);
    }

    it('feed, timelines, summaries and value cells from gives and a shout-out; a withdrawal takes the give out of each', async () => {
      const s = scenario();
      await project([s.hires, s.batch2]);

      // The public feed: the public give and the shout-out, never the private one; by value and by department.
      expect(await feed()).toEqual([s.pub.recognitionId, s.shout.recognitionId].sort());
      expect(await feed({ value: 'customer-obsession' })).toEqual([s.pub.recognitionId]);
      expect(await feed({ department: 'Platform' })).toEqual([s.pub.recognitionId, s.shout.recognitionId].sort());
      expect(await feed({ department: 'Sales' })).toEqual([]);
      const record = (await t.store.get<Recognition>(RecognitionReadModel.collection, s.priv.recognitionId))!.doc;
      expect(record).toMatchObject({ giverId: giver, recipientIds: [cleo], departments: ['Sales'], visibility: 'recipients', recipientManagerIds: [MANAGER_ID], withdrawnAt: null });

      // Timelines: given on the giver's, received on each recipient's, the shout-out on every Platform member's (Eve too, hired in its batch).
      expect(await shown(giver)).toEqual([['given', 'journey.recognition.given'], ['given', 'journey.recognition.given'], ['given', 'journey.shout-out.given']]);
      for (const id of [ana, ben]) expect(await shown(id)).toEqual([['received', 'journey.recognition.given'], ['received', 'journey.shout-out.given']]);
      expect(await shown(cleo)).toEqual([['received', 'journey.recognition.given']]);
      for (const id of [dan, eve]) expect(await shown(id)).toEqual([['received', 'journey.shout-out.given']]);
      const received = (await timeline(ana)).find((e) => e.type === 'journey.recognition.given')!;
      // After Ana's hire (revision 0) in her journey order, in her stage then, without the message.
      expect(received).toMatchObject({ revision: 0, chapter: 1, stage: 'onboarding', title: 'Recognised for teamwork, customer-obsession (10 points)', withheld: ['$.message'] });
      expect(JSON.stringify(await dumpCollections(t.store, everyCollection))).not.toContain(RECOGNITION_MESSAGE);

      expect(await summary(ana)).toMatchObject({ receivedByDay: { d20240304: 1 }, pointsReceived: 10, valuesReceived: { v_teamwork: 1, v_customer_obsession: 1 } });
      expect(await summary(giver)).toMatchObject({ givenByDay: { d20240304: 3 }, spentByMonth: { m202403: 25 }, boostSpent: 0 });
      const cells = await all<ValueCell>(RecognitionValueCellReadModel.collection);
      expect(cells.map((c) => [c.department, c.valueId, c.recognitions]).sort()).toEqual([
        ['Platform', 'customer-obsession', 1],
        ['Platform', 'teamwork', 2],
        ['Sales', 'teamwork', 1],
      ]);

      await project([[s.withdrawal]]);
      expect(await feed()).toEqual([s.shout.recognitionId]);
      expect(await feed({ value: 'customer-obsession' })).toEqual([]);
      expect(await shown(giver)).toEqual([['given', 'journey.recognition.given'], ['given', 'journey.shout-out.given']]);
      expect(await shown(ana)).toEqual([['received', 'journey.shout-out.given']]);
      expect(await summary(ana)).toMatchObject({ receivedByDay: { d20240304: 0 }, pointsReceived: 0, valuesReceived: { v_teamwork: 0 } });
      expect(await summary(giver)).toMatchObject({ givenByDay: { d20240304: 2 }, spentByMonth: { m202403: 5 } });
      const after = await all<ValueCell>(RecognitionValueCellReadModel.collection);
      expect(after.find((c) => c.department === 'Platform' && c.valueId === 'teamwork')!.recognitions).toBe(1);
    });

    it("a departed member gets no shout-out; a team shout-out reaches the manager's reports; a redelivered batch changes nothing", async () => {
      const s = new RecognitionScenario();
      const hires = [s.hire(giver, 'Platform'), s.hire(ana, 'Platform'), s.hire(ben, 'Platform')];
      await project([hires, [s.depart(ben)]]);
      expect((await t.store.get(DepartmentMembershipReadModel.collection, ben))!.doc).toMatchObject({ department: 'Platform', member: false });
      const shout = s.shoutOut(giver, { kind: 'department', department: 'Platform' });
      await project([[shout.envelope], [shout.envelope]]);
      expect(await shown(ana)).toEqual([['received', 'journey.shout-out.given']]);
      expect(await shown(ben)).toEqual([]);
      expect((await timeline(ana)).filter((e) => e.recognition)).toHaveLength(1);
      const team = s.shoutOut(giver, { kind: 'team', managerId: MANAGER_ID });
      await project([[team.envelope]]);
      expect(await shown(ana)).toEqual([['received', 'journey.shout-out.given'], ['received', 'journey.shout-out.given']]);
      expect(await shown(ben)).toEqual([]);
      // The hires redelivered with a give and a shout-out: Ana's stage fold is not moved twice (still her
      // first chapter), and Ben's old hire does not make him a member again.
      const give = s.give(giver, { recipientIds: [ana] });
      const again = s.shoutOut(giver, { kind: 'department', department: 'Platform' });
      await project([[...hires, give.envelope, again.envelope]]);
      expect((await timeline(ana)).find((e) => e.eventId === give.envelope.eventId)).toMatchObject({ chapter: 1, revision: 0, recognition: { direction: 'received' } });
      expect(await shown(ben)).toEqual([]);
    });

    it('a rebuild from the events reaches the same read models as the live path', async () => {
      const s = scenario();
      const batches = [s.hires, s.batch2, [s.withdrawal]];
      await project(batches);
      const live = await dumpCollections(t.store, everyCollection);
      const events = batches.flat();
      const rebuilt = await backend.open();
      try {
        const asRecorded: RecordedEvent[] = events.map((e) => ({
          id: e.eventId,
          type: e.type,
          data: e.data as RecordedEvent['data'],
          metadata: { version: e.version, actor: e.actor, correlationId: e.correlationId, causationId: e.causationId, occurredAt: e.occurredAt },
          streamName: e.stream,
          revision: BigInt(e.revision),
          position: BigInt(e.globalPosition),
          recordedAt: new Date(e.recordedAt),
        }));
        await rebuildProjections({ events: { readAll: async ({ after } = {}) => asRecorded.filter((e) => after === undefined || e.position > after) }, readStore: rebuilt, projections: journeyProjections() });
        expect(await dumpCollections(rebuilt, everyCollection)).toEqual(live);
      } finally {
        await rebuilt.drop();
        await rebuilt.close();
      }
    });
  });
}
