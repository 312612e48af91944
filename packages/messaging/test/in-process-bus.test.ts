import { StreamCategories } from '@ejp/contracts';
import type { CheckpointStore } from '@ejp/eventstore';
import { describe, expect, it } from 'vitest';
import { type DeadLetter, InProcessBus, type JourneyEnvelope, type JourneyEventHandler } from '../src/index.ts';
import { IdempotentProjection } from './support/idempotent-projection.ts';
import { appendJourneys, openTempStore } from './support/journey-events.ts';
import { eventually } from './support/kafka-read.ts';
import { appendSurveys, SettingsStreams, SurveyStreams, withSurveys } from './support/survey-streams.ts';

const fastRetry = { attempts: 2, initialMs: 5, maxMs: 10 };

describe('In-process bus (standalone mode, no Kafka)', () => {
  it('feeds each handler every journey event in order, with its own checkpoint, and resumes from it after a restart', async () => {
    const { store, checkpoints } = await openTempStore();
    await appendJourneys(store, 3, 4);
    await store.appendToStream('poll-1', [{ id: crypto.randomUUID(), type: 'poll.answered', data: {} }]);
    const timeline = new IdempotentProjection('timeline');
    const profile = new IdempotentProjection('profile');
    const bus = new InProcessBus({ store, checkpoints, handlers: [timeline, profile], retry: fastRetry });
    bus.start();
    await eventually(() => timeline.effects.length === 12 && profile.effects.length === 12, 'both handlers to catch up');
    await appendJourneys(store, 2, 1); // live events after the catch-up
    await eventually(() => timeline.effects.length === 14, 'live delivery');
    await bus.stop();

    const journey = await store.readAll({ filter: { streamPrefixes: ['journey-'] } });
    expect(timeline.effects.map((e) => e.eventId)).toEqual(journey.map((e) => e.id)); // store order, survey excluded
    expect(await checkpoints.load(InProcessBus.checkpointIdOf(timeline))).toBe(journey.at(-1)!.position);
    expect(await checkpoints.load(InProcessBus.checkpointIdOf(profile))).toBe(journey.at(-1)!.position);

    // Restart: only what came after the checkpoint is delivered.
    const [next] = await appendJourneys(store, 1, 1);
    const restarted = new IdempotentProjection('timeline');
    const again = new InProcessBus({ store, checkpoints, handlers: [restarted] });
    again.start();
    await eventually(() => restarted.deliveries === 1, 'the one new event');
    await again.stop();
    expect(restarted.effects.map((e) => e.stream)).toEqual([`journey-${next}`]);
  });

  it('carries the streams of every published category it is given, and none of an unpublished one', async () => {
    const { store, checkpoints } = await openTempStore();
    await appendJourneys(store, 2, 2);
    const surveys = await appendSurveys(store, 2, 3);
    const handler = new IdempotentProjection('surveys');
    const bus = new InProcessBus({ store, checkpoints, handlers: [handler], categories: withSurveys, retry: fastRetry });
    bus.start();
    await eventually(() => handler.effects.length === 10, 'the journey and survey events');
    await bus.stop();
    const stored = (await store.readAll()).filter((e) => !SettingsStreams.owns(e.streamName));
    expect(handler.effects.map((e) => [e.eventId, e.stream])).toEqual(stored.map((e) => [e.id, e.streamName]));
    expect(new Set(handler.effects.filter((e) => SurveyStreams.owns(e.stream)).map((e) => e.stream))).toEqual(
      new Set(surveys.map((id) => SurveyStreams.streamOf(id))),
    );
  });

  it('refuses a registry with no published category (it would carry nothing)', async () => {
    const { store, checkpoints } = await openTempStore();
    const none = new StreamCategories([SettingsStreams]);
    expect(() => new InProcessBus({ store, checkpoints, handlers: [], categories: none })).toThrow(/no stream category is published/);
  });

  it('dead-letters a poison event after retries and keeps going; other handlers are not held back', async () => {
    const { store, checkpoints } = await openTempStore();
    const [poisoned] = await appendJourneys(store, 2, 3);
    const stored = await store.readAll();
    const poison = stored.find((e) => e.streamName === `journey-${poisoned}` && e.revision === 1n)!;
    const handled: JourneyEnvelope[] = [];
    let calls = 0;
    const picky: JourneyEventHandler = {
      name: 'picky',
      handle: async (events) => {
        calls++;
        if (events.some((e) => e.eventId === poison.id)) throw new Error('cannot apply');
        handled.push(...events);
      },
    };
    const other = new IdempotentProjection('other');
    const deadLetters: DeadLetter[] = [];
    const bus = new InProcessBus({
      store,
      checkpoints,
      handlers: [picky, other],
      retry: fastRetry,
      onDeadLetter: async (d) => {
        deadLetters.push(d);
      },
    });
    bus.start();
    await eventually(() => handled.length === 5 && other.effects.length === 6, 'everything but the poison handled');
    await bus.stop();
    expect(deadLetters.map((d) => [d.handler, d.event.id, d.attempts])).toEqual([['picky', poison.id, 3]]);
    expect(deadLetters[0]!.error).toContain('cannot apply');
    expect(handled.map((e) => e.eventId)).toEqual(stored.filter((e) => e.id !== poison.id).map((e) => e.id));
    expect(calls).toBeGreaterThan(3);
  });

  it('does not checkpoint a batch whose handler is still failing when the bus stops', async () => {
    const { store, checkpoints } = await openTempStore();
    await appendJourneys(store, 1, 2);
    const failing: JourneyEventHandler = { name: 'down', handle: async () => Promise.reject(new Error('read model down')) };
    const saved: bigint[] = [];
    const spy: CheckpointStore = { load: (id) => checkpoints.load(id), store: async (_id, p) => void saved.push(p), close: async () => {} };
    const bus = new InProcessBus({ store, checkpoints: spy, handlers: [failing], retry: { attempts: 100, initialMs: 50 } });
    bus.start();
    await new Promise((r) => setTimeout(r, 150));
    await bus.stop();
    expect(saved).toEqual([]);
  });

  it('refuses two handlers with one name (they would share a checkpoint)', async () => {
    const { store, checkpoints } = await openTempStore();
    const h = new IdempotentProjection('same');
    expect(() => new InProcessBus({ store, checkpoints, handlers: [h, new IdempotentProjection('same')] })).toThrow(/named same/);
  });
});
