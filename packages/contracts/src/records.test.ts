import { describe, expect, it } from 'vitest';
import { entryOf } from './records.ts';

// Ids come from requests: found by the fuzzer, a service-desk item id `__proto__` reached Object.prototype and answered 500.
describe('entryOf', () => {
  it('finds only a record’s own entries, never what an object inherits', () => {
    const record: Record<string, number> = { laptop: 1 };
    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) expect(entryOf(record, id)).toBeUndefined();
    expect(entryOf(record, 'laptop')).toBe(1);
  });
});
