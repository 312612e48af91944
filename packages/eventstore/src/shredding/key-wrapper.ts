import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { DATA_KEY_BYTES } from './field-cipher.ts';

/**
 * Envelope encryption of the data keys: the key stores keep each subject's
 * data key only wrapped by a master key (key-encryption key) that lives
 * outside the database, so a copy of the database alone decrypts nothing.
 * The port is this small on purpose: a cloud KMS adapter (AWS KMS, GCP KMS,
 * Vault transit) implements the same two calls and names its key versions.
 */
export interface WrappedKey {
  /** Which master key wrapped it: stored beside the wrapped bytes, so a rotation can find the keys still to re-wrap. */
  masterKeyId: string;
  wrapped: Buffer;
}

export interface KeyWrapper {
  /** The master key that new wraps (and re-wraps) use. */
  readonly currentKeyId: string;
  /** Whether `unwrap` can open keys wrapped by this master key (the current one, or a previous one during a rotation). */
  canUnwrap(masterKeyId: string): boolean;
  /** Wraps a data key for one subject; the subject is bound to the result, so a wrapped key moved to another subject does not unwrap. */
  wrap(dataKey: Buffer, subjectId: string): Promise<WrappedKey>;
  /** Throws MasterKeyUnavailableError for a master key it does not hold, KeyUnwrapFailedError when the bytes do not authenticate. */
  unwrap(key: WrappedKey, subjectId: string): Promise<Buffer>;
}

export const MASTER_KEY_BYTES = 32; // AES-256
const IV_BYTES = 12;
const TAG_BYTES = 16;
const WRAPPED_BYTES = IV_BYTES + DATA_KEY_BYTES + TAG_BYTES;

/** A data key is wrapped by a master key that is not configured: the wrong key, or one retired before its keys were re-wrapped. */
export class MasterKeyUnavailableError extends Error {
  override name = 'MasterKeyUnavailableError';
  readonly code = 'EJP_MASTER_KEY_UNAVAILABLE';
  readonly masterKeyId: string;

  constructor(masterKeyId: string, subjectId: string) {
    super(`the data key of subject ${subjectId} is wrapped by master key ${masterKeyId}, which is not configured (KEYSTORE_MASTER_KEY / KEYSTORE_PREVIOUS_MASTER_KEYS)`);
    this.masterKeyId = masterKeyId;
  }
}

/** The wrapped bytes do not authenticate under the master key their id names: tampered, or moved to another subject. */
export class KeyUnwrapFailedError extends Error {
  override name = 'KeyUnwrapFailedError';
  readonly code = 'EJP_KEY_UNWRAP_FAILED';

  constructor(subjectId: string, cause?: unknown) {
    super(`the wrapped data key of subject ${subjectId} does not unwrap (tampered or moved)`, { cause });
  }
}

/**
 * A master key's public name: a fingerprint (64 bits of a domain-separated
 * SHA-256), so the stored id tells which key to use without saying anything
 * useful about the key itself.
 */
export function masterKeyIdOf(masterKey: Buffer): string {
  checkLength(masterKey, MASTER_KEY_BYTES, 'master key');
  return `local:${createHash('sha256').update('ejp-master-key-id:v1\u0000').update(masterKey).digest('hex').slice(0, 16)}`;
}

const aadOf = (subjectId: string) => Buffer.from(`ejp-keywrap:v1\u0000${subjectId}`, 'utf8');

/**
 * The local adapter: AES-256-GCM under master keys held in this process
 * (from configuration). The first key wraps; every key given unwraps, so
 * during a rotation the previous master still opens the keys not yet re-wrapped.
 */
export function localKeyWrapper(masterKeys: readonly Buffer[]): KeyWrapper {
  if (masterKeys.length === 0) throw new Error('localKeyWrapper needs at least one master key');
  const byId = new Map(masterKeys.map((key) => [masterKeyIdOf(key), Buffer.from(key)] as const));
  const currentKeyId = masterKeyIdOf(masterKeys[0]!);
  const current = byId.get(currentKeyId)!;
  return {
    currentKeyId,
    canUnwrap: (masterKeyId) => byId.has(masterKeyId),
    async wrap(dataKey, subjectId) {
      checkLength(dataKey, DATA_KEY_BYTES, 'data key');
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aadOf(subjectId));
      const wrapped = Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
      return { masterKeyId: currentKeyId, wrapped };
    },
    async unwrap({ masterKeyId, wrapped }, subjectId) {
      const master = byId.get(masterKeyId);
      if (!master) throw new MasterKeyUnavailableError(masterKeyId, subjectId);
      if (wrapped.length !== WRAPPED_BYTES) throw new KeyUnwrapFailedError(subjectId);
      try {
        const decipher = createDecipheriv('aes-256-gcm', master, wrapped.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
        decipher.setAAD(aadOf(subjectId));
        decipher.setAuthTag(wrapped.subarray(IV_BYTES + DATA_KEY_BYTES));
        return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES, IV_BYTES + DATA_KEY_BYTES)), decipher.final()]);
      } catch (error) {
        throw new KeyUnwrapFailedError(subjectId, error);
      }
    },
  };
}

function checkLength(key: Buffer, bytes: number, what: string): void {
  if (key.length !== bytes) throw new Error(`a ${what} is ${bytes} bytes, got ${key.length}`);
}
