import { z } from 'zod';
import { KAFKA_CLIENTS, type KafkaClient, type KafkaClientKind } from './kafka-client.ts';
import { openKafkajsClient } from './kafkajs-client.ts';
import { platformaticClient } from './platformatic-client.ts';

/** The default adapter: kafkajs, the client the platform was built and measured on (see the README for why it stays). */
export const DEFAULT_KAFKA_CLIENT: KafkaClientKind = 'kafkajs';

/** KAFKA_BROKERS as every service validates it: host:port (IPv6 in brackets), comma-separated. */
export const KafkaBrokers = z
  .string()
  .regex(/^(\[[0-9a-fA-F:]+\]|[^,\s:[\]]+):\d{1,5}(,(\[[0-9a-fA-F:]+\]|[^,\s:[\]]+):\d{1,5})*$/, 'must be host:port[,host:port...]')
  .describe('Kafka bootstrap brokers, comma-separated host:port.');

/** The config variable that picks the adapter, for a service's config schema (`.extend({ ...kafkaClientConfigShape })`). */
export const kafkaClientConfigShape = {
  KAFKA_CLIENT: z
    .enum(KAFKA_CLIENTS)
    .default(DEFAULT_KAFKA_CLIENT)
    .describe(
      'Kafka client library behind the messaging port: `kafkajs` (default: what the platform was built and measured on) or `platformatic` (@platformatic/kafka, maintained; in bench:relay a faster relay, a consumer no faster). Both pass the same broker tests; why kafkajs stays the default: packages/messaging/README.md, "Kafka clients".',
    ),
};

export interface OpenKafkaClientOptions {
  client?: KafkaClientKind;
  /** host:port, comma-separated, or a list. */
  brokers: string | string[];
  clientId: string;
  /** No client logs (tests, benchmarks). */
  quiet?: boolean;
}

/** The adapter a main picks by configuration; the only place that names the client libraries. */
export function openKafkaClient(options: OpenKafkaClientOptions): KafkaClient {
  const brokers = typeof options.brokers === 'string' ? options.brokers.split(',') : options.brokers;
  const client = options.client ?? DEFAULT_KAFKA_CLIENT;
  switch (client) {
    case 'kafkajs':
      return openKafkajsClient({ brokers, clientId: options.clientId, quiet: options.quiet ?? false });
    case 'platformatic':
      return platformaticClient({ brokers, clientId: options.clientId });
  }
}
