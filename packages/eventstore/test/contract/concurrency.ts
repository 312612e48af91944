import { describe, expect, it } from 'vitest';
import { WrongExpectedRevisionError } from '../../src/errors.ts';
import type { RecordedEvent } from '../../src/port.ts';
import { type ContractContext, expectIncreasing, newEvent, newEvents, uniquePrefix } from './helpers.ts';

const writers = 10;

/** Optimistic concurrency under real contention: one winner per revision, typed errors for the rest, no gaps. */
export function concurrencyContract(ctx: ContractContext): void {
  describe('concurrent writers', () => {
    it(`${writers} writers racing for each revision: exactly one wins, the others get the typed error`, async () => {
      const stream = `${uniquePrefix('race')}s`;
      const rounds = 8;
      for (let round = 0; round < rounds; round++) {
        const expectedRevision = round === 0 ? ('no-stream' as const) : BigInt(round - 1);
        const outcomes = await Promise.allSettled(
          Array.from({ length: writers }, (_, w) => ctx.store.appendToStream(stream, [newEvent('Raced', { w })], { expectedRevision })),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        expect(won).toHaveLength(1);
        expect(won[0]!.value.nextExpectedRevision).toBe(BigInt(round));
        for (const lost of outcomes.filter((o) => o.status === 'rejected')) {
          expect(lost.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(lost.reason).toMatchObject({ expected: expectedRevision, actual: BigInt(round) });
        }
      }
      const stored = await ctx.store.readStream(stream);
      expect(stored.map((e) => e.revision)).toEqual(Array.from({ length: rounds }, (_, i) => BigInt(i)));
    });

    it(`${writers} writers each appending until done (read, append, retry on conflict): no gaps, nothing lost or doubled`, async () => {
      const stream = `${uniquePrefix('writers')}s`;
      const perWriter = 5;
      let conflicts = 0;
      const write = async (w: number) => {
        for (let n = 0; n < perWriter; ) {
          const [last] = await ctx.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
          const size = Math.min(1 + (n % 2), perWriter - n);
          const batch = Array.from({ length: size }, (_, k) => newEvent(`Writer${w}`, { n: n + k }));
          try {
            await ctx.store.appendToStream(stream, batch, { expectedRevision: last ? last.revision : 'no-stream' });
            n += batch.length;
          } catch (error) {
            if (!(error instanceof WrongExpectedRevisionError)) throw error;
            conflicts++;
          }
        }
      };
      await Promise.all(Array.from({ length: writers }, (_, w) => write(w)));
      const stored = await ctx.store.readStream(stream);
      expect(stored.map((e) => e.revision)).toEqual(Array.from({ length: writers * perWriter }, (_, i) => BigInt(i)));
      expectIncreasing(stored.map((e) => e.position));
      for (let w = 0; w < writers; w++) {
        const mine = stored.filter((e) => e.type === `Writer${w}`);
        expect(mine.map((e) => e.data.n)).toEqual(Array.from({ length: perWriter }, (_, n) => n));
      }
      expect(conflicts).toBeGreaterThan(0); // otherwise the test did not race
    });

    it('concurrent appends to different streams all succeed with distinct global positions', async () => {
      const prefix = uniquePrefix('parallel');
      const results = await Promise.all(
        Array.from({ length: writers }, (_, w) => ctx.store.appendToStream(`${prefix}${w}`, newEvents(3), { expectedRevision: 'no-stream' })),
      );
      const all: RecordedEvent[] = [];
      for (let w = 0; w < writers; w++) all.push(...(await ctx.store.readStream(`${prefix}${w}`)));
      expect(new Set(all.map((e) => e.position)).size).toBe(writers * 3);
      for (const [w, result] of results.entries()) expect(result.nextExpectedRevision, `writer ${w}`).toBe(2n);
    });
  });
}
