import { deciderSpec } from '@ejp/command-kit/testing';
import type { WebhookSubscriptionEvent } from '@ejp/contracts';
import { describe, it } from 'vitest';
import { type WebhookCommand, webhookDecider } from '../src/domain.ts';

const spec = deciderSpec(webhookDecider);
const subscriptionId = '3c1f0a2b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const at = new Date('2026-03-02T09:00:00.000Z');
const command = <T extends WebhookCommand['type']>(type: T, data: Record<string, unknown> = {}) =>
  ({ type, data: { subscriptionId, ...data }, metadata: { now: at } }) as unknown as WebhookCommand;
const body = { url: 'https://hooks.example.com/ejp', eventTypes: ['journey.employee.hired'], department: null };
const created: WebhookSubscriptionEvent = { type: 'webhooks.subscription.created', data: { subscriptionId, ...body } };
const disabled: WebhookSubscriptionEvent = { type: 'webhooks.subscription.disabled', data: { reason: 'delivery-failing', eventId: null, failingSince: null, attempts: 30 } };

describe('webhook subscriptions', () => {
  it('are created once', () => {
    spec.given([]).when(command('CreateSubscription', body)).then([created]);
    spec.given([created]).when(command('CreateSubscription', body)).thenThrows('EJP_WEBHOOK_EXISTS');
    spec.given([]).when(command('EnableSubscription')).thenThrows('EJP_WEBHOOK_NOT_FOUND');
  });

  it('rotate to the next generation, the previous secret valid for the hours asked', () => {
    const rotated: WebhookSubscriptionEvent = { type: 'webhooks.subscription.secret-rotated', data: { generation: 1, previousValidUntil: '2026-03-03T09:00:00.000Z' } };
    spec.given([created]).when(command('RotateSecret', { previousValidForHours: 24 })).then([rotated]);
    spec
      .given([created, rotated])
      .when(command('RotateSecret', { previousValidForHours: 0 }))
      .then([{ type: 'webhooks.subscription.secret-rotated', data: { generation: 2, previousValidUntil: at.toISOString() } }]);
  });

  it('disable and enable, each a no-op when already so', () => {
    spec.given([created]).when(command('DisableSubscription')).then([{ type: 'webhooks.subscription.disabled', data: { reason: 'admin', eventId: null, failingSince: null, attempts: 0 } }]);
    spec.given([created, disabled]).when(command('DisableSubscription')).then([]);
    spec.given([created, disabled]).when(command('EnableSubscription')).then([{ type: 'webhooks.subscription.enabled', data: {} }]);
    spec.given([created]).when(command('EnableSubscription')).then([]);
  });
});
