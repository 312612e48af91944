import { dirname, join } from 'node:path';
import { type EventStore, type EventStoreConfig, eventStoreLocation, openCheckpointStore, type ResourceRegistry } from '@ejp/eventstore';
import { DEFAULT_DATASCHEMA_BASE, type Logger } from '@ejp/messaging';
import { z } from 'zod';
import { WebhookDispatcher } from './dispatcher.ts';
import { loadWebhookSecretKey, type WebhookSecretKeyConfig, webhookSecretKeyConfigShape } from './secret-key.ts';

const int = (min: number) => z.coerce.number().int().min(min);

/** The variables of whatever process delivers webhooks (the webhooks service, standalone). */
export const webhooksConfigShape = {
  ...webhookSecretKeyConfigShape,
  WEBHOOKS_STATE_URL: z
    .string()
    .min(1)
    .optional()
    .describe('Where the webhook checkpoints (one per subscription) are kept: a SQLite file path or `postgres://...`. Default: the event store itself; required for esdb.'),
  WEBHOOKS_RETRY_HOURS: int(24).default(24).describe('How long one failing delivery is retried (exponential backoff, 1 s doubling to 1 h) before its subscription is disabled.'),
  WEBHOOKS_TIMEOUT_MS: int(100).default(10_000).describe('How long a receiver may take to answer a delivery (ms); slower is a failure, retried.'),
  WEBHOOKS_DATASCHEMA_BASE: z
    .url({ protocol: /^https?$/ })
    .default(DEFAULT_DATASCHEMA_BASE)
    .describe("The relay's public URL, for each delivered CloudEvent's `dataschema` (as RELAY_PUBLIC_URL)."),
};

export type WebhooksConfig = WebhookSecretKeyConfig &
  Pick<EventStoreConfig, 'EVENTSTORE_BACKEND' | 'EVENTSTORE_URL'> & {
    WEBHOOKS_STATE_URL?: string | undefined;
    WEBHOOKS_RETRY_HOURS: number;
    WEBHOOKS_TIMEOUT_MS: number;
    WEBHOOKS_DATASCHEMA_BASE: string;
  };

/**
 * The dispatcher and the secrets' key, from configuration: checkpoints in
 * WEBHOOKS_STATE_URL or beside the events, the key from WEBHOOKS_SECRET_KEY
 * or a file (by default `webhooks.key` beside a SQLite event store).
 * `store` is the RAW event store. Started here; stopped with the resources.
 */
export async function openWebhookDispatcher(config: WebhooksConfig, resources: ResourceRegistry, options: { store: EventStore; logger?: Logger; clock?: () => Date }) {
  if (config.EVENTSTORE_BACKEND === 'esdb' && !config.WEBHOOKS_STATE_URL) throw new Error('WEBHOOKS_STATE_URL is required when EVENTSTORE_BACKEND=esdb');
  const events = eventStoreLocation(config);
  const sqlite = config.EVENTSTORE_BACKEND === 'sqlite' && events !== ':memory:';
  const secretKey = loadWebhookSecretKey(config, sqlite ? join(dirname(events), 'webhooks.key') : undefined);
  // Checkpoint ids are `webhook:<subscriptionId>`, apart from the relay's and the bus's in the same table.
  const checkpoints = await openCheckpointStore(config.WEBHOOKS_STATE_URL ?? (sqlite || config.EVENTSTORE_BACKEND === 'postgres' ? events : ':memory:'), {}, resources);
  const dispatcher = new WebhookDispatcher({
    store: options.store,
    checkpoints,
    secretKey,
    retryForMs: config.WEBHOOKS_RETRY_HOURS * 3_600_000,
    timeoutMs: config.WEBHOOKS_TIMEOUT_MS,
    dataSchemaBase: config.WEBHOOKS_DATASCHEMA_BASE,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  dispatcher.start();
  resources.add('webhook-dispatcher', () => dispatcher.stop());
  return { dispatcher, secretKey };
}
