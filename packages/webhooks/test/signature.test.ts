import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { deriveSecret, webhookHeaders } from '../src/index.ts';

const key = randomBytes(32);
const body = JSON.stringify({ type: 'journey.employee.hired', subject: 'e-1' });

describe('Standard Webhooks signatures', () => {
  it('verify with the Standard Webhooks library, and a tampered body or another secret does not', () => {
    const secret = deriveSecret(key, 'sub-1', 0);
    const headers = webhookHeaders([secret], 'evt-1', new Date(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('e-1', 'e-2'), headers)).toThrow();
    expect(() => new Webhook(deriveSecret(key, 'sub-1', 1)).verify(body, headers)).toThrow();
    expect(() => new Webhook(deriveSecret(key, 'sub-2', 0)).verify(body, headers)).toThrow();
  });

  it('carry one signature per valid secret, so either side of a rotation verifies', () => {
    const [previous, current] = [deriveSecret(key, 'sub-1', 0), deriveSecret(key, 'sub-1', 1)];
    const headers = webhookHeaders([current, previous], 'evt-1', new Date(), body);
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    for (const secret of [previous, current]) expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('derive the same secret for the same subscription and generation, whatever the case of the id', () => {
    expect(deriveSecret(key, 'ABC', 3)).toBe(deriveSecret(key, 'abc', 3));
    expect(deriveSecret(key, 'abc', 3)).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  });
});
