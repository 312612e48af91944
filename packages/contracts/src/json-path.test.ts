import { describe, expect, it } from 'vitest';
import { expandJsonPath, formatJsonPath, parseJsonPath } from './json-path.ts';

describe('JSON paths', () => {
  it.each(['$.a', '$.a.b', '$.tasks[*].title', '$.m[*][*].who', '$.answers.*', '$.pair[1]', "$['odd key'].x", "$['it\\'s']"])(
    'round-trips %s',
    (path) => {
      expect(formatJsonPath(parseJsonPath(path))).toBe(path);
    },
  );

  it('formats keys that are not identifiers in brackets and parses them back', () => {
    const path = formatJsonPath([{ key: "o'k \\ x" }, { key: 'b' }]);
    expect(parseJsonPath(path)).toEqual([{ key: "o'k \\ x" }, { key: 'b' }]);
  });

  it.each(['a.b', '$..a', '$[x]', '$.a[', '$.1a'])('rejects %s', (path) => {
    expect(() => parseJsonPath(path)).toThrow(/invalid JSON path/);
  });

  it('expands wildcards to the concrete paths present, skipping absent branches', () => {
    const data = { tasks: [{ notes: 'a' }, { title: 'no notes' }, { notes: 'c' }], answers: { q1: 'x', q2: 'y' } };
    expect(expandJsonPath(data, '$.tasks[*].notes').map((m) => [m.path, m.value])).toEqual([
      ['$.tasks[0].notes', 'a'],
      ['$.tasks[2].notes', 'c'],
    ]);
    expect(expandJsonPath(data, '$.answers.*').map((m) => m.path)).toEqual(['$.answers.q1', '$.answers.q2']);
    expect(expandJsonPath(data, '$.missing.deeper')).toEqual([]);
    expect(expandJsonPath({ tasks: 'not an array' }, '$.tasks[*].notes')).toEqual([]);
  });

  it('returns the parent and key so a caller can replace the value in place', () => {
    const data = { a: { b: 1 } };
    const [match] = expandJsonPath(data, '$.a.b');
    (match!.parent as Record<string, unknown>)[match!.key] = 2;
    expect(data).toEqual({ a: { b: 2 } });
  });

  it('treats null as a present value', () => {
    expect(expandJsonPath({ a: null }, '$.a').map((m) => m.value)).toEqual([null]);
  });
});
