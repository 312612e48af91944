import { Kafka, logLevel } from 'kafkajs';
import { registerCleanup } from './cleanup.ts';
import { uniqueName } from './names.ts';

/** A kafkajs client for tests: quiet logs, a client id naming the test. */
export function testKafka(brokers: string, clientId = uniqueName('test')): Kafka {
  return new Kafka({ clientId, brokers: brokers.split(','), logLevel: logLevel.NOTHING });
}

/** Creates a topic unique to this test file and deletes it after the file. */
export async function createTestTopic(brokers: string, prefix = 'test', numPartitions = 3): Promise<string> {
  const topic = uniqueName(prefix);
  const admin = testKafka(brokers).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions, replicationFactor: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  registerCleanup(async () => {
    const cleanup = testKafka(brokers).admin();
    await cleanup.connect();
    try {
      await cleanup.deleteTopics({ topics: [topic] });
    } finally {
      await cleanup.disconnect();
    }
  });
  return topic;
}
