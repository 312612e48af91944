export { dockerAnswers } from './containers.ts';
export { uniqueName } from './names.ts';
export { createTestDatabase } from './postgres.ts';
export {
  findServer,
  type FindOptions,
  MissingInfrastructureError,
  type Server,
  type ServerKind,
  serverEnvVar,
  urlOf,
} from './servers.ts';
export { createTestTopic, testKafka } from './kafka.ts';
export { createTestMongoDb } from './mongo.ts';
export { sharedSubject } from './shared-subject.ts';
export { type EventStreamClient, type EventStreamFrame, followEventStream } from './event-stream.ts';
export { descendsFrom, type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from './otlp-receiver.ts';
