import type { ConsumedMessage, OutgoingMessage } from '../kafka/kafka-client.ts';
import { describeError } from '../retry-policy.ts';

export interface DeadLetterOrigin {
  topic: string;
  partition: number;
  message: ConsumedMessage;
}

/** Headers the dead-letter path adds; everything else is the original message untouched. */
export const DEAD_LETTER_HEADERS = {
  error: 'x-error',
  attempts: 'x-attempts',
  topic: 'x-original-topic',
  partition: 'x-original-partition',
  offset: 'x-original-offset',
  consumerGroup: 'x-consumer-group',
} as const;

/**
 * The dead-letter copy of a message: original key, value and headers (so a
 * replay tool can put it back as it was), plus why and where it failed.
 */
export function deadLetterMessage(origin: DeadLetterOrigin, error: unknown, attempts: number, groupId: string): OutgoingMessage {
  const h = DEAD_LETTER_HEADERS;
  return {
    key: origin.message.key,
    value: origin.message.value,
    headers: {
      ...origin.message.headers,
      [h.error]: describeError(error),
      [h.attempts]: String(attempts),
      [h.topic]: origin.topic,
      [h.partition]: String(origin.partition),
      [h.offset]: origin.message.offset,
      [h.consumerGroup]: groupId,
    },
  };
}
