import { randomUUID } from 'node:crypto';
import { MentoringStreams } from '@ejp/contracts';
import { type TimelineEntry, TimelineReadModel } from '@ejp/contracts/read-models';
import type { ProjectionRunner } from '@ejp/projection-kit';
import { dumpCollections, JourneyBuilder, readStoreBackends, toEnvelopes } from '@ejp/projection-kit/testing';
import type { ReadStore } from '@ejp/readstore';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProjector, journeyProjections } from '../src/projector.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'projector_growth_timeline')).db : undefined;
const everyCollection = journeyProjections().flatMap((p) => p.collections.map((c) => c.collection));

/** A mentor and a mentee with journeys, and a round in its own stream that pairs them, starts the mentorship and records a session. */
function scenario() {
  const mentor = new JourneyBuilder(randomUUID()).hire({ department: 'Platform' });
  const mentee = new JourneyBuilder(randomUUID()).hire({ department: 'Sales' }).step('journey.development-plan.goal-set', { goalId: randomUUID(), title: 'Ship a service on my own', skills: ['typescript'] });
  const pair = { mentorId: mentor.employeeId, menteeId: mentee.employeeId };
  const roundId = randomUUID();
  const round = new JourneyBuilder(roundId, '2024-03-01T09:00:00.000Z')
    .step('growth.mentoring.round-opened', { title: 'Spring' })
    .step('growth.mentoring.mentorship-started', pair)
    .step('growth.mentoring.session-recorded', { sessionId: randomUUID(), ...pair, heldOn: '2024-03-04', durationMinutes: 45 });
  const roundEvents = toEnvelopes(roundId, round.steps, 100).map((e) => ({ ...e, stream: MentoringStreams.streamOf(roundId) }));
  return { mentor, mentee, roundEvents, journeys: [...toEnvelopes(mentor.employeeId, mentor.steps, 1), ...toEnvelopes(mentee.employeeId, mentee.steps, 10)] };
}

for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`growth in the timeline on ${backend.name}`, () => {
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

    // Journey order, then time: a contributed entry shares the revision of the last own event before it.
    const timelineOf = async (employeeId: string) =>
      (await store.query<TimelineEntry>(TimelineReadModel.collection, { where: { employeeId }, orderBy: [{ field: 'revision' }], limit: 100 })).items
        .map((i) => i.doc)
        .sort((a, b) => a.revision - b.revision || a.occurredAt.localeCompare(b.occurredAt));

    it("shows the mentorship in both the mentor's and the mentee's timeline, and nothing under the round, once however often delivered", async () => {
      const { mentor, mentee, roundEvents, journeys } = scenario();
      await projector.handle(journeys);
      await projector.handle(roundEvents);
      expect((await timelineOf(mentee.employeeId)).map((e) => [e.revision, e.title])).toEqual([
        [0, 'Hired as Engineer in Sales'],
        [1, 'Development goal set: typescript'],
        [1, 'Mentorship started with a mentor'],
        [1, 'Mentoring session (45 minutes) as mentee'],
      ]);
      expect((await timelineOf(mentor.employeeId)).map((e) => e.title)).toEqual(['Hired as Engineer in Platform', 'Started mentoring a colleague', 'Mentoring session (45 minutes) as mentor']);
      expect(await timelineOf(roundEvents[0]!.stream.slice('mentoring-'.length))).toEqual([]);
      // The goal's title is the mentee's personal data: withheld from the entry.
      expect(JSON.stringify(await timelineOf(mentee.employeeId))).not.toContain('Ship a service');
      const once = await dumpCollections(store, everyCollection);
      await projector.handle([...journeys, ...roundEvents]);
      for (const event of roundEvents) await projector.handle([event]);
      expect(await dumpCollections(store, everyCollection)).toEqual(once);
    });
  });
}
