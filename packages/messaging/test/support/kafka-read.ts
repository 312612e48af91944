import { uniqueName } from '@ejp/testkit';
import type { IHeaders, Kafka } from 'kafkajs';

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string;
  value: Buffer;
  headers: IHeaders;
}

/**
 * Reads a topic from the beginning with a throw-away consumer group until
 * `until(messages)` holds (default: at least `count` messages) or the timeout
 * passes; returns what it read either way, so the caller's assertion says
 * what was missing.
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  options: { count?: number; until?: (messages: ReadMessage[]) => boolean; timeoutMs?: number } = {},
): Promise<ReadMessage[]> {
  const until = options.until ?? ((m: ReadMessage[]) => m.length >= (options.count ?? 1));
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 100 });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.timeoutMs ?? 20_000);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          messages.push({
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? '',
            value: message.value ?? Buffer.alloc(0),
            headers: message.headers ?? {},
          });
          if (until(messages)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/** Polls `condition` every 25 ms until it holds; throws with `what` after the timeout. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
