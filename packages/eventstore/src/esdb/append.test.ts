import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StoredPlace } from '../append-rules.ts';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors.ts';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../port.ts';
import { type AppendSteps, appendIdempotently, type DuplicateIdCheck, lookupScope } from './append.ts';

/**
 * The append flow against a fake stream that checks expectations the way
 * EventStoreDB does; positions are 100 * (revision + 1). Counts what was
 * read and sent, so the tests can say "nothing was sent".
 */
class FakeStream {
  readonly ids: string[] = [];
  /** The id index: id -> owning stream (shared between fake streams when given). */
  readonly claims: Map<string, string>;
  readonly name: string;
  sent = 0;
  readonly scopes: string[] = [];
  /** Runs between the look-up and the send: a concurrent writer. */
  beforeSend: (() => void) | undefined;

  constructor(name = 's', claims = new Map<string, string>()) {
    this.name = name;
    this.claims = claims;
  }

  steps(batch: EventToAppend[], expected: ExpectedRevision): AppendSteps {
    return {
      claim: async () => {
        let seen = false;
        for (const { id } of batch) {
          const owner = this.claims.get(id);
          if (owner === undefined) this.claims.set(id, this.name);
          else if (owner !== this.name) throw new DuplicateEventIdError(id, `claimed by ${owner}`);
          else seen = true;
        }
        return seen ? 'seen' : 'new';
      },
      findStored: async (scope) => {
        this.scopes.push(scope);
        const from = scope === 'whole-stream' ? 0 : expected === 'no-stream' ? 0 : Number(expected) + 1;
        const to = scope === 'whole-stream' ? this.ids.length : from + batch.length;
        const wanted = new Set(batch.map((e) => e.id));
        const found: StoredPlace[] = [];
        this.ids.slice(from, to).forEach((id, i) => {
          if (wanted.has(id)) found.push({ id, stream: this.name, revision: BigInt(from + i), position: BigInt(100 * (from + i + 1)) });
        });
        return found;
      },
      send: async () => {
        this.beforeSend?.();
        this.sent++;
        const head = this.ids.length - 1;
        const ok =
          expected === 'any' ||
          (expected === 'no-stream' && head < 0) ||
          (expected === 'exists' && head >= 0) ||
          (typeof expected === 'bigint' && BigInt(head) === expected);
        if (!ok) return { conflict: head < 0 ? ('no-stream' as const) : BigInt(head) };
        this.ids.push(...batch.map((e) => e.id));
        return this.result();
      },
    };
  }

  append(batch: EventToAppend[], expected: ExpectedRevision, check: DuplicateIdCheck = 'index'): Promise<AppendResult> {
    return appendIdempotently(this.name, batch, expected, check, this.steps(batch, expected));
  }

  result(): AppendResult {
    return { nextExpectedRevision: BigInt(this.ids.length - 1), position: BigInt(100 * this.ids.length) };
  }
}

const events = (n: number): EventToAppend[] => Array.from({ length: n }, () => ({ id: randomUUID(), type: 'T', data: {} }));

describe('where appends look for the batch ids', () => {
  it('reads only the expected place for exact expectations in expected-place mode, else the whole stream', () => {
    expect(lookupScope(3n, 'expected-place')).toBe('expected-place');
    expect(lookupScope('no-stream', 'expected-place')).toBe('expected-place');
    expect(lookupScope('any', 'expected-place')).toBe('whole-stream');
    expect(lookupScope('exists', 'expected-place')).toBe('whole-stream');
    for (const expected of [3n, 'no-stream', 'any', 'exists'] as const) {
      expect(lookupScope(expected, 'stream')).toBe('whole-stream');
      expect(lookupScope(expected, 'index')).toBe('whole-stream'); // when the index says "seen"
    }
  });
});

describe('idempotent append flow', () => {
  it('appends a new batch: with the index, new claims mean nothing to read, then one send', async () => {
    const stream = new FakeStream();
    expect(await stream.append(events(2), 'no-stream')).toEqual({ nextExpectedRevision: 1n, position: 200n });
    expect(await stream.append(events(1), 'any')).toEqual({ nextExpectedRevision: 2n, position: 300n });
    expect(stream.scopes).toEqual([]);
    expect(stream.sent).toBe(2);
  });

  it('without the index, reads before every append (the whole stream, or the expected place)', async () => {
    const stream = new FakeStream();
    await stream.append(events(2), 'no-stream', 'stream');
    await stream.append(events(1), 1n, 'expected-place');
    expect(stream.scopes).toEqual(['whole-stream', 'expected-place']);
  });

  it('rejects an id claimed by another stream, sending nothing (index only)', async () => {
    const claims = new Map<string, string>();
    const [a, b] = [new FakeStream('a', claims), new FakeStream('b', claims)];
    const batch = events(1);
    await a.append(batch, 'any');
    const error = await b.append(batch, 'any').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateEventIdError);
    expect(error).toMatchObject({ eventId: batch[0]!.id });
    expect(b.sent).toBe(0);
    expect(await new FakeStream('c').append(batch, 'any', 'stream')).toBeDefined(); // no index: not detected
  });

  for (const check of ['index', 'stream', 'expected-place'] as const) {
    it(`answers a retry with the first result without sending, however much came after (${check})`, async () => {
      const stream = new FakeStream();
      const batch = events(2);
      const first = await stream.append(batch, 'no-stream', check);
      await stream.append(events(3), 1n, check);
      const sent = stream.sent;
      expect(await stream.append(batch, 'no-stream', check)).toEqual(first);
      expect(await stream.append(batch, 'any', check)).toEqual(first);
      expect(stream.sent).toBe(sent);
      expect(stream.ids).toHaveLength(5);
    });
  }

  for (const check of ['index', 'stream'] as const) {
    it(`rejects a retry whose expectation puts the batch elsewhere (${check})`, async () => {
      const stream = new FakeStream();
      await stream.append(events(1), 'no-stream', check);
      const batch = events(1);
      await stream.append(batch, 0n, check); // stored at revision 1
      await expect(stream.append(batch, 'no-stream', check)).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(stream.append(batch, 1n, check)).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(stream.ids).toHaveLength(2);
    });
  }

  it('in expected-place mode, a reused id at another place of the stream is not seen when the expectation holds (the documented cost)', async () => {
    const stream = new FakeStream();
    const batch = events(1);
    await stream.append(batch, 'no-stream', 'expected-place');
    await stream.append(batch, 0n, 'expected-place');
    expect(stream.ids).toEqual([batch[0]!.id, batch[0]!.id]);
  });

  it('rejects part of a batch, or a batch in another order, without sending', async () => {
    const stream = new FakeStream();
    const batch = events(2);
    await stream.append([batch[0]!], 'any');
    await expect(stream.append(batch, 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
    const other = new FakeStream();
    await other.append(batch, 'any');
    await expect(other.append([...batch].reverse(), 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(stream.sent + other.sent).toBe(2);
  });

  it('turns a conflict into WrongExpectedRevisionError with the actual revision', async () => {
    const stream = new FakeStream();
    await stream.append(events(2), 'no-stream');
    const error = await stream.append(events(1), 5n).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ stream: 's', expected: 5n, actual: 1n });
    await expect(new FakeStream().append(events(1), 'exists')).rejects.toMatchObject({ actual: 'no-stream' });
  });

  it('after a conflict, answers the result of a concurrent retry that won the race', async () => {
    const stream = new FakeStream();
    const batch = events(2);
    // The look-up finds nothing, then the same batch lands before our send (another process retrying).
    stream.beforeSend = () => {
      stream.beforeSend = undefined;
      stream.ids.push(...batch.map((e) => e.id));
    };
    expect(await stream.append(batch, 'no-stream', 'stream')).toEqual({ nextExpectedRevision: 1n, position: 200n });
    expect(stream.scopes).toEqual(['whole-stream', 'whole-stream']);
    expect(stream.ids).toHaveLength(2);
  });
});
