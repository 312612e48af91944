import type { KeyStore } from './key-store.ts';
import type { KeyWrapper, WrappedKey } from './key-wrapper.ts';

/**
 * What the SQLite and PostgreSQL key stores share about wrapped keys: a row
 * holds the wrapped bytes and the id of the master key that wrapped them
 * (NULL: a key written before envelope encryption, still in clear).
 */
export interface StoredKey {
  subjectId: string;
  key: Buffer;
  masterKeyId: string | null;
}

/** What opening a key store did to the keys it found. */
export interface KeyMigrationReport {
  /** Keys found in clear (written before envelope encryption) and wrapped in place. */
  wrapped: number;
  /** Keys wrapped by a previous master key and re-wrapped by the current one (a rotation). */
  rewrapped: number;
  /** Master key ids that still wrap keys but are not configured: those keys stay as they are and do not decrypt. */
  unavailable: string[];
}

/** A key store whose data keys are wrapped by a master key. */
export interface WrappedKeyStore extends KeyStore {
  /** What opening it migrated: keys wrapped in place, re-wrapped after a rotation, and master keys it lacks. */
  readonly migration: KeyMigrationReport;
}

/** The data key of a stored row; a row still in clear (an old process wrote it during a rolling upgrade) is wrapped at the next start. */
export async function unwrapStored(wrapper: KeyWrapper, row: StoredKey): Promise<Buffer> {
  if (row.masterKeyId === null) return Buffer.from(row.key);
  return wrapper.unwrap({ masterKeyId: row.masterKeyId, wrapped: row.key }, row.subjectId);
}

/**
 * The rows to rewrite so that every key is wrapped by the current master:
 * keys in clear are wrapped, keys under a previous master re-wrapped. The
 * events are never touched: their fields are encrypted by the data keys,
 * which stay the same.
 */
export async function rewrapPlan(
  wrapper: KeyWrapper,
  rows: readonly StoredKey[],
): Promise<{ updates: { subjectId: string; wrapped: WrappedKey }[]; report: KeyMigrationReport }> {
  const updates: { subjectId: string; wrapped: WrappedKey }[] = [];
  const report: KeyMigrationReport = { wrapped: 0, rewrapped: 0, unavailable: [] };
  const unavailable = new Set<string>();
  for (const row of rows) {
    if (row.masterKeyId === wrapper.currentKeyId) continue;
    if (row.masterKeyId !== null && !wrapper.canUnwrap(row.masterKeyId)) {
      unavailable.add(row.masterKeyId);
      continue;
    }
    const dataKey = await unwrapStored(wrapper, row);
    updates.push({ subjectId: row.subjectId, wrapped: await wrapper.wrap(dataKey, row.subjectId) });
    dataKey.fill(0);
    if (row.masterKeyId === null) report.wrapped++;
    else report.rewrapped++;
  }
  report.unavailable = [...unavailable].sort();
  return { updates, report };
}
