import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidAppendError, WrongExpectedRevisionError } from '../../src/errors.ts';
import type { ExpectedRevision } from '../../src/port.ts';
import { type ContractContext, newEvent, newEvents, uniquePrefix } from './helpers.ts';

/** Expected-revision semantics, the shape of results, and input validation. */
export function appendContract(ctx: ContractContext): void {
  const prepare = async (existing: boolean) => {
    const stream = `${uniquePrefix('append')}s`;
    if (existing) await ctx.store.appendToStream(stream, newEvents(2), { expectedRevision: 'no-stream' });
    return stream;
  };

  // [expected, stream exists (with revisions 0 and 1)?, outcome: the new first revision, or the error's actual]
  const cases: [ExpectedRevision, boolean, { ok: bigint } | { actual: bigint | 'no-stream' }][] = [
    ['no-stream', false, { ok: 0n }],
    ['no-stream', true, { actual: 1n }],
    ['exists', false, { actual: 'no-stream' }],
    ['exists', true, { ok: 2n }],
    ['any', false, { ok: 0n }],
    ['any', true, { ok: 2n }],
    [0n, false, { actual: 'no-stream' }],
    [1n, true, { ok: 2n }],
    [0n, true, { actual: 1n }],
    [5n, true, { actual: 1n }],
  ];

  describe('expected revision', () => {
    for (const [expected, exists, outcome] of cases) {
      const label = `${String(expected)} on a ${exists ? 'stream at revision 1' : 'missing stream'}`;
      if ('ok' in outcome) {
        it(`${label}: appends at revision ${outcome.ok}`, async () => {
          const stream = await prepare(exists);
          const event = newEvent();
          const result = await ctx.store.appendToStream(stream, [event], { expectedRevision: expected });
          expect(result.nextExpectedRevision).toBe(outcome.ok);
          const [last] = await ctx.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
          expect(last).toMatchObject({ id: event.id, revision: outcome.ok, position: result.position });
        });
      } else {
        it(`${label}: WrongExpectedRevisionError, actual ${String(outcome.actual)}, nothing stored`, async () => {
          const stream = await prepare(exists);
          const error = await ctx.store
            .appendToStream(stream, [newEvent()], { expectedRevision: expected })
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({
            code: 'EJP_WRONG_EXPECTED_REVISION',
            stream,
            expected,
            actual: outcome.actual,
          });
          expect(await ctx.store.readStream(stream)).toHaveLength(exists ? 2 : 0);
        });
      }
    }

    it("defaults to 'any'", async () => {
      const stream = await prepare(true);
      expect((await ctx.store.appendToStream(stream, [newEvent()])).nextExpectedRevision).toBe(2n);
    });
  });

  describe('append result and recorded events', () => {
    it('gives a batch consecutive revisions and reports the last revision and position', async () => {
      const stream = await prepare(false);
      const result = await ctx.store.appendToStream(stream, newEvents(3), { expectedRevision: 'no-stream' });
      const stored = await ctx.store.readStream(stream);
      expect(stored.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      expect(result).toEqual({ nextExpectedRevision: 2n, position: stored[2]!.position });
      const next = await ctx.store.appendToStream(stream, newEvents(1), { expectedRevision: result.nextExpectedRevision });
      expect(next.nextExpectedRevision).toBe(3n);
      expect(next.position).toBeGreaterThan(result.position);
    });

    it('records id, type, data, metadata, stream and time as given', async () => {
      const stream = await prepare(false);
      const before = Date.now();
      const data = { name: 'Ada', nested: { list: [1, 'two', null, true], empty: {} }, unicode: 'Zoë ✓' };
      const metadata = { correlationId: randomUUID(), version: 2 };
      const id = randomUUID();
      await ctx.store.appendToStream(stream, [
        { id, type: 'EmployeeHired', data, metadata },
        { id: randomUUID(), type: 'NoMetadata', data: {} },
      ]);
      const [first, second] = await ctx.store.readStream(stream);
      expect(first).toMatchObject({ id, type: 'EmployeeHired', data, metadata, streamName: stream, revision: 0n });
      expect(typeof first!.position).toBe('bigint');
      expect(first!.recordedAt).toBeInstanceOf(Date);
      expect(first!.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 5_000);
      expect(first!.recordedAt.getTime()).toBeLessThanOrEqual(Date.now() + 5_000);
      expect(second!.metadata).toEqual({});
    });

    it('stores ids in lower case', async () => {
      const stream = await prepare(false);
      const id = randomUUID();
      await ctx.store.appendToStream(stream, [{ id: id.toUpperCase(), type: 'T', data: {} }]);
      expect((await ctx.store.readStream(stream))[0]!.id).toBe(id);
    });
  });

  describe('validation', () => {
    const invalid: [string, () => Parameters<ContractContext['store']['appendToStream']>][] = [
      ['an empty batch', () => ['s', []]],
      ['an empty stream name', () => ['', [newEvent()]]],
      ['an id that is not a UUID', () => ['s', [{ id: 'evt-1', type: 'T', data: {} }]]],
      ['the same id twice in a batch', () => ['s', [newEvent(), newEvent()].map((e, _i, all) => ({ ...e, id: all[0]!.id }))]],
      ['an empty type', () => ['s', [{ ...newEvent(), type: '' }]]],
      ['a negative expected revision', () => ['s', [newEvent()], { expectedRevision: -1n }]],
    ];
    for (const [what, args] of invalid) {
      it(`rejects ${what} with InvalidAppendError`, async () => {
        const [stream, events, options] = args();
        const target = stream === '' ? '' : `${uniquePrefix('invalid')}${stream}`;
        await expect(ctx.store.appendToStream(target, events, options)).rejects.toBeInstanceOf(InvalidAppendError);
        if (target) expect(await ctx.store.readStream(target)).toEqual([]);
      });
    }
  });
}
