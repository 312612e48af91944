import { type Command, type Decider, DomainError } from '@ejp/command-kit';
import { evolveWebhookSubscription, type WebhookSubscription, type WebhookSubscriptionEvent } from '@ejp/contracts';

/** Admins' commands on one webhook subscription (its stream: `webhook-<subscriptionId>`). */
export type CreateSubscription = Command<'CreateSubscription', { subscriptionId: string; url: string; eventTypes: string[]; department: string | null }>;
export type RotateSecret = Command<'RotateSecret', { subscriptionId: string; previousValidForHours: number }>;
export type DisableSubscription = Command<'DisableSubscription', { subscriptionId: string }>;
export type EnableSubscription = Command<'EnableSubscription', { subscriptionId: string }>;
export type WebhookCommand = CreateSubscription | RotateSecret | DisableSubscription | EnableSubscription;

export const WEBHOOK_ERROR_CODES = ['EJP_WEBHOOK_EXISTS', 'EJP_WEBHOOK_NOT_FOUND'] as const;
export type WebhookErrorCode = (typeof WEBHOOK_ERROR_CODES)[number];

export class WebhookError extends DomainError<WebhookErrorCode> {
  override name = 'WebhookError';
}

const HOUR_MS = 3_600_000;

function decide(command: WebhookCommand, state: WebhookSubscription | null): WebhookSubscriptionEvent[] {
  const { subscriptionId } = command.data;
  if (command.type === 'CreateSubscription') {
    if (state !== null) throw new WebhookError('EJP_WEBHOOK_EXISTS', `Webhook subscription ${subscriptionId} exists.`);
    return [{ type: 'webhooks.subscription.created', data: command.data }];
  }
  if (state === null) throw new WebhookError('EJP_WEBHOOK_NOT_FOUND', `No webhook subscription ${subscriptionId}.`);
  switch (command.type) {
    case 'RotateSecret': {
      // The previous secret keeps signing meanwhile, so receivers switch without a gap.
      const previousValidUntil = new Date(command.metadata.now.getTime() + command.data.previousValidForHours * HOUR_MS).toISOString();
      return [{ type: 'webhooks.subscription.secret-rotated', data: { generation: state.generation + 1, previousValidUntil } }];
    }
    case 'DisableSubscription':
      if (!state.enabled) return [];
      return [{ type: 'webhooks.subscription.disabled', data: { reason: 'admin', eventId: null, failingSince: null, attempts: 0 } }];
    case 'EnableSubscription':
      return state.enabled ? [] : [{ type: 'webhooks.subscription.enabled', data: {} }];
  }
}

export const webhookDecider: Decider<WebhookCommand, WebhookSubscription | null, WebhookSubscriptionEvent> = {
  initialState: () => null,
  evolve: evolveWebhookSubscription,
  decide,
};
