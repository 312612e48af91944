import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { JsonValue } from '../port.ts';

/**
 * One personal-data field, encrypted with AES-256-GCM under its subject's
 * data key, as it is stored in place of the value:
 *   { "$enc": "v1", "kid": <subject id>, "iv": b64, "ct": b64, "tag": b64 }
 * `ct` is the encrypted JSON text of the value, so any JSON value (string,
 * object, array) can be personal. The additional authenticated data binds the
 * ciphertext to its event id and field path, so it cannot be copied into
 * another event or field and still decrypt.
 */
export interface EncryptedField {
  $enc: 'v1';
  /** Key id: the subject (employee) id, whose key the key store holds. */
  kid: string;
  iv: string;
  ct: string;
  tag: string;
}

export const DATA_KEY_BYTES = 32; // AES-256
const IV_BYTES = 12; // 96 bits: the GCM nonce size that needs no extra hashing
const TAG_BYTES = 16;
const FIELDS = ['$enc', 'ct', 'iv', 'kid', 'tag'];

export function isEncryptedField(value: unknown): value is EncryptedField {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return (
    record.$enc === 'v1' &&
    Object.keys(record).sort().join() === FIELDS.join() &&
    FIELDS.every((key) => typeof record[key] === 'string')
  );
}

/** Event ids are compared lower-cased, as the adapters store them, so the AAD matches whatever case the caller used. */
export function fieldAad(eventId: string, path: string): Buffer {
  return Buffer.from(`ejp-shredding:v1\u0000${eventId.toLowerCase()}\u0000${path}`, 'utf8');
}

/** A fresh random IV per field: with GCM, one IV reused under one key would leak both plaintexts. */
export function encryptField(key: Buffer, kid: string, aad: Buffer, value: JsonValue): EncryptedField {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { $enc: 'v1', kid, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Throws (from node:crypto) when authentication fails; the caller wraps it with the event and path. */
export function decryptField(key: Buffer, field: EncryptedField, aad: Buffer): JsonValue {
  checkKey(key);
  const iv = Buffer.from(field.iv, 'base64');
  const tag = Buffer.from(field.tag, 'base64');
  // Fixed lengths: a shortened tag would weaken authentication, a short IV is not ours.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('bad IV or tag length');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const plain = Buffer.concat([decipher.update(Buffer.from(field.ct, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as JsonValue;
}

function checkKey(key: Buffer): void {
  if (key.length !== DATA_KEY_BYTES) throw new Error(`data keys are ${DATA_KEY_BYTES} bytes, got ${key.length}`);
}
