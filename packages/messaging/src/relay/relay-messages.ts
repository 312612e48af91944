import { type StreamCategories, streamCategories } from '@ejp/contracts';
import type { RecordedEvent } from '@ejp/eventstore';
import type { OutgoingMessage, TopicMessages } from '../kafka/kafka-client.ts';
import { type KafkaCodecOptions, kafkaCodecOf } from '../cloudevents/kafka-codec.ts';
import { envelopeOfRecorded } from '../cloudevents/recorded-envelope.ts';
import { deadLetterTopicOf } from '../topics.ts';

/** One recorded event, mapped to what the relay sends for it. */
export interface RelayItem {
  position: bigint;
  message: OutgoingMessage;
  /** True when the event could not be mapped and goes to the dead-letter topic. */
  dead: boolean;
}

/**
 * A recorded event -> its Kafka message. An event that cannot be mapped to a
 * CloudEvent (metadata not written by `appendMetadata`, an invalid
 * CloudEvent attribute) can never be
 * published, and skipping it silently would lose it, so it goes to the
 * dead-letter topic with the reason, in the same acknowledged send.
 */
export function relayItemOf(categories: StreamCategories, codecOptions: KafkaCodecOptions = {}): (event: RecordedEvent) => RelayItem {
  const codec = kafkaCodecOf(categories, codecOptions);
  return (event) => {
    try {
      return { position: event.position, message: codec.toKafkaMessage(envelopeOfRecorded(event)), dead: false };
    } catch (error) {
      return { position: event.position, message: unmappable(event, error, categories), dead: true };
    }
  };
}

/** `relayItemOf` the platform's stream categories. */
export const relayItem = relayItemOf(streamCategories);

/** What one send carries: the topic's messages in order, plus dead letters if any. */
export function relayMessages(items: readonly RelayItem[], topic: string): TopicMessages[] {
  const good = items.filter((i) => !i.dead).map((i) => i.message);
  const dead = items.filter((i) => i.dead).map((i) => i.message);
  const out: TopicMessages[] = [];
  if (good.length > 0) out.push({ topic, messages: good });
  if (dead.length > 0) out.push({ topic: deadLetterTopicOf(topic), messages: dead });
  return out;
}

function unmappable(event: RecordedEvent, error: unknown, categories: StreamCategories): OutgoingMessage {
  const stream = event.streamName;
  return {
    // Keyed like its good neighbours, so a stream's dead letters share its partition.
    key: categories.of(stream)?.subjectOf(stream) ?? stream,
    value: JSON.stringify({ id: event.id, type: event.type, data: event.data, metadata: event.metadata }),
    headers: {
      'x-error': error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 4000) : String(error),
      'x-attempts': '0',
      'x-original-stream': event.streamName,
      'x-original-revision': event.revision.toString(),
      'x-original-position': event.position.toString(),
      'x-event-id': event.id,
      'x-event-type': event.type,
    },
  };
}
