import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InMemoryCheckpointStore } from '../../src/checkpoints/memory.ts';
import { subscribeWithCheckpoints } from '../../src/checkpoints/subscribe-with-checkpoints.ts';
import type { CheckpointStore, RecordedEvent, Subscription } from '../../src/port.ts';
import { type ContractContext, headPosition, idsOf, newEvents, uniquePrefix, waitUntil } from './helpers.ts';

type Op =
  | { kind: 'append'; stream: number; count: number; awaited: boolean }
  | { kind: 'restart'; subscriber: number }
  | { kind: 'fail'; subscriber: number }
  | { kind: 'pause'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      stream: fc.nat(3),
      count: fc.integer({ min: 1, max: 3 }),
      awaited: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restart' as const), subscriber: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fail' as const), subscriber: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pause' as const), ms: fc.integer({ min: 0, max: 2 }) }) },
);

/** A subscriber that records what its handler accepted, can be told to fail once, and can be restarted. */
class Subscriber {
  readonly delivered: RecordedEvent[] = [];
  failNext = false;
  #subscription: Subscription | undefined;
  readonly #start: () => Subscription;

  constructor(ctx: ContractContext, checkpoints: CheckpointStore, id: string, prefix: string, every: number) {
    this.#start = () =>
      subscribeWithCheckpoints({
        store: ctx.store,
        checkpoints,
        subscriberId: id,
        filter: { streamPrefixes: [prefix] },
        checkpointEvery: every,
        retry: { backoff: () => 1 },
        handler: async (event) => {
          if (this.failNext) {
            this.failNext = false;
            throw new Error('injected handler failure');
          }
          this.delivered.push(event);
        },
      });
    this.#subscription = this.#start();
  }

  async restart(): Promise<void> {
    await this.#subscription?.stop();
    this.#subscription = this.#start();
  }

  stop(): Promise<void> {
    return this.#subscription!.stop();
  }
}

/**
 * Random interleavings of appends to several streams (some awaited, some
 * racing), subscriber restarts from their checkpoints and injected handler
 * failures (retried from the checkpoint): every subscriber must see every
 * event exactly once, in global order.
 */
export function propertyContract(ctx: ContractContext, checkpointsFactory?: () => Promise<CheckpointStore>): void {
  const numRuns = process.env.CI || process.env.REQUIRE_INFRA ? 200 : 50;

  describe('property: exactly once, in order, across restarts', () => {
    it(`holds for random interleavings (${numRuns} runs)`, { timeout: 180_000 }, async () => {
      const checkpoints = checkpointsFactory ? await checkpointsFactory() : new InMemoryCheckpointStore();
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(op, { maxLength: 25 }), fc.integer({ min: 1, max: 3 }), async (ops, every) => {
            const prefix = uniquePrefix('prop');
            const head = await headPosition(ctx.store);
            const subscribers = [0, 1].map((i) => {
              const id = `${prefix}sub${i}`;
              return checkpoints.store(id, head).then(() => new Subscriber(ctx, checkpoints, id, prefix, every));
            });
            const running = await Promise.all(subscribers);
            const racing: Promise<unknown>[] = [];
            for (const step of ops) {
              if (step.kind === 'append') {
                const append = ctx.store.appendToStream(`${prefix}${step.stream}`, newEvents(step.count));
                if (step.awaited) await append;
                else racing.push(append);
              } else if (step.kind === 'restart') await running[step.subscriber]!.restart();
              else if (step.kind === 'fail') running[step.subscriber]!.failNext = true;
              else await new Promise((resolve) => setTimeout(resolve, step.ms));
            }
            await Promise.all(racing);
            const expected = idsOf(await ctx.store.readAll({ after: head, filter: { streamPrefixes: [prefix] } }));
            // Short: a passing run catches up in milliseconds, and a failing one is waited out at every shrink step.
            await waitUntil(() => running.every((s) => s.delivered.length >= expected.length), 2_000, 'subscribers')
              .catch(() => undefined); // the assertion below says what is missing
            await Promise.all(running.map((s) => s.stop()));
            for (const subscriber of running) expect(idsOf(subscriber.delivered)).toEqual(expected);
          }),
          { numRuns },
        );
      } finally {
        await checkpoints.close();
      }
    });
  });
}
