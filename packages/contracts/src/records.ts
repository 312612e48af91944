/**
 * The entry of a record keyed by ids under one id, own properties only. Ids
 * come from requests: `__proto__`, `constructor` or `toString` must find
 * nothing, not what every object inherits (found by the fuzzer: an item id
 * `__proto__` reached Object.prototype and answered 500).
 */
export function entryOf<T>(record: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}
