import { testKafka, uniqueName } from '@ejp/testkit';
import type { IHeaders } from 'kafkajs';
import { sleep } from './service-process.ts';

export interface TappedMessage {
  partition: number;
  key: string;
  value: Buffer;
  headers: IHeaders;
}

export interface KafkaTap {
  messages: TappedMessage[];
  /** Resolves with the first message `match` accepts, waiting for it up to `timeoutMs`. */
  waitFor: (match: (message: TappedMessage) => boolean, what: string, timeoutMs?: number) => Promise<TappedMessage>;
  stop: () => Promise<void>;
}

/**
 * A consumer of its own (a fresh group, from the beginning) that keeps every
 * message of `topic` as it arrives: what another platform service sees on
 * Kafka, read while the test goes on sending commands.
 */
export async function tapTopic(brokers: string, topic: string): Promise<KafkaTap> {
  const consumer = testKafka(brokers).consumer({ groupId: uniqueName('e2e_tap'), maxWaitTimeInMs: 100 });
  const messages: TappedMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      messages.push({ partition, key: message.key?.toString() ?? '', value: message.value ?? Buffer.alloc(0), headers: message.headers ?? {} });
    },
  });
  return {
    messages,
    waitFor: async (match, what, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no message on ${topic} for: ${what} (saw ${messages.length})`);
        await sleep(25);
      }
    },
    stop: () => consumer.disconnect(),
  };
}
