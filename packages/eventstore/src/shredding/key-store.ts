/**
 * The key-store port: one AES-256 data key per subject (employee). Erasing a
 * subject destroys the key bytes but keeps a record of the erasure, so that
 * (1) stored ciphertext under that key reads as redacted rather than as a
 * configuration error, and (2) no new key is ever created for the subject.
 */

export type DataKeyState =
  | { state: 'active'; key: Buffer; createdAt: Date }
  | { state: 'erased'; erasedAt: Date }
  | { state: 'absent' };

export interface KeyStore {
  /**
   * The subject's key, created from 32 random bytes on first use. Concurrent
   * first calls agree on one key. Throws SubjectErasedError once erased.
   */
  getOrCreateKey(subjectId: string): Promise<Buffer>;
  /** The subject's key state, never creating one. */
  findKey(subjectId: string): Promise<DataKeyState>;
  /**
   * Destroys the subject's key; idempotent (the first erasure time is kept).
   * Erasing a subject that never had a key records the erasure all the same.
   */
  erase(subjectId: string): Promise<void>;
  close(): Promise<void>;
}

/** Subject ids end up in SQL parameters and in every encrypted field: keep them sane. */
export function checkSubjectId(subjectId: string): string {
  if (typeof subjectId !== 'string' || subjectId.length === 0 || subjectId.length > 200) {
    throw new TypeError(`subject id must be a non-empty string of at most 200 characters, got ${JSON.stringify(subjectId)}`);
  }
  return subjectId;
}
