import { describe, expect, it } from 'vitest';
import { decideAppend, type StoredPlace } from './append-rules.ts';
import { DuplicateEventIdError, WrongExpectedRevisionError } from './errors.ts';

const ids = ['a', 'b', 'c'];
const batch = ids.map((id) => ({ id, type: 'T', data: {} }));
const at = (first: bigint, stream = 's'): StoredPlace[] =>
  ids.map((id, i) => ({ id, stream, revision: first + BigInt(i), position: 100n + BigInt(i) }));

/** The rules in isolation; the contract suite checks them end to end on every adapter. */
describe('decideAppend', () => {
  it('appends after the current revision when no id is stored', () => {
    expect(decideAppend('s', batch, 'any', undefined, [])).toEqual({ kind: 'append', firstRevision: 0n });
    expect(decideAppend('s', batch, 4n, 4n, [])).toEqual({ kind: 'append', firstRevision: 5n });
  });

  it('answers a retry with the first result, whatever the stream holds now', () => {
    const result = { kind: 'already-appended', result: { nextExpectedRevision: 6n, position: 102n } };
    expect(decideAppend('s', batch, 3n, 99n, at(4n))).toEqual(result);
    expect(decideAppend('s', batch, 'exists', 99n, at(4n))).toEqual(result);
    expect(decideAppend('s', batch, 'any', 99n, at(4n))).toEqual(result);
    expect(decideAppend('s', batch, 'no-stream', 99n, at(0n)).kind).toBe('already-appended');
  });

  it('does not take ids stored at another place for a retry', () => {
    expect(() => decideAppend('s', batch, 2n, 99n, at(4n))).toThrow(DuplicateEventIdError);
    expect(() => decideAppend('s', batch, 'no-stream', 99n, at(4n))).toThrow(DuplicateEventIdError);
    expect(() => decideAppend('s', batch, 'exists', 99n, at(0n))).toThrow(DuplicateEventIdError);
    expect(() => decideAppend('s', batch, 'any', 99n, at(0n, 'other'))).toThrow(DuplicateEventIdError);
    expect(() => decideAppend('s', batch, 'any', 99n, at(0n).slice(1))).toThrow(DuplicateEventIdError);
    const gap = at(0n).map((place, i) => (i === 2 ? { ...place, revision: 5n } : place));
    expect(() => decideAppend('s', batch, 'any', 99n, gap)).toThrow(DuplicateEventIdError);
  });

  it('reports the actual revision on a mismatch', () => {
    expect(() => decideAppend('s', batch, 'no-stream', 2n, [])).toThrow(
      expect.objectContaining({ actual: 2n, expected: 'no-stream' }) as unknown as Error,
    );
    const error = (() => {
      try {
        decideAppend('s', batch, 1n, undefined, []);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ actual: 'no-stream', expected: 1n, stream: 's' });
  });
});
