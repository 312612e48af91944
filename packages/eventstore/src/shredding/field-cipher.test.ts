import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptField, encryptField, fieldAad, isEncryptedField } from './field-cipher.ts';

const key = randomBytes(32);
const aad = fieldAad('F1C7B6A4-1D2E-4F3A-8B9C-0D1E2F3A4B5C', '$.email');

describe('field cipher', () => {
  it.each([['a string', 'ada@example.com'], ['an object', { given: 'Ada', family: 'Lovelace' }], ['an array', ['a', 1, null]], ['unicode', 'Zoë 😀']])(
    'round-trips %s',
    (_, value) => {
      const field = encryptField(key, 'e-1', aad, value);
      expect(isEncryptedField(field)).toBe(true);
      expect(decryptField(key, field, aad)).toEqual(value);
    },
  );

  it('uses a fresh 96-bit IV every time', () => {
    const a = encryptField(key, 'e-1', aad, 'same');
    const b = encryptField(key, 'e-1', aad, 'same');
    expect(Buffer.from(a.iv, 'base64')).toHaveLength(12);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
  });

  it('does not contain the plaintext', () => {
    expect(JSON.stringify(encryptField(key, 'e-1', aad, 'ada@example.com'))).not.toContain('ada');
  });

  it('binds the ciphertext to event id and path, ignoring id case', () => {
    const field = encryptField(key, 'e-1', aad, 'x');
    expect(decryptField(key, field, fieldAad('f1c7b6a4-1d2e-4f3a-8b9c-0d1e2f3a4b5c', '$.email'))).toBe('x');
    expect(() => decryptField(key, field, fieldAad('f1c7b6a4-1d2e-4f3a-8b9c-0d1e2f3a4b5d', '$.email'))).toThrow();
    expect(() => decryptField(key, field, fieldAad('f1c7b6a4-1d2e-4f3a-8b9c-0d1e2f3a4b5c', '$.name'))).toThrow();
  });

  it.each(['ct', 'iv', 'tag'] as const)('fails when %s is altered', (part) => {
    const field = encryptField(key, 'e-1', aad, 'ada@example.com');
    const bytes = Buffer.from(field[part], 'base64');
    bytes[0]! ^= 1;
    expect(() => decryptField(key, { ...field, [part]: bytes.toString('base64') }, aad)).toThrow();
  });

  it('fails with another key and on a truncated tag', () => {
    const field = encryptField(key, 'e-1', aad, 'x');
    expect(() => decryptField(randomBytes(32), field, aad)).toThrow();
    expect(() => decryptField(key, { ...field, tag: Buffer.from(field.tag, 'base64').subarray(0, 4).toString('base64') }, aad)).toThrow(/length/);
  });

  it('recognises only the exact encrypted shape', () => {
    const field = encryptField(key, 'e-1', aad, 'x');
    expect(isEncryptedField({ ...field, extra: 1 })).toBe(false);
    expect(isEncryptedField({ ...field, $enc: 'v2' })).toBe(false);
    expect(isEncryptedField({ ...field, ct: 1 })).toBe(false);
    expect(isEncryptedField('x')).toBe(false);
  });
});
