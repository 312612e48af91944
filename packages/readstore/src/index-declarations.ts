import { createHash } from 'node:crypto';
import { ReadStoreArgumentError } from './errors.ts';
import { checkPath } from './names.ts';
import type { IndexFields } from './port.ts';

/** The collection holding getMeta/setMeta values: its leading '_' keeps it apart from every valid collection name. */
export const metaCollection = '_meta';

export interface DeclaredIndex {
  /** Stable, readable and unique per field list: `by_employeeId_at_3f2a9c`. */
  name: string;
  paths: readonly string[];
}

/**
 * The indexes declared per collection, remembered so that an adapter re-creates
 * them when a collection comes back after deleteCollection or drop (a rebuild
 * then needs no second declaration).
 */
export class IndexDeclarations {
  readonly #byCollection = new Map<string, DeclaredIndex[]>();

  /** Records the indexes and returns the ones not declared before. */
  declare(collection: string, indexes: readonly IndexFields[]): DeclaredIndex[] {
    const known = this.#byCollection.get(collection) ?? [];
    const added: DeclaredIndex[] = [];
    for (const fields of indexes) {
      if (!Array.isArray(fields) || fields.length === 0 || fields.length > 8) {
        throw new ReadStoreArgumentError('an index is a list of 1..8 field paths');
      }
      const paths = fields.map(checkPath);
      if (new Set(paths).size !== paths.length) throw new ReadStoreArgumentError(`index [${paths.join(', ')}] repeats a field`);
      const name = indexName(paths);
      if (known.some((index) => index.name === name) || added.some((index) => index.name === name)) continue;
      added.push({ name, paths });
    }
    this.#byCollection.set(collection, [...known, ...added]);
    return added;
  }

  of(collection: string): readonly DeclaredIndex[] {
    return this.#byCollection.get(collection) ?? [];
  }
}

function indexName(paths: readonly string[]): string {
  const hash = createHash('sha256').update(paths.join(',')).digest('hex').slice(0, 6);
  return `by_${paths.join('_').replaceAll('.', '_').slice(0, 40)}_${hash}`;
}
