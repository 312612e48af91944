import { randomUUID } from 'node:crypto';
import { SurveyResponseStreams } from '@ejp/contracts';
import { describe, expect, it } from 'vitest';
import { InvalidAppendError } from '../../src/errors.ts';
import { type ContractContext, collect, headPosition, newEvent } from './helpers.ts';

const isMidnightUtc = (date: Date) => date.getTime() % 86_400_000 === 0;

/**
 * A stream of a day-precision category (anonymous survey responses) is never
 * timed finer than its day: the store records midnight UTC (every read path
 * says so), or, when it cannot choose its own timestamps, refuses the append.
 */
export function timestampPrecisionContract(ctx: ContractContext): void {
  describe('day timestamp precision', () => {
    it('records events of a day-precision stream at midnight UTC, or refuses them', async () => {
      const stream = SurveyResponseStreams.streamOf(`${randomUUID()}.${'0'.repeat(64)}`);
      const after = await headPosition(ctx.store);
      const before = Date.now();
      let appended = true;
      try {
        await ctx.store.appendToStream(stream, [newEvent('DayTimed')], { expectedRevision: 'no-stream' });
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidAppendError);
        appended = false;
      }
      if (!appended) {
        expect(await ctx.store.readStream(stream)).toEqual([]);
        return;
      }
      const [event] = await ctx.store.readStream(stream);
      expect(isMidnightUtc(event!.recordedAt), event!.recordedAt.toISOString()).toBe(true);
      expect(before - event!.recordedAt.getTime()).toBeLessThan(86_400_000 + 60_000);
      const fromAll = (await ctx.store.readAll({ after, filter: { streamPrefixes: [stream] } }))[0]!;
      expect(fromAll.recordedAt.getTime()).toBe(event!.recordedAt.getTime());
      const subscribed = collect(ctx.store, { after, filter: { streamPrefixes: [stream] } });
      await subscribed.waitFor(1);
      await subscribed.subscription.stop();
      const [live] = subscribed.delivered;
      expect(live!.recordedAt.getTime()).toBe(event!.recordedAt.getTime());
    });

    it('keeps the instant for every other stream', async () => {
      const stream = `precision-${randomUUID()}`;
      await ctx.store.appendToStream(stream, [newEvent()]);
      const [event] = await ctx.store.readStream(stream);
      expect(Math.abs(Date.now() - event!.recordedAt.getTime())).toBeLessThan(60_000);
    });
  });
}
