import { ReadStoreArgumentError } from './errors.ts';
import { setPath, toJsonDocument, toJsonValue } from './json.ts';
import { checkDisjointPaths, checkPath } from './names.ts';
import type { DocumentChange, JsonObject, JsonValue } from './port.ts';

/** A DocumentChange after validation, in the shape both adapters translate. */
export type CheckedChange =
  | { kind: 'replace'; doc: JsonObject }
  | {
      kind: 'patch';
      set: [path: string, value: JsonValue][];
      unset: string[];
      inc: [path: string, by: number][];
    };

export function checkChange(change: DocumentChange): CheckedChange {
  if (typeof change !== 'object' || change === null) throw new ReadStoreArgumentError('change must be an object');
  if ('replace' in change) {
    const extra = Object.keys(change).filter((key) => key !== 'replace');
    if (extra.length > 0) throw new ReadStoreArgumentError(`replace cannot be combined with ${extra.join(', ')}`);
    return { kind: 'replace', doc: toJsonDocument(change.replace, 'replace') };
  }
  const unknown = Object.keys(change).filter((key) => !['set', 'unset', 'inc'].includes(key));
  if (unknown.length > 0) throw new ReadStoreArgumentError(`unknown change keys: ${unknown.join(', ')}`);
  const set = Object.entries(change.set ?? {}).map(
    ([path, value]) => [checkPath(path), toJsonValue(value, `set.${path}`)] as [string, JsonValue],
  );
  const unset = (change.unset ?? []).map(checkPath);
  const inc = Object.entries(change.inc ?? {}).map(([path, by]) => {
    if (typeof by !== 'number' || !Number.isFinite(by)) throw new ReadStoreArgumentError(`inc.${path} must be a finite number`);
    return [checkPath(path), by] as [string, number];
  });
  checkDisjointPaths([...set.map(([path]) => path), ...unset, ...inc.map(([path]) => path)]);
  return { kind: 'patch', set, unset, inc };
}

/** The body a change gives a document that did not exist yet (inc counts from 0, unset has nothing to remove). */
export function bodyForNewDocument(change: CheckedChange): JsonObject {
  if (change.kind === 'replace') return change.doc;
  const doc: JsonObject = {};
  for (const [path, value] of change.set) setPath(doc, path, value);
  for (const [path, by] of change.inc) setPath(doc, path, by);
  return doc;
}
