import type { KafkaClient, TopicSpec } from './kafka/kafka-client.ts';

export type { TopicSpec };

/**
 * Creates the topics that are missing, with the given partitions and
 * replication factor; existing topics are left as they are (changing the
 * partition count would move keys between partitions and break per-employee
 * order, so that stays a deliberate operator action). Safe to race: another
 * instance creating the same topic first is not an error.
 */
export async function ensureTopics(kafka: KafkaClient, specs: TopicSpec[]): Promise<{ created: string[] }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length > 0) await admin.createTopics(missing);
    return { created: missing.map((s) => s.topic) };
  } finally {
    await admin.disconnect();
  }
}

/** The dead-letter topic of a topic. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}
