// Public API of @ejp/messaging: the event bus port (Kafka and in-process),
// the relay from the event store to Kafka, and the AsyncAPI document.
export { asyncApiDocument, type AsyncApiOptions } from './asyncapi/asyncapi-document.ts';
export { InProcessBus, type DeadLetter, type InProcessBusOptions } from './bus/in-process-bus.ts';
export {
  CE_EXTENSIONS,
  type CloudEventKafkaMessage,
  DEFAULT_DATASCHEMA_BASE,
  dataSchemaOf,
  fromKafkaMessage,
  headersAsStrings,
  type KafkaCodec,
  type KafkaHeaders,
  type KafkaCodecOptions,
  kafkaCodecOf,
  type KafkaRecord,
  NotAJourneyEventError,
  toCloudEvent,
  toKafkaMessage,
} from './cloudevents/kafka-codec.ts';
export { envelopeOfRecorded } from './cloudevents/recorded-envelope.ts';
export { fetchGroupLag, type PartitionLag } from './consumer/consumer-lag.ts';
export { DEAD_LETTER_HEADERS } from './consumer/dead-letter.ts';
export { KafkaConsumerRuntime, type KafkaConsumerRuntimeOptions } from './consumer/kafka-consumer.ts';
export { DEFAULT_JOURNEY_TOPIC, JOURNEY_STREAM_PREFIX, type JourneyEnvelope } from './envelope.ts';
export type { JourneyEventHandler } from './handler.ts';
export {
  type BatchControl,
  type ConsumedBatch,
  type ConsumedMessage,
  type GroupConsumer,
  type GroupConsumerHandlers,
  type GroupConsumerOptions,
  KAFKA_CLIENTS,
  type KafkaAdmin,
  type KafkaClient,
  type KafkaClientKind,
  type KafkaProducer,
  type OutgoingMessage,
  type PartitionOffsets,
  type TopicMessages,
} from './kafka/kafka-client.ts';
export { kafkajsClient } from './kafka/kafkajs-client.ts';
export { DEFAULT_KAFKA_CLIENT, KafkaBrokers, kafkaClientConfigShape, openKafkaClient, type OpenKafkaClientOptions } from './kafka/open-kafka-client.ts';
export { platformaticClient, type PlatformaticClientOptions } from './kafka/platformatic-client.ts';
export { LeaseKeeper, type LeaseKeeperOptions } from './lease/lease-keeper.ts';
export type { Lease, LeaseStore } from './lease/lease-store.ts';
export { openLeaseStore } from './lease/open-lease-store.ts';
export { PostgresLeaseStore, type PostgresLeaseStoreOptions } from './lease/postgres-lease-store.ts';
export { SqliteLeaseStore, type SqliteLeaseStoreOptions } from './lease/sqlite-lease-store.ts';
export type { Logger } from './logger.ts';
export { Relay, type RelayOptions, type RelayState } from './relay/relay.ts';
export type { RetryPolicy } from './retry-policy.ts';
export { deadLetterTopicOf, ensureTopics, type TopicSpec } from './topics.ts';
