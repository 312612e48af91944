import { createTestTopic, findServer, testKafka, urlOf } from '@ejp/testkit';
import { describe, expect, it } from 'vitest';
import { fromKafkaMessage, headersAsStrings, toKafkaMessage } from '../src/index.ts';
import { taskCompleted } from './support/envelopes.ts';
import { adapters, clientOf } from './support/kafka-clients.ts';
import { readTopic } from './support/kafka-read.ts';

const kafkaServer = await findServer('kafka');

// What switching KAFKA_CLIENT on a running platform must keep: where each key goes, and the bytes.
describe.runIf(kafkaServer.available)('Kafka adapters side by side', () => {
  it('put a key on the same partition as each other (both map keys with the Java client\'s murmur2), headers, key and value intact', async () => {
    const brokers = urlOf(kafkaServer);
    const topic = await createTestTopic(brokers, 'adapters_partitions', 6);
    const keys = Array.from({ length: 24 }, (_, i) => `emp-${i}-${'x'.repeat(i)}`);
    for (const adapter of adapters) {
      const producer = clientOf(adapter, brokers).producer();
      await producer.connect();
      await producer.send([{ topic, messages: keys.map((k) => ({ ...toKafkaMessage(taskCompleted(k, 0)), headers: { ...toKafkaMessage(taskCompleted(k, 0)).headers, 'x-adapter': adapter } })) }]);
      await producer.disconnect();
    }
    const messages = await readTopic(testKafka(brokers), topic, { count: keys.length * adapters.length });
    expect(messages).toHaveLength(keys.length * adapters.length);
    const partitions = (adapter: string) =>
      new Map(messages.filter((m) => headersAsStrings(m.headers)['x-adapter'] === adapter).map((m) => [m.key, m.partition]));
    const [first, ...others] = adapters.map(partitions);
    expect(first!.size).toBe(keys.length);
    expect(new Set(first!.values()).size).toBeGreaterThan(3); // the keys really spread
    for (const other of others) expect(other).toEqual(first);
    for (const m of messages) expect(fromKafkaMessage(m).stream).toBe(`journey-${m.key}`);
  });
});
