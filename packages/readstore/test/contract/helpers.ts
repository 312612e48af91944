import { randomBytes } from 'node:crypto';
import type { JsonObject, Page, Query, ReadStore, StoredDocument } from '../../src/port.ts';

/** What every contract test gets: the adapter under test, opened once per suite by the factory. */
export interface ContractContext {
  readonly store: ReadStore;
}

/** Tests share one store, so each writes to collections of its own. */
export function uniqueCollection(label: string): string {
  return `${label}_${randomBytes(4).toString('hex')}`;
}

/** Runs `work` over items, `width` at a time: seeding 1,000 documents one by one is slow on a network store. */
export async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<unknown>, width = 50): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(work));
}

/** Follows nextCursor to the end; fails on a loop instead of spinning forever. */
export async function readAllPages<T = JsonObject>(
  store: ReadStore,
  collection: string,
  query: Omit<Query, 'cursor'>,
  onPage?: (page: Page<T>, index: number) => Promise<void>,
): Promise<{ items: StoredDocument<T>[]; pages: number }> {
  const items: StoredDocument<T>[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page: Page<T> = await store.query<T>(collection, cursor === undefined ? query : { ...query, cursor });
    items.push(...page.items);
    await onPage?.(page, pages);
    cursor = page.nextCursor;
    if (++pages > 10_000) throw new Error('pagination does not end');
  } while (cursor !== undefined);
  return { items, pages };
}

export function idsOf(items: readonly { id: string }[]): string[] {
  return items.map((item) => item.id);
}

/** Byte order of ASCII strings, as both stores compare them. */
export function compareScalars(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A deterministic shuffle: a failure reproduces on the next run. */
export function shuffled<T>(items: readonly T[], seed = 42): T[] {
  const result = [...items];
  let state = seed;
  for (let i = result.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}
