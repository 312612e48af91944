/**
 * The small JSONPath subset used to name fields inside event data:
 *   `$.email`, `$.name.given`, `$.tasks[*].title` (every array item),
 *   `$.answers.*` (every value of a record), `$['odd key']`.
 * Schema-derived paths contain wildcards; `expandJsonPath` turns one into the
 * concrete paths (`$.tasks[0].title`) present in a given value.
 */

export type JsonPathSegment = { key: string } | { index: number } | { anyIndex: true } | { anyKey: true };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatJsonPath(segments: readonly JsonPathSegment[]): string {
  let out = '$';
  for (const s of segments) {
    if ('key' in s) out += IDENTIFIER.test(s.key) ? `.${s.key}` : `['${s.key.replace(/[\\']/g, '\\$&')}']`;
    else if ('index' in s) out += `[${s.index}]`;
    else if ('anyIndex' in s) out += '[*]';
    else out += '.*';
  }
  return out;
}

/** Tokens of the subset, tried in order at each offset. */
const TOKENS: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => JsonPathSegment]> = [
  [/^\.\*/, () => ({ anyKey: true })],
  [/^\.([A-Za-z_$][A-Za-z0-9_$]*)/, (m) => ({ key: m[1]! })],
  [/^\[\*\]/, () => ({ anyIndex: true })],
  [/^\[(\d+)\]/, (m) => ({ index: Number(m[1]) })],
  [/^\['((?:[^'\\]|\\.)*)'\]/, (m) => ({ key: m[1]!.replace(/\\(.)/g, '$1') })],
];

export function parseJsonPath(path: string): JsonPathSegment[] {
  if (!path.startsWith('$')) throw new Error(`invalid JSON path ${path}: must start with $`);
  const segments: JsonPathSegment[] = [];
  let offset = 1;
  next: while (offset < path.length) {
    const rest = path.slice(offset);
    for (const [pattern, make] of TOKENS) {
      const m = rest.match(pattern);
      if (!m) continue;
      segments.push(make(m));
      offset += m[0].length;
      continue next;
    }
    throw new Error(`invalid JSON path ${path} at offset ${offset}`);
  }
  return segments;
}

export interface JsonPathMatch {
  /** Concrete path of the match, e.g. `$.tasks[2].title`. */
  path: string;
  /** The object or array holding the value, and the key or index under which it sits. */
  parent: Record<string, unknown> | unknown[];
  key: string | number;
  value: unknown;
}

/** Every present value matched by `path` in `root`; absent branches are skipped, not errors. */
export function expandJsonPath(root: unknown, path: string): JsonPathMatch[] {
  const segments = parseJsonPath(path);
  if (segments.length === 0) throw new Error('expandJsonPath: the root itself cannot be a field');
  const matches: JsonPathMatch[] = [];
  const walk = (node: unknown, depth: number, concrete: JsonPathSegment[]): void => {
    const segment = segments[depth]!;
    const last = depth === segments.length - 1;
    const visit = (parent: Record<string, unknown> | unknown[], key: string | number): void => {
      const value = (parent as Record<string | number, unknown>)[key];
      if (value === undefined) return;
      const here: JsonPathSegment[] = [...concrete, typeof key === 'number' ? { index: key } : { key }];
      if (last) matches.push({ path: formatJsonPath(here), parent, key, value });
      else walk(value, depth + 1, here);
    };
    if (Array.isArray(node)) {
      if ('anyIndex' in segment) for (let index = 0; index < node.length; index++) visit(node, index);
      else if ('index' in segment && segment.index < node.length) visit(node, segment.index);
    } else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      if ('anyKey' in segment) for (const key of Object.keys(record)) visit(record, key);
      else if ('key' in segment && Object.hasOwn(record, segment.key)) visit(record, segment.key);
    }
  };
  walk(root, 0, []);
  return matches;
}
