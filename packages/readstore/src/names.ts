import { ReadStoreArgumentError } from './errors.ts';
import type { Revision } from './port.ts';

/**
 * Collection names become SQLite table names and MongoDB collection names, and
 * field paths are spliced into SQL JSON paths (an expression index only matches a
 * query whose path is a literal), so both are restricted to plain identifiers.
 */
const collectionPattern = /^[a-z][a-z0-9_]{0,47}$/;
const segment = '[A-Za-z_][A-Za-z0-9_]*';
const pathPattern = new RegExp(`^${segment}(\\.${segment})*$`);

export function checkCollection(name: string): string {
  if (typeof name !== 'string' || !collectionPattern.test(name)) {
    throw new ReadStoreArgumentError(`collection ${JSON.stringify(name)} must match ${collectionPattern.source}`);
  }
  return name;
}

export function checkPath(path: string): string {
  if (typeof path !== 'string' || path.length > 200 || !pathPattern.test(path)) {
    throw new ReadStoreArgumentError(`field path ${JSON.stringify(path)} must be dotted identifiers (a.b_c)`);
  }
  return path;
}

/** Ids are MongoDB `_id` strings and SQLite primary keys; 512 keeps them well inside index key limits. */
export function checkId(id: string, what = 'id'): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 512) {
    throw new ReadStoreArgumentError(`${what} must be a string of 1..512 characters`);
  }
  return id;
}

export function checkRevision(revision: Revision): number {
  const value = typeof revision === 'bigint' ? Number(revision) : revision;
  if (!Number.isSafeInteger(value) || value < 0 || (typeof revision === 'bigint' && BigInt(value) !== revision)) {
    throw new ReadStoreArgumentError(`revision ${String(revision)} must be a safe non-negative integer`);
  }
  return value;
}

/** Rejects a path listed together with its parent or child: MongoDB refuses such updates, SQLite would apply them in order. */
export function checkDisjointPaths(paths: readonly string[]): void {
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    if (current === previous || current.startsWith(`${previous}.`)) {
      throw new ReadStoreArgumentError(`field paths ${previous} and ${current} overlap in one change`);
    }
  }
}
