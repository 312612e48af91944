import type { StreamCategories } from '@ejp/contracts';

/**
 * The stream prefixes a reader of the whole store (the relay, the in-process
 * bus) follows: those of the published categories. A registry with none is a
 * wiring mistake, refused at construction: the reader would carry nothing,
 * silently.
 */
export function publishedPrefixesOf(categories: StreamCategories, reader: string): string[] {
  const prefixes = categories.publishedPrefixes();
  if (prefixes.length === 0) throw new Error(`${reader}: no stream category is published, so there is nothing to carry`);
  return prefixes;
}
