import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, EmployeeDeparted, EmployeeHired, journeyStream, newEvent, SurveyStreams } from '@ejp/contracts';
import { type EventStore, openKeyStore, openShreddingEventStore, type ShreddingEventStoreSettings, SqliteCheckpointStore } from '@ejp/eventstore';
import { InProcessBus, KafkaConsumerRuntime, openKafkaClient, Relay, SqliteLeaseStore } from '@ejp/messaging';
import { openSqliteReadStore } from '@ejp/readstore';
import { createLogger } from '@ejp/service-kit';
import { createTestDatabase, createTestTopic, findServer, uniqueName, urlOf } from '@ejp/testkit';
import { describe, expect, it } from 'vitest';
import { onboardingSurveyIdOf } from '../src/domain/survey-calendar.ts';
import { SURVEY_SECRETS } from '../src/main.ts';
import { CALENDAR_COLLECTIONS, createSurveyCalendar } from '../src/survey-calendar.ts';
import { surveyCommandHandler } from '../src/survey-round.ts';

const postgres = await findServer('postgres');
const kafka = await findServer('kafka');
const logger = createLogger({ name: 'survey-calendar-test', level: 'silent' });
const SYSTEM = { actor: { id: 'test', kind: 'system' as const }, correlationId: randomUUID(), causationId: randomUUID() };
const START = '2026-01-05';
const at = (day: string) => new Date(`${day}T07:00:00Z`);

type Bus = 'in-process' | { brokers: string; topic: string };

/**
 * One feedback process's survey calendar on real stores: the event store
 * (SQLite or PostgreSQL), the survey secrets, the calendar's plans in a SQLite
 * read store file, fed by the in-process bus or by the relay and a Kafka
 * consumer group. `restart` closes all of it and opens it again on the same
 * files, database, topic and group, as a new process would.
 */
async function calendarProcess(stores: ShreddingEventStoreSettings, bus: Bus, dir: string, clock: { now: Date }) {
  const closing: (() => Promise<void> | void)[] = [];
  const resources = { add: (_: string, close: () => Promise<void> | void) => void closing.push(close) };
  const { raw, store } = await openShreddingEventStore(stores, resources);
  const secrets = await openKeyStore(stores, resources, { table: SURVEY_SECRETS });
  const readStore = await openSqliteReadStore({ path: join(dir, 'read.db') });
  closing.push(() => readStore.close());
  const calendar = await createSurveyCalendar({ store, secrets, readStore, logger, clock: () => clock.now });
  const checkpoints = new SqliteCheckpointStore({ path: join(dir, 'checkpoints.db') });
  closing.push(() => checkpoints.close());
  if (bus === 'in-process') {
    const inProcess = new InProcessBus({ store: raw, checkpoints, handlers: [calendar.handler], checkpointIntervalMs: 10 });
    inProcess.start();
    closing.push(() => inProcess.stop());
  } else {
    const leases = new SqliteLeaseStore({ path: join(dir, 'leases.db') });
    closing.push(() => leases.close());
    const relay = new Relay({ store: raw, checkpoints, leases, kafka: openKafkaClient({ brokers: bus.brokers, clientId: uniqueName('calendar-relay'), quiet: true }), topic: bus.topic, relayId: bus.topic, lease: { ttlMs: 1_500, renewEveryMs: 300 }, fenceMarginMs: 300 });
    await relay.start();
    closing.push(() => relay.stop());
    const consumer = new KafkaConsumerRuntime({ kafka: openKafkaClient({ brokers: bus.brokers, clientId: uniqueName('calendar'), quiet: true }), handler: calendar.handler, groupId: `${bus.topic}-calendar`, topic: bus.topic, consumerConfig: { maxWaitMs: 100 } });
    await consumer.start();
    closing.push(() => consumer.stop());
  }
  return {
    store,
    calendar,
    /** Waits until the calendar's plan of `id` satisfies `check` (the bus delivers asynchronously). */
    async planned(collection: keyof typeof CALENDAR_COLLECTIONS, id: string, check: (doc: Record<string, unknown>) => boolean = () => true) {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const doc = (await readStore.get(CALENDAR_COLLECTIONS[collection], id))?.doc;
        if (doc && check(doc)) return;
        if (Date.now() > deadline) throw new Error(`no ${collection} plan ${id} as expected`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      for (const close of closing.reverse()) await close();
    },
  };
}

async function hire(store: EventStore, employeeId: string, department = 'engineering') {
  const data = { employeeId, email: `${employeeId}@example.com`, givenName: 'Ada', familyName: 'King', department, role: 'developer', level: 'junior', managerId: null, location: 'oslo', startDate: START };
  await store.appendToStream(journeyStream(employeeId), [newEvent(EmployeeHired, data, { ...SYSTEM, occurredAt: at('2025-12-01') })], { expectedRevision: 'no-stream' });
}

async function depart(store: EventStore, employeeId: string, day: string) {
  const event = newEvent(EmployeeDeparted, { kind: 'resignation', voluntary: true, lastDay: day, departedOn: day }, { ...SYSTEM, occurredAt: at(day) });
  await store.appendToStream(journeyStream(employeeId), [event], { expectedRevision: 'any' });
}

const typesOf = async (store: EventStore, surveyId: string) => (await store.readStream(SurveyStreams.streamOf(surveyId))).map((e) => e.type.replace('feedback.survey.', ''));

/**
 * The whole calendar on one kind of store and bus: a hire gets exactly one
 * day-30 and one day-90 survey, also across a restart between ticks and
 * repeated ticks; a colleague who departed gets none; a scheduled survey opens
 * and closes by itself.
 */
async function calendarScenario(stores: ShreddingEventStoreSettings, bus: Bus) {
  const dir = await mkdtemp(join(tmpdir(), 'ejp-calendar-'));
  const clock = { now: at(START) };
  const [ada, bob] = [randomUUID(), randomUUID()];
  const day30 = onboardingSurveyIdOf(ada, 1, 30);
  const day90 = onboardingSurveyIdOf(ada, 1, 90);
  let p = await calendarProcess(stores, bus, dir, clock);
  try {
    await hire(p.store, ada);
    await hire(p.store, bob, 'sales');
    await depart(p.store, bob, '2026-01-20');
    await p.planned('hires', ada);
    await p.planned('hires', bob, (doc) => (doc.journey as { stage: string }).stage === 'alumni');

    clock.now = at(addDays(START, 29));
    expect(await p.calendar.tick()).toEqual([]);
    clock.now = at(addDays(START, 30));
    expect((await p.calendar.tick()).map((d) => d.type)).toEqual(['calendar.onboarding-survey-due']);
    expect(await typesOf(p.store, day30)).toEqual(['created', 'scheduled', 'launched']);
    const [launched] = (await p.store.readStream(SurveyStreams.streamOf(day30))).slice(2);
    expect(launched!.data.invited).toEqual([ada]);
    expect((await p.store.readStream(SurveyStreams.streamOf(day30)))[0]!.data).toMatchObject({ kind: 'onboarding', anonymity: 'confidential' });
    // Ticking again, before and after the launch was consumed, changes nothing.
    await p.calendar.tick();
    await p.planned('surveys', day30, (doc) => doc.status === 'open');
    expect(await p.calendar.tick()).toEqual([]);

    // A restart between ticks: the plans, the checkpoints and the surveys are where they were.
    await p.close();
    p = await calendarProcess(stores, bus, dir, clock);
    expect(await p.calendar.tick()).toEqual([]);
    clock.now = at(addDays(START, 45));
    expect((await p.calendar.tick()).map((d) => d.type)).toEqual(['calendar.survey-closing-due']);
    expect(await typesOf(p.store, day30)).toEqual(['created', 'scheduled', 'launched', 'closed']);

    await p.close();
    p = await calendarProcess(stores, bus, dir, clock);
    clock.now = at(addDays(START, 90));
    await p.calendar.tick();
    await p.calendar.tick();
    expect(await typesOf(p.store, day90)).toEqual(['created', 'scheduled', 'launched']);
    expect(await typesOf(p.store, day30)).toEqual(['created', 'scheduled', 'launched', 'closed']);
    // Bob departed before his day 30: no survey was ever created for him.
    for (const milestone of [30, 90] as const) expect(await typesOf(p.store, onboardingSurveyIdOf(bob, 1, milestone))).toEqual([]);

    // A scheduled pulse survey opens on its first day and closes after its last, by itself.
    const pulse = randomUUID();
    const surveys = surveyCommandHandler(p.store);
    const now = { metadata: { now: clock.now } };
    const today = addDays(START, 90);
    await surveys.handle({ type: 'CreateSurvey', data: { surveyId: pulse, title: 'Pulse', kind: 'pulse', questions: [{ bankId: 'enps' }], audience: { kind: 'everyone' } }, ...now }, { context: SYSTEM });
    await surveys.handle({ type: 'ScheduleSurvey', data: { surveyId: pulse, opensOn: addDays(today, 1), closesOn: addDays(today, 3) }, ...now }, { context: SYSTEM });
    await p.planned('surveys', pulse, (doc) => doc.status === 'scheduled');
    expect(await p.calendar.tick()).toEqual([]);
    clock.now = at(addDays(today, 1));
    expect((await p.calendar.tick()).map((d) => d.type)).toEqual(['calendar.survey-opening-due']);
    const opened = (await p.store.readStream(SurveyStreams.streamOf(pulse))).at(-1)!;
    expect(opened.type).toBe('feedback.survey.launched');
    // Everyone employed that day, and only them: Ada, not Bob.
    expect(opened.data.invited).toEqual([ada]);
    await p.planned('surveys', pulse, (doc) => doc.status === 'open');
    await p.close();
    p = await calendarProcess(stores, bus, dir, clock);
    clock.now = at(addDays(today, 3));
    expect(await p.calendar.tick()).toEqual([]);
    clock.now = at(addDays(today, 4));
    await p.calendar.tick();
    await p.calendar.tick();
    expect(await typesOf(p.store, pulse)).toEqual(['created', 'scheduled', 'launched', 'closed']);
  } finally {
    await p.close();
  }
}

describe('survey calendar on real servers', () => {
  it('standalone shape (SQLite, in-process bus): one day-30 and one day-90 survey across restarts; a scheduled survey opens and closes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ejp-calendar-events-'));
    await calendarScenario({ EVENTSTORE_BACKEND: 'sqlite', EVENTSTORE_URL: join(dir, 'events.db') }, 'in-process');
  }, 60_000);

  it.runIf(postgres.available && kafka.available)('distributed shape (PostgreSQL, relay, Kafka consumer group): the same, exactly once', async () => {
    const url = await createTestDatabase(urlOf(postgres), 'feedback_calendar');
    const brokers = urlOf(kafka);
    const topic = await createTestTopic(brokers, uniqueName('feedback-calendar'));
    await calendarScenario({ EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: url, KEYSTORE_MASTER_KEY: randomBytes(32).toString('base64') }, { brokers, topic });
  }, 180_000);
});
