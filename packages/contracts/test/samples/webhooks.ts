// Valid and invalid payloads per webhook event type and version (see
// test/event-modules.ts). Each invalid payload breaks exactly one rule.
import type { SamplesByType } from '../event-modules.ts';

const subscriptionId = '3c1f0a2b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const eventId = '7d6c5b4a-3928-4716-a5b4-c3d2e1f0a9b8';
const created = { subscriptionId, url: 'https://hooks.example.com/ejp', eventTypes: ['journey.employee.hired'], department: null };
const disabled = { reason: 'delivery-failing', eventId, failingSince: '2026-03-01T09:00:00.000Z', attempts: 30 };
const attempted = { eventId, eventType: 'journey.employee.hired', stream: `journey-${eventId}`, revision: '0', attempt: 1, status: 503, ok: false, error: null, redelivery: false };

export const samples: SamplesByType = {
  'webhooks.subscription.created': {
    1: {
      valid: [created, { ...created, department: 'Engineering' }],
      invalid: [
        { why: 'no event type', data: { ...created, eventTypes: [] } },
        { why: 'not an http url', data: { ...created, url: 'ftp://hooks.example.com' } },
      ],
    },
  },
  'webhooks.subscription.secret-rotated': {
    1: {
      valid: [{ generation: 1, previousValidUntil: '2026-03-02T09:00:00.000Z' }],
      invalid: [{ why: 'generation 0 is the first secret', data: { generation: 0, previousValidUntil: '2026-03-02T09:00:00.000Z' } }],
    },
  },
  'webhooks.subscription.disabled': {
    1: {
      valid: [disabled, { reason: 'admin', eventId: null, failingSince: null, attempts: 0 }],
      invalid: [{ why: 'unknown reason', data: { ...disabled, reason: 'bored' } }],
    },
  },
  'webhooks.subscription.enabled': {
    1: { valid: [{}], invalid: [{ why: 'unexpected field', data: { why: 'x' } }] },
  },
  'webhooks.delivery.attempted': {
    1: {
      valid: [attempted, { ...attempted, status: null, error: 'connection refused' }],
      invalid: [
        { why: 'attempt 0', data: { ...attempted, attempt: 0 } },
        { why: 'revision not decimal', data: { ...attempted, revision: '-1' } },
      ],
    },
  },
};
