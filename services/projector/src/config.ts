import { DEFAULT_JOURNEY_TOPIC, KafkaBrokers, kafkaClientConfigShape } from '@ejp/messaging';
import { checkReadStoreConfig, readStoreConfigShape } from '@ejp/readstore';
import { baseConfigSchema } from '@ejp/service-kit';
import { z } from 'zod';

const positiveInt = z.coerce.number().int().min(1);

/** The projector's environment in distributed mode: the service kit's variables, the read store's, plus these. */
export const projectorConfigSchema = baseConfigSchema
  .extend({
    ...readStoreConfigShape,
    KAFKA_BROKERS: KafkaBrokers,
    ...kafkaClientConfigShape,
    KAFKA_CLIENT_ID: z.string().min(1).default('ejp-projector').describe('Kafka client id (shows in broker logs and quotas).'),
    PROJECTOR_TOPIC: z.string().min(1).default(DEFAULT_JOURNEY_TOPIC).describe('Topic of journey events (the relay publishes there).'),
    PROJECTOR_GROUP_ID: z
      .string()
      .min(1)
      .default('ejp-projector-timeline')
      .describe('Consumer group: projector instances in it share the partitions. A new group replays the topic from its start.'),
    PROJECTOR_BATCH_SIZE: positiveInt.max(1000).default(200).describe('Events per read-model write batch.'),
    PROJECTOR_PARTITIONS_CONCURRENTLY: positiveInt
      .max(64)
      .default(1)
      .describe('Partitions one instance handles in parallel (order within each partition holds either way).'),
  })
  // Runs even when another variable is invalid: one start-up attempt reports every problem.
  .superRefine(checkReadStoreConfig, { when: () => true });

export type ProjectorConfig = z.output<typeof projectorConfigSchema>;
