import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/port.ts';
import {
  type ContractContext,
  collect,
  expectIncreasing,
  headPosition,
  idsOf,
  newEvent,
  newEvents,
  uniquePrefix,
  waitUntil,
} from './helpers.ts';

/** subscribeToAll: catch-up, then live, with no gap and no duplicate, under concurrent appends. */
export function subscribeContract(ctx: ContractContext): void {
  describe('subscribeToAll', () => {
    it('catches up, then goes live while writers append concurrently: every event once, in global order', async () => {
      const prefix = uniquePrefix('sub');
      const head = await headPosition(ctx.store);
      for (let i = 0; i < 20; i++) await ctx.store.appendToStream(`${prefix}${i % 3}`, newEvents(1 + (i % 3)));
      const early = collect(ctx.store, { after: head, filter: { streamPrefixes: [prefix] } });
      // Writers race the subscriber across its switch from catch-up to live.
      const writers = Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; i < 15; i++) await ctx.store.appendToStream(`${prefix}w${w}`, newEvents(1 + (i % 2)));
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const late = collect(ctx.store, { after: head, filter: { streamPrefixes: [prefix] } });
      await Promise.all(writers);
      const expected = await ctx.store.readAll({ after: head, filter: { streamPrefixes: [prefix] } });
      expect(expected).toHaveLength(39 + 4 * 22);
      for (const subscriber of [early, late]) {
        await subscriber.waitFor(expected.length);
        await new Promise((resolve) => setTimeout(resolve, 20)); // room for a duplicate to show up
        await subscriber.subscription.stop();
        expect(idsOf(subscriber.delivered)).toEqual(idsOf(expected));
      }
    });

    it('delivers unfiltered, strictly after `after`, in increasing positions', async () => {
      const prefix = uniquePrefix('sub');
      await ctx.store.appendToStream(`${prefix}a`, newEvents(3));
      const [first, second, third] = await ctx.store.readStream(`${prefix}a`);
      const subscriber = collect(ctx.store, { after: first!.position });
      await ctx.store.appendToStream(`${prefix}a`, newEvents(1));
      const [fourth] = await ctx.store.readStream(`${prefix}a`, { fromRevision: 3n });
      await waitUntil(() => subscriber.delivered.some((e) => e.id === fourth!.id), 10_000, 'the live event');
      await subscriber.subscription.stop();
      expect(idsOf(subscriber.delivered.filter((e) => e.streamName === `${prefix}a`))).toEqual(idsOf([second!, third!, fourth!]));
      expectIncreasing(subscriber.delivered.map((e) => e.position));
      expect(subscriber.delivered[0]!.position).toBeGreaterThan(first!.position);
    });

    it('filters by event type', async () => {
      const prefix = uniquePrefix('sub');
      const head = await headPosition(ctx.store);
      const subscriber = collect(ctx.store, { after: head, filter: { eventTypes: [`${prefix}Wanted`] } });
      await ctx.store.appendToStream(`${prefix}a`, [newEvent('Other'), newEvent(`${prefix}Wanted`), newEvent('Other')]);
      await ctx.store.appendToStream(`${prefix}b`, [newEvent(`${prefix}Wanted`)]);
      await subscriber.waitFor(2);
      await subscriber.subscription.stop();
      expect(subscriber.delivered.map((e) => e.streamName)).toEqual([`${prefix}a`, `${prefix}b`]);
    });

    it('stops on a handler error, calls onError with it, delivers nothing more', async () => {
      const prefix = uniquePrefix('sub');
      const head = await headPosition(ctx.store);
      await ctx.store.appendToStream(`${prefix}a`, newEvents(3));
      const failure = new Error('handler failed');
      const delivered: RecordedEvent[] = [];
      const errors: unknown[] = [];
      const subscription = ctx.store.subscribeToAll({
        after: head,
        filter: { streamPrefixes: [prefix] },
        handler: async (event) => {
          delivered.push(event);
          if (delivered.length === 2) throw failure;
        },
        onError: (error) => errors.push(error),
      });
      await subscription.done;
      await ctx.store.appendToStream(`${prefix}a`, newEvents(1));
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(errors).toEqual([failure]);
      expect(delivered).toHaveLength(2);
      await subscription.stop(); // stopping a stopped subscription is harmless
    });

    it('stop() waits for the handler in flight and nothing is delivered after it', async () => {
      const prefix = uniquePrefix('sub');
      const head = await headPosition(ctx.store);
      await ctx.store.appendToStream(`${prefix}a`, newEvents(5));
      let inFlight = 0;
      let calls = 0;
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const subscription = ctx.store.subscribeToAll({
        after: head,
        filter: { streamPrefixes: [prefix] },
        handler: async () => {
          calls++;
          inFlight++;
          await released;
          inFlight--;
        },
      });
      await waitUntil(() => calls === 1, 10_000, 'the first handler call');
      const stopped = subscription.stop();
      setTimeout(release, 20);
      await stopped;
      expect(inFlight).toBe(0);
      expect(calls).toBe(1);
      await subscription.done;
    });

    it('stop() called from inside the handler does not deadlock', async () => {
      const prefix = uniquePrefix('sub');
      const head = await headPosition(ctx.store);
      await ctx.store.appendToStream(`${prefix}a`, newEvents(3));
      let calls = 0;
      const subscription = ctx.store.subscribeToAll({
        after: head,
        filter: { streamPrefixes: [prefix] },
        handler: async () => {
          calls++;
          await subscription.stop();
        },
      });
      await subscription.done;
      expect(calls).toBe(1);
    });

    it('does not call the handler concurrently', async () => {
      const prefix = uniquePrefix('sub');
      const head = await headPosition(ctx.store);
      let inFlight = 0;
      let maxInFlight = 0;
      let calls = 0;
      const subscription = ctx.store.subscribeToAll({
        after: head,
        filter: { streamPrefixes: [prefix] },
        handler: async () => {
          maxInFlight = Math.max(maxInFlight, ++inFlight);
          await new Promise((resolve) => setTimeout(resolve, 1));
          inFlight--;
          calls++;
        },
      });
      await Promise.all(Array.from({ length: 5 }, (_, w) => ctx.store.appendToStream(`${prefix}${w}`, newEvents(4))));
      await waitUntil(() => calls === 20, 10_000, '20 deliveries');
      await subscription.stop();
      expect(maxInFlight).toBe(1);
    });
  });
}
