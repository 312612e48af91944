import { checkEventStoreConfig, eventStoreConfigShape, isPostgresUrl, isUrl } from '@ejp/eventstore';
import { DEFAULT_DATASCHEMA_BASE, DEFAULT_JOURNEY_TOPIC, KafkaBrokers, kafkaClientConfigShape } from '@ejp/messaging';
import { baseConfigSchema } from '@ejp/service-kit';
import { z } from 'zod';

const int = (min: number) => z.coerce.number().int().min(min);

/** The relay's environment: the service kit's variables plus these. */
export const relayConfigSchema = baseConfigSchema
  .extend({
    ...eventStoreConfigShape,
    RELAY_STATE_URL: z
      .string()
      .min(1)
      .optional()
      .describe('Where the relay keeps its checkpoint and lease: a SQLite file path or `postgres://...`. Default: the event store itself (EVENTSTORE_URL or its sqlite default); required for esdb.'),
    KAFKA_BROKERS: KafkaBrokers,
    ...kafkaClientConfigShape,
    KAFKA_CLIENT_ID: z.string().min(1).default('ejp-relay').describe('Kafka client id (shows in broker logs and quotas).'),
    RELAY_TOPIC: z.string().min(1).default(DEFAULT_JOURNEY_TOPIC).describe('Topic journey events are published to.'),
    RELAY_TOPIC_PARTITIONS: int(1).default(6).describe('Partitions of the topic and its .dlq when the relay creates them.'),
    RELAY_TOPIC_REPLICATION_FACTOR: int(-1)
      .default(-1)
      .refine((v) => v !== 0, 'must be -1 (broker default) or at least 1')
      .describe('Replication factor when the relay creates the topics; -1 takes the broker\'s default.replication.factor.'),
    RELAY_BATCH_SIZE: int(1).default(500).describe('Most events per Kafka send. Batches form by themselves: an event is sent at once when no send is in flight, else with those that arrived during it.'),
    RELAY_CHECKPOINT_INTERVAL_MS: int(0)
      .default(100)
      .describe('Save the checkpoint at most this often (ms); after a crash at most this much is published again.'),
    RELAY_LEASE_TTL_MS: int(1000).default(15_000).describe('How long the active relay holds its lease without renewing it (ms).'),
    RELAY_LEASE_RENEW_MS: int(100).default(5_000).describe('How often the active relay renews its lease, and a standby retries (ms).'),
    RELAY_PUBLIC_URL: z
      .url({ protocol: /^https?$/ })
      .default(DEFAULT_DATASCHEMA_BASE)
      .describe('Absolute URL consumers reach this relay at: every CloudEvent\'s `dataschema` is `<this>/schemas/events/<type>.v<version>.json`, served here next to /asyncapi.json.'),
    RELAY_INSTANCE_ID: z.string().min(1).optional().describe('This instance as the lease owner (e.g. the pod name); default host-pid-random.'),
  })
  .superRefine(
    (config, ctx) => {
      // Runs even when other variables are invalid (see `when`), so fields may be missing here.
      checkEventStoreConfig(config, ctx);
      if (typeof config.RELAY_LEASE_RENEW_MS === 'number' && config.RELAY_LEASE_RENEW_MS * 2 > config.RELAY_LEASE_TTL_MS) {
        ctx.addIssue({ code: 'custom', path: ['RELAY_LEASE_RENEW_MS'], message: 'must be at most half of RELAY_LEASE_TTL_MS' });
      }
      if (config.EVENTSTORE_BACKEND === 'esdb' && !config.RELAY_STATE_URL) {
        ctx.addIssue({ code: 'custom', path: ['RELAY_STATE_URL'], message: 'is required when EVENTSTORE_BACKEND=esdb (EventStoreDB has no lease)' });
      }
      if (config.RELAY_STATE_URL && isUrl(config.RELAY_STATE_URL) && !isPostgresUrl(config.RELAY_STATE_URL)) {
        ctx.addIssue({ code: 'custom', path: ['RELAY_STATE_URL'], message: 'must be a SQLite file path or a postgres:// URL' });
      }
    },
    // One start-up attempt reports every problem at once, as the service kit's own checks do.
    { when: () => true },
  );

export type RelayConfig = z.output<typeof relayConfigSchema>;
