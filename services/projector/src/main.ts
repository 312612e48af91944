import { KafkaConsumerRuntime, openKafkaClient } from '@ejp/messaging';
import { openReadStore } from '@ejp/readstore';
import { createServiceApp, main, runService } from '@ejp/service-kit';
import { type ProjectorConfig, projectorConfigSchema } from './config.ts';
import { createProjector } from './projector.ts';

/**
 * Distributed mode: consumes journey events from Kafka (consumer group, offsets
 * committed after the read-model writes) into the read models (MongoDB in
 * the deployments, READSTORE_*). Its HTTP surface is health only: /healthz,
 * and /readyz checking Kafka and the read store.
 */
main(() =>
  runService<ProjectorConfig>({
    name: 'projector',
    configSchema: projectorConfigSchema,
    build: async ({ config, logger, resources }) => {
      const readStore = await openReadStore(config, resources);
      const projector = createProjector(readStore, { logger });
      // Refuses to start on read models of another projection version (StaleProjectionsError names the rebuild).
      await projector.init();

      const kafka = openKafkaClient({ client: config.KAFKA_CLIENT, clientId: config.KAFKA_CLIENT_ID, brokers: config.KAFKA_BROKERS });
      // One admin connection for the readiness probe, rather than a connect per probe.
      const admin = kafka.admin();
      await admin.connect();
      resources.add('kafka-admin', () => admin.disconnect());

      const consumer = new KafkaConsumerRuntime({
        kafka,
        handler: projector,
        groupId: config.PROJECTOR_GROUP_ID,
        topic: config.PROJECTOR_TOPIC,
        maxBatchSize: config.PROJECTOR_BATCH_SIZE,
        partitionsConsumedConcurrently: config.PROJECTOR_PARTITIONS_CONCURRENTLY,
        logger,
      });
      // Registered after the read store, so shutdown stops consuming before the store closes.
      resources.add('kafka-consumer', () => consumer.stop());
      await consumer.start();

      return createServiceApp({
        name: 'projector',
        version: '0.1.0',
        description: 'Applies journey events from Kafka to the timeline and journey-status read models.',
        config,
        logger,
        readinessChecks: [
          { name: 'kafka', check: () => admin.ping(), timeoutMs: 2_000 },
          { name: 'readstore', check: () => readStore.ping(), timeoutMs: 1_000 },
        ],
      });
    },
  }),
);
