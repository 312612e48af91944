import { randomBytes } from 'node:crypto';
import { SubjectErasedError } from './errors.ts';
import { DATA_KEY_BYTES } from './field-cipher.ts';
import { checkSubjectId, type DataKeyState, type KeyStore } from './key-store.ts';

type Row = { key: Buffer | null; createdAt: Date; erasedAt: Date | null };

/**
 * Keys in a Map. For tests only: keys die with the process, so every
 * encrypted event becomes unreadable (MissingDataKeyError) after a restart.
 * Pass the same `rows` to several instances to simulate reopening.
 */
export class InMemoryKeyStore implements KeyStore {
  readonly #rows: Map<string, Row>;

  constructor(rows: Map<string, Row> = new Map()) {
    this.#rows = rows;
  }

  async getOrCreateKey(subjectId: string): Promise<Buffer> {
    checkSubjectId(subjectId);
    let row = this.#rows.get(subjectId);
    if (!row) {
      row = { key: randomBytes(DATA_KEY_BYTES), createdAt: new Date(), erasedAt: null };
      this.#rows.set(subjectId, row);
    }
    if (!row.key) throw new SubjectErasedError(subjectId);
    return Buffer.from(row.key);
  }

  async findKey(subjectId: string): Promise<DataKeyState> {
    checkSubjectId(subjectId);
    const row = this.#rows.get(subjectId);
    if (!row) return { state: 'absent' };
    if (!row.key) return { state: 'erased', erasedAt: row.erasedAt! };
    return { state: 'active', key: Buffer.from(row.key), createdAt: row.createdAt };
  }

  async erase(subjectId: string): Promise<void> {
    checkSubjectId(subjectId);
    const row = this.#rows.get(subjectId);
    if (row?.key) row.key.fill(0); // callers got copies, so zeroing ours leaves no live key behind
    if (row?.erasedAt) return;
    this.#rows.set(subjectId, { key: null, createdAt: row?.createdAt ?? new Date(), erasedAt: new Date() });
  }

  async close(): Promise<void> {}
}
