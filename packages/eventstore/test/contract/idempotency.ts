import { describe, expect, it } from 'vitest';
import { DuplicateEventIdError } from '../../src/errors.ts';
import type { ExpectedRevision } from '../../src/port.ts';
import { type ContractContext, headPosition, idsOf, newEvents, uniquePrefix } from './helpers.ts';

/**
 * Appends are idempotent by event id, however long after the first call:
 * the same ids at the same place answer the first result and store nothing;
 * an id reused anywhere else is an error.
 */
export function idempotencyContract(ctx: ContractContext): void {
  describe('idempotent appends', () => {
    const retryCases: [string, ExpectedRevision | ((existing: boolean) => ExpectedRevision), boolean][] = [
      ['no-stream', 'no-stream', false],
      ['an exact revision', 1n, true],
      ['exists', 'exists', true],
      ['any, on a new stream', 'any', false],
      ['any, on an existing stream', 'any', true],
    ];
    for (const [label, expected, existing] of retryCases) {
      it(`a retry with ${label} answers the first result and stores nothing new`, async () => {
        const stream = `${uniquePrefix('idem')}s`;
        if (existing) await ctx.store.appendToStream(stream, newEvents(2));
        const batch = newEvents(3);
        const expectedRevision = typeof expected === 'function' ? expected(existing) : expected;
        const first = await ctx.store.appendToStream(stream, batch, { expectedRevision });
        const head = await headPosition(ctx.store);
        const again = await ctx.store.appendToStream(stream, batch, { expectedRevision });
        expect(again).toEqual(first);
        expect(await ctx.store.readStream(stream)).toHaveLength(existing ? 5 : 3);
        expect(await ctx.store.readAll({ after: head, filter: { streamPrefixes: [stream] } })).toEqual([]);
      });
    }

    it('answers the first result also after other appends to the stream', async () => {
      const stream = `${uniquePrefix('idem')}s`;
      const batch = newEvents(2);
      const first = await ctx.store.appendToStream(stream, batch, { expectedRevision: 'no-stream' });
      await ctx.store.appendToStream(stream, newEvents(3), { expectedRevision: 1n });
      await ctx.store.appendToStream(`${stream}-other`, newEvents(1));
      expect(await ctx.store.appendToStream(stream, batch, { expectedRevision: 'no-stream' })).toEqual(first);
      const stored = await ctx.store.readStream(stream);
      expect(stored).toHaveLength(5);
      expect(idsOf(stored.slice(0, 2))).toEqual(idsOf(batch));
    });

    it('answers concurrent retries of one batch with one result', async () => {
      const stream = `${uniquePrefix('idem')}s`;
      const batch = newEvents(2);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => ctx.store.appendToStream(stream, batch, { expectedRevision: 'no-stream' })),
      );
      for (const result of results) expect(result).toEqual(results[0]);
      expect(await ctx.store.readStream(stream)).toHaveLength(2);
    });

    it('rejects an id already stored in another stream, storing nothing', async () => {
      const prefix = uniquePrefix('idem');
      const [event] = newEvents(1);
      await ctx.store.appendToStream(`${prefix}a`, [event!]);
      const error = await ctx.store.appendToStream(`${prefix}b`, [event!]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect(error).toMatchObject({ code: 'EJP_DUPLICATE_EVENT_ID', eventId: event!.id });
      expect(await ctx.store.readStream(`${prefix}b`)).toEqual([]);
    });

    it('rejects a batch of which only part is stored', async () => {
      const stream = `${uniquePrefix('idem')}s`;
      const batch = newEvents(2);
      await ctx.store.appendToStream(stream, [batch[0]!]);
      await expect(ctx.store.appendToStream(stream, batch)).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await ctx.store.readStream(stream)).toHaveLength(1);
    });

    it('rejects stored ids in a different order', async () => {
      const stream = `${uniquePrefix('idem')}s`;
      const batch = newEvents(2);
      await ctx.store.appendToStream(stream, batch);
      await expect(ctx.store.appendToStream(stream, [...batch].reverse())).rejects.toBeInstanceOf(DuplicateEventIdError);
    });

    it('rejects stored ids retried with an expectation that puts them elsewhere', async () => {
      const stream = `${uniquePrefix('idem')}s`;
      await ctx.store.appendToStream(stream, newEvents(1));
      const batch = newEvents(1);
      await ctx.store.appendToStream(stream, batch, { expectedRevision: 0n }); // stored at revision 1
      await expect(ctx.store.appendToStream(stream, batch, { expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      await expect(ctx.store.appendToStream(stream, batch, { expectedRevision: 1n })).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect(await ctx.store.readStream(stream)).toHaveLength(2);
    });
  });
}
