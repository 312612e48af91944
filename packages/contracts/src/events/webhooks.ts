import { z } from 'zod';
import { Uuid } from '../canonical.ts';
import { defineEvent, type EventOf } from '../define-event.ts';

/**
 * Signed webhooks (Standard Webhooks): an admin subscribes a URL to event
 * types, optionally of one department; the webhooks service delivers every
 * matching event from the event store, in order, at least once. A
 * subscription is event-sourced in `webhook-<subscriptionId>`; its delivery
 * log in `webhookdelivery-<subscriptionId>`. Neither holds a secret: the
 * signing secrets are derived from the service's key, the subscription and
 * the secret's generation, so a rotation only counts up.
 */

const SOURCE = 'webhooks';
const at = z.iso.datetime();

export const WebhookSubscriptionCreated = defineEvent({
  type: 'webhooks.subscription.created',
  version: 1,
  schema: z.strictObject({
    subscriptionId: Uuid,
    url: z.string().regex(/^https?:\/\/[^\s/?#]+[^\s]*$/, 'an http(s) URL').max(2_000),
    /** Delivered types (current versions of the catalogue's types). */
    eventTypes: z.array(z.string().min(1).max(200)).min(1).max(100),
    /** Only events about employees of this department; null for every event of the types. */
    department: z.string().min(1).max(200).nullable(),
  }),
  title: 'Webhook subscription created',
  description: 'An admin subscribed a URL to event types (and, optionally, one department). Deliveries start with the events after this one.',
  source: SOURCE,
});

export const WebhookSecretRotated = defineEvent({
  type: 'webhooks.subscription.secret-rotated',
  version: 1,
  schema: z.strictObject({
    /** The new secret's generation (the first secret is generation 0). */
    generation: z.int().min(1),
    /** Until when the previous secret still signs too (both signatures are sent meanwhile). */
    previousValidUntil: at,
  }),
  title: 'Webhook secret rotated',
  description: 'A new signing secret; the previous one stays valid (deliveries carry both signatures) until previousValidUntil.',
  source: SOURCE,
});

export const WEBHOOK_DISABLE_REASONS = ['delivery-failing', 'admin'] as const;

export const WebhookSubscriptionDisabled = defineEvent({
  type: 'webhooks.subscription.disabled',
  version: 1,
  schema: z.strictObject({
    reason: z.enum(WEBHOOK_DISABLE_REASONS),
    /** The event whose delivery kept failing (delivery-failing), else null. */
    eventId: Uuid.nullable(),
    failingSince: at.nullable(),
    attempts: z.int().min(0),
  }),
  title: 'Webhook subscription disabled',
  description: 'Deliveries stop: an admin disabled the subscription, or one event failed for the whole retry period. Enabling it resumes from that event.',
  source: SOURCE,
});

export const WebhookSubscriptionEnabled = defineEvent({
  type: 'webhooks.subscription.enabled',
  version: 1,
  schema: z.strictObject({}),
  title: 'Webhook subscription enabled',
  description: 'Deliveries resume where they stopped.',
  source: SOURCE,
});

export const WebhookDeliveryAttempted = defineEvent({
  type: 'webhooks.delivery.attempted',
  version: 1,
  schema: z.strictObject({
    /** The delivered event (also the `webhook-id`). */
    eventId: Uuid,
    eventType: z.string().min(1).max(200),
    stream: z.string().min(1).max(300),
    revision: z.string().regex(/^(0|[1-9][0-9]*)$/),
    attempt: z.int().min(1),
    /** The receiver's HTTP status; null when none came (refused, timed out). */
    status: z.int().min(100).max(599).nullable(),
    ok: z.boolean(),
    error: z.string().max(500).nullable(),
    /** True when an admin asked for it again. */
    redelivery: z.boolean(),
  }),
  title: 'Webhook delivery attempted',
  description: "One attempt to deliver an event to a subscription's URL, and what the receiver answered: the delivery log.",
  source: SOURCE,
});

export const webhookSubscriptionEvents = [WebhookSubscriptionCreated, WebhookSecretRotated, WebhookSubscriptionDisabled, WebhookSubscriptionEnabled] as const;
export type WebhookSubscriptionEvent = EventOf<(typeof webhookSubscriptionEvents)[number]>;
export const webhookEvents = [...webhookSubscriptionEvents, WebhookDeliveryAttempted] as const;

/** Types appended only to unpublished streams (`webhook-`, `webhookdelivery-`): never on Kafka, so not in the AsyncAPI document. */
export const unpublishedEventTypes: ReadonlySet<string> = new Set(webhookEvents.map((definition) => definition.type));
