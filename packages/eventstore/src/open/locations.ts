import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where an opened store registers its close(): the service kit's
 * ResourceStack fits, and closes newest first, so a store opened on top of
 * another (keys on top of events) closes before it.
 */
export interface ResourceRegistry {
  add(name: string, close: () => Promise<void> | void): void;
}

/** A store location is a file path (SQLite) or a connection string; these tell which. */
export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//.test(location);
export const isEsdbUrl = (location: string): boolean => /^esdb(\+discover)?:\/\//.test(location);
/** Any `scheme://...`: given as a SQLite path, it is a connection string whose backend was not chosen. */
export const isUrl = (location: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(location);

/** SQLite creates the file but not its directory; `:memory:` has none. */
export function ensureParentDirectory(file: string): void {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
}
