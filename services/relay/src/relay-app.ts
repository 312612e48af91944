import { catalogueJsonSchemas } from '@ejp/contracts';
import { asyncApiDocument, openKafkaClient, Relay } from '@ejp/messaging';
import { AppError, ErrorCodes } from '@ejp/service-kit';
import { createServiceApp, declareTags, type ServiceApp, type ServiceContext } from '@ejp/service-kit';
import { z } from 'zod';
import { openRelayBackend } from './backend.ts';
import type { RelayConfig } from './config.ts';

const RelayStatusSchema = z.object({
  state: z.enum(['idle', 'waiting-for-lease', 'publishing', 'recovering', 'stopped']),
  instanceId: z.string(),
  relayId: z.string(),
  topic: z.string(),
  published: z.int().describe('Events this instance published since it started'),
  leaseHolder: z.string().nullable().describe('Instance that holds the lease now, null when nobody does'),
});

/**
 * The relay service: opens the raw event store, its checkpoint and lease
 * stores and a Kafka client, starts the relay (which creates its topics and
 * then publishes while it holds the lease), and serves the AsyncAPI document
 * and its status. Resources close in reverse: HTTP server, relay (stop the
 * subscription, flush, checkpoint, release the lease, close the producer),
 * Kafka admin, lease, checkpoints, event store.
 */
export async function buildRelayApp({ config, logger, resources }: ServiceContext<RelayConfig>): Promise<ServiceApp> {
  const backend = await openRelayBackend(config, resources);
  const kafka = openKafkaClient({ client: config.KAFKA_CLIENT, clientId: config.KAFKA_CLIENT_ID, brokers: config.KAFKA_BROKERS });
  const admin = kafka.admin();
  await admin.connect();
  resources.add('kafka-admin', () => admin.disconnect());

  const topic = { partitions: config.RELAY_TOPIC_PARTITIONS, replicationFactor: config.RELAY_TOPIC_REPLICATION_FACTOR };
  const relay = new Relay({
    ...backend,
    kafka,
    topic: config.RELAY_TOPIC,
    createTopics: topic,
    batchSize: config.RELAY_BATCH_SIZE,
    checkpointIntervalMs: config.RELAY_CHECKPOINT_INTERVAL_MS,
    lease: { ttlMs: config.RELAY_LEASE_TTL_MS, renewEveryMs: config.RELAY_LEASE_RENEW_MS },
    dataSchemaBase: config.RELAY_PUBLIC_URL,
    ...(config.RELAY_INSTANCE_ID ? { instanceId: config.RELAY_INSTANCE_ID } : {}),
    logger,
  });
  await relay.start();
  resources.add('relay', () => relay.stop());

  const app = await createServiceApp({
    name: 'relay',
    description: 'Publishes journey events from the event store to Kafka as CloudEvents; one active instance at a time.',
    config,
    logger,
    readinessChecks: [
      { name: 'eventstore', check: () => backend.store.ping() },
      { name: 'kafka', check: () => admin.ping() },
    ],
  });
  declareTags(app, {
    events: 'The event contract of the Kafka topic this relay publishes to',
    relay: 'What this relay instance is doing',
  });
  // The topics' document as this instance publishes them (topic name and partitions from its config).
  const document = asyncApiDocument({ topic: config.RELAY_TOPIC, partitions: topic.partitions, ...(topic.replicationFactor > 0 ? { replicationFactor: topic.replicationFactor } : {}) });
  app.get(
    '/asyncapi.json',
    {
      config: { public: true },
      schema: {
        operationId: 'getAsyncApiDocument',
        summary: 'AsyncAPI 3.0 document of the journey lifecycle topic',
        tags: ['events'],
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async () => document,
  );
  // What every CloudEvent's `dataschema` points at: the generated JSON Schema of its type and version, by file name.
  const schemas = new Map(catalogueJsonSchemas().map((entry) => [`${entry.type}.v${entry.version}.json`, entry.schema]));
  app.get(
    '/schemas/events/:file',
    {
      config: { public: true },
      schema: {
        operationId: 'getEventJsonSchema',
        summary: "JSON Schema of one event type and version (a CloudEvent's dataschema)",
        tags: ['events'],
        params: z.object({ file: z.string().max(200).describe('`<type>.v<version>.json`, e.g. `journey.employee.hired.v2.json`') }),
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request, reply) => {
      const schema = schemas.get(request.params.file);
      if (!schema) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No event schema ${request.params.file}.`);
      return reply.type('application/schema+json').send(schema);
    },
  );
  app.get(
    '/relay/status',
    {
      config: { public: true },
      schema: { operationId: 'getRelayStatus', summary: 'What this relay instance is doing', tags: ['relay'], response: { 200: RelayStatusSchema } },
    },
    async () => ({
      state: relay.state,
      instanceId: relay.instanceId,
      relayId: relay.relayId,
      topic: relay.topic,
      published: relay.published,
      leaseHolder: (await backend.leases.holder(relay.relayId))?.owner ?? null,
    }),
  );
  return app;
}
