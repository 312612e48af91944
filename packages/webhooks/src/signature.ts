import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signing. A secret is `whsec_` + base64 of its key; the
 * signature of a delivery is `v1,` + base64(HMAC-SHA256(key, "<id>.<timestamp>.<body>")),
 * and `webhook-signature` lists one per valid secret, space-separated, so a
 * receiver accepts a delivery during a rotation whichever secret it holds.
 */
export const SECRET_PREFIX = 'whsec_';

export function signatureOf(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** The three Standard Webhooks headers of one delivery, signed with every secret given. */
export function webhookHeaders(secrets: readonly string[], id: string, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1_000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => signatureOf(secret, id, timestamp, body)).join(' '),
  };
}

/**
 * The secret of one generation of a subscription, derived from the service's
 * key: nothing secret is stored in the event store, a rotation counts the
 * generation up, and deciding a command again (an idempotent retry) derives
 * the same secret.
 */
export function deriveSecret(key: Buffer, subscriptionId: string, generation: number): string {
  return SECRET_PREFIX + createHmac('sha256', key).update(`ejp-webhook-secret:${subscriptionId.toLowerCase()}:${generation}`).digest('base64');
}
