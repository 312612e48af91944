import { createHash } from 'node:crypto';

/**
 * Event ids derived from (stream, Idempotency-Key, index) as name-based UUIDs
 * (RFC 9562 version 5: SHA-1 over namespace + name). A retried command thus
 * produces the very ids of its first attempt, and the event store's
 * idempotent append recognises it instead of storing a second effect.
 */

/** Fixed namespace of the platform's command events; changing it would break retries across a deploy. */
export const COMMAND_EVENT_NAMESPACE = '3f1c9d52-7c1e-4b8e-9a0d-6d2f4e8b1a73';

export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the `index`th event a command with this idempotency key appends to `stream`. */
export function commandEventId(stream: string, idempotencyKey: string, index: number): string {
  // NUL separators: no stream/key pair can be mistaken for another by concatenation.
  return uuidV5(COMMAND_EVENT_NAMESPACE, `${stream}\u0000${idempotencyKey}\u0000${index}`);
}
