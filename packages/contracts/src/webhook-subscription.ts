import type { WebhookSubscriptionEvent } from './events/webhooks.ts';

/**
 * A webhook subscription as its stream folds it: one fold for the
 * service's decider, its reads and the dispatcher that delivers.
 */
export interface WebhookSubscription {
  subscriptionId: string;
  url: string;
  eventTypes: string[];
  department: string | null;
  enabled: boolean;
  /** The current secret's generation. */
  generation: number;
  /** The previous secret and until when it still signs; null once none is left. */
  previous: { generation: number; validUntil: string } | null;
}

export function evolveWebhookSubscription(state: WebhookSubscription | null, event: WebhookSubscriptionEvent): WebhookSubscription | null {
  if (event.type === 'webhooks.subscription.created') return { ...event.data, enabled: true, generation: 0, previous: null };
  if (state === null) return null;
  switch (event.type) {
    case 'webhooks.subscription.secret-rotated':
      return { ...state, generation: event.data.generation, previous: { generation: state.generation, validUntil: event.data.previousValidUntil } };
    case 'webhooks.subscription.disabled':
      return { ...state, enabled: false };
    case 'webhooks.subscription.enabled':
      return { ...state, enabled: true };
  }
}

/** The generations whose secrets sign a delivery at `now`: the current one, and the previous one until it expires. */
export function signingGenerations(state: WebhookSubscription, now: Date): number[] {
  const previous = state.previous && Date.parse(state.previous.validUntil) > now.getTime() ? [state.previous.generation] : [];
  return [state.generation, ...previous];
}
