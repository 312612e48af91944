import type { Admin, Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor: number;
}

/**
 * Creates the topics that are missing, with the given partitions and
 * replication factor; existing topics are left as they are (changing the
 * partition count would move keys between partitions and break per-employee
 * order, so that stays a deliberate operator action). Safe to race: another
 * instance creating the same topic first is not an error.
 */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[]): Promise<{ created: string[] }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await ensureWith(admin, specs);
  } finally {
    await admin.disconnect();
  }
}

async function ensureWith(admin: Admin, specs: TopicSpec[]): Promise<{ created: string[] }> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(s.topic));
  if (missing.length === 0) return { created: [] };
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((s) => ({ topic: s.topic, numPartitions: s.partitions, replicationFactor: s.replicationFactor })),
    });
  } catch (error) {
    // kafkajs reports "already exists" per topic inside a KafkaJSAggregateError.
    if (!isOnlyAlreadyExists(error)) throw error;
  }
  return { created: missing.map((s) => s.topic) };
}

function isOnlyAlreadyExists(error: unknown): boolean {
  const errors = (error as { errors?: { type?: string }[] }).errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) => e.type === 'TOPIC_ALREADY_EXISTS');
}

/** The dead-letter topic of a topic. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}
