import { uniqueName } from '@ejp/testkit';
import { KAFKA_CLIENTS, type KafkaClient, type KafkaClientKind, openKafkaClient } from '../../src/index.ts';

/** Every adapter behind the port: broker suites run once per adapter (`describe.each(adapters)`). */
export const adapters: readonly KafkaClientKind[] = KAFKA_CLIENTS;

/** The adapter under test, quiet, with a client id naming the test. */
export function clientOf(kind: KafkaClientKind, brokers: string): KafkaClient {
  return openKafkaClient({ client: kind, brokers, clientId: uniqueName(`test_${kind}`), quiet: true });
}
