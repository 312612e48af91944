import { createTestTopic, findServer, testKafka, uniqueName, urlOf } from '@ejp/testkit';
import { describe, expect, it } from 'vitest';

// Proves kafkajs can produce, consume through a consumer group and commit
// offsets on the broker the platform's tests use.
const server = await findServer('kafka');

describe.runIf(server.available)('Kafka smoke', () => {
  it('produces and consumes keyed messages through a consumer group on a fresh topic', async () => {
    const brokers = urlOf(server);
    const topic = await createTestTopic(brokers, 'smoke');
    const kafka = testKafka(brokers);
    const sent = Array.from({ length: 20 }, (_, i) => ({ key: `emp-${i % 4}`, value: `event-${i}` }));

    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: sent });
    await producer.disconnect();

    const groupId = uniqueName('smoke_group');
    const consumer = kafka.consumer({ groupId });
    const received: { key: string; value: string; partition: number }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const allReceived = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          received.push({ key: String(message.key), value: String(message.value), partition });
          if (received.length === sent.length) resolve();
        },
      });
    });
    await allReceived;
    await consumer.disconnect();

    expect(received.map((m) => m.value).sort()).toEqual(sent.map((m) => m.value).sort());
    // Same key, same partition, and per-key order preserved.
    for (const key of new Set(sent.map((m) => m.key))) {
      const ofKey = received.filter((m) => m.key === key);
      expect(new Set(ofKey.map((m) => m.partition)).size).toBe(1);
      expect(ofKey.map((m) => m.value)).toEqual(sent.filter((m) => m.key === key).map((m) => m.value));
    }

    // The group committed its offsets: the admin API sees them at the end of the topic.
    const admin = kafka.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    await admin.disconnect();
    const total = committed!.partitions.reduce((sum, p) => sum + Number(p.offset), 0);
    expect(total).toBe(sent.length);
  });
});
