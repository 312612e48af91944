import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/port.ts';
import { type ContractContext, headPosition, newEvent, uniquePrefix } from './helpers.ts';

const total = 10_000;
const batch = 500;
const page = 1_000;

/** A long stream read page by page, both directions, and the same events paged through readAll. */
export function pagingContract(ctx: ContractContext): void {
  describe(`paging through a ${total}-event stream`, () => {
    const stream = `${uniquePrefix('paging')}s`;
    let head = 0n;

    // Appending is setup, not a test: each read test below must run on its own (vitest -t).
    beforeAll(async () => {
      head = await headPosition(ctx.store);
      for (let start = 0; start < total; start += batch) {
        const events = Array.from({ length: batch }, (_, k) => newEvent('Paged', { n: start + k }));
        const result = await ctx.store.appendToStream(stream, events, {
          expectedRevision: start === 0 ? 'no-stream' : BigInt(start - 1),
        });
        expect(result.nextExpectedRevision).toBe(BigInt(start + batch - 1));
      }
    }, 60_000);

    it('pages forwards with fromRevision and maxCount', { timeout: 30_000 }, async () => {
      const seen: number[] = [];
      for (let from = 0n; ; ) {
        const events = await ctx.store.readStream(stream, { fromRevision: from, maxCount: page });
        if (events.length === 0) break;
        expect(events.length).toBeLessThanOrEqual(page);
        seen.push(...events.map((e) => e.data.n as number));
        from = events[events.length - 1]!.revision + 1n;
      }
      expect(seen).toEqual(Array.from({ length: total }, (_, n) => n));
    });

    it('pages backwards with fromRevision and maxCount', { timeout: 30_000 }, async () => {
      const seen: number[] = [];
      let from: bigint | undefined;
      for (;;) {
        const events = await ctx.store.readStream(stream, { direction: 'backwards', fromRevision: from, maxCount: page });
        seen.push(...events.map((e) => e.data.n as number));
        const last = events[events.length - 1];
        if (!last || last.revision === 0n) break;
        from = last.revision - 1n;
      }
      expect(seen).toEqual(Array.from({ length: total }, (_, n) => total - 1 - n));
    });

    it('pages through readAll with `after` and maxCount', { timeout: 30_000 }, async () => {
      const seen: RecordedEvent[] = [];
      for (let after = head; ; ) {
        const events = await ctx.store.readAll({ after, maxCount: page, filter: { streamPrefixes: [stream] } });
        if (events.length === 0) break;
        seen.push(...events);
        after = events[events.length - 1]!.position;
      }
      expect(seen.map((e) => e.revision)).toEqual(Array.from({ length: total }, (_, n) => BigInt(n)));
    });
  });
}
