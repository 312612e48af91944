import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MASTER_KEY_BYTES } from '../shredding/key-wrapper.ts';
import type { MasterKeyConfig } from './config.ts';

/** The file name of the default master key, beside a SQLite key database. */
export const MASTER_KEY_FILE_NAME = 'master.key';

export interface MasterKeys {
  /** The current master key first, then previous ones still accepted (a rotation). */
  keys: Buffer[];
  /** Where the current key came from: an absolute file path, `KEYSTORE_MASTER_KEY`, or `ephemeral` (an in-memory key store). */
  source: string;
  /** True when the file was created by this call (first start). */
  created: boolean;
}

export interface MasterKeyOptions {
  /** The SQLite key database, beside which the default file lives; undefined for a server key store (a variable is then required). */
  sqliteKeyFile?: string | undefined;
  /** Create KEYSTORE_MASTER_KEY_FILE when it does not exist (standalone); the default file beside the database is always created. */
  createMissingFile?: boolean;
}

/**
 * The master keys KEYSTORE_MASTER_KEY / _FILE / KEYSTORE_PREVIOUS_MASTER_KEYS
 * name. Errors name the variable. A created file gets mode 0600, outside the
 * database: a copy of the database alone decrypts nothing.
 */
export function loadMasterKeys(config: MasterKeyConfig, options: MasterKeyOptions = {}): MasterKeys {
  const previous = (config.KEYSTORE_PREVIOUS_MASTER_KEYS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key.length > 0)
    .map((key) => Buffer.from(key, 'base64'));
  if (config.KEYSTORE_MASTER_KEY !== undefined) {
    return { keys: [Buffer.from(config.KEYSTORE_MASTER_KEY, 'base64'), ...previous], source: 'KEYSTORE_MASTER_KEY', created: false };
  }
  const explicit = config.KEYSTORE_MASTER_KEY_FILE;
  if (explicit === undefined && options.sqliteKeyFile === ':memory:') {
    // Nothing outlives the process: neither may the key.
    return { keys: [randomBytes(MASTER_KEY_BYTES), ...previous], source: 'ephemeral', created: true };
  }
  if (explicit === undefined && options.sqliteKeyFile === undefined) {
    throw new Error('KEYSTORE_MASTER_KEY (or KEYSTORE_MASTER_KEY_FILE) is required for a server key store: data keys are stored only wrapped by it');
  }
  const variable = explicit === undefined ? 'the default master key file' : 'KEYSTORE_MASTER_KEY_FILE';
  const file = resolve(explicit ?? join(dirname(options.sqliteKeyFile!), MASTER_KEY_FILE_NAME));
  let created = false;
  if (!existsSync(file)) {
    if (explicit !== undefined && !options.createMissingFile) throw new Error(`KEYSTORE_MASTER_KEY_FILE: no file at ${file}`);
    created = createKeyFile(file);
  }
  return { keys: [...readKeyFile(file, variable), ...previous], source: file, created };
}

/** Exclusive create: of two processes starting at once, one writes and both read its key. */
function createKeyFile(file: string): boolean {
  mkdirSync(dirname(file), { recursive: true });
  const content = `# Employee Journey Platform master key: wraps the crypto-shredding data keys. Keep it apart from the\n# database backups; lose it and no personal field decrypts again. Rotation: add a new key as the first line.\n${randomBytes(MASTER_KEY_BYTES).toString('base64')}\n`;
  try {
    writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new Error(`cannot create the master key file ${file}: ${(error as Error).message}`, { cause: error });
  }
}

function readKeyFile(file: string, variable: string): Buffer[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${variable}: cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
  if (lines.length === 0) throw new Error(`${variable}: ${file} holds no master key`);
  return lines.map((line, i) => {
    const key = Buffer.from(line, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(line) || key.length !== MASTER_KEY_BYTES) {
      throw new Error(`${variable}: line ${i + 1} of the keys in ${file} must be the base64 of ${MASTER_KEY_BYTES} bytes`);
    }
    return key;
  });
}
