import { ReadStoreArgumentError } from './errors.ts';
import type { JsonObject, JsonValue } from './port.ts';

/**
 * Brings a document to the JSON model both adapters store identically: a JSON
 * round trip drops `undefined` (which MongoDB would store as null) and turns Dates
 * into strings. Keys with '.' or a leading '$' are refused: FerretDB rejects them,
 * and no field path could address them.
 */
export function toJsonDocument(value: unknown, what = 'document'): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ReadStoreArgumentError(`${what} must be a JSON object`);
  }
  const json = JSON.parse(JSON.stringify(value)) as JsonObject;
  checkKeys(json, what);
  return json;
}

export function toJsonValue(value: unknown, what: string): JsonValue {
  if (value === undefined) throw new ReadStoreArgumentError(`${what} must not be undefined`);
  const json = JSON.parse(JSON.stringify(value)) as JsonValue;
  checkKeys(json, what);
  return json;
}

function checkKeys(value: JsonValue, what: string): void {
  if (Array.isArray(value)) {
    for (const item of value) checkKeys(item, what);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('.') || key.startsWith('$')) {
        throw new ReadStoreArgumentError(`${what}: key ${JSON.stringify(key)} must not contain '.' or start with '$'`);
      }
      checkKeys(item, what);
    }
  }
}

/** Sets a dotted path, creating intermediate objects (as MongoDB's $set and SQLite's json_set do). */
export function setPath(target: JsonObject, path: string, value: JsonValue): void {
  const segments = path.split('.');
  let node: JsonObject = target;
  for (const segment of segments.slice(0, -1)) {
    const next = node[segment];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[segment] = {};
    node = node[segment] as JsonObject;
  }
  node[segments.at(-1)!] = value;
}

export function getPath(source: JsonObject, path: string): JsonValue | undefined {
  let node: JsonValue | undefined = source;
  for (const segment of path.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = node[segment];
  }
  return node;
}
