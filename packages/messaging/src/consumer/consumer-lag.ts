import { metrics, type ObservableGauge } from '@opentelemetry/api';
import type { KafkaClient } from '../kafka/kafka-client.ts';

export interface PartitionLag {
  partition: number;
  /** Messages on the partition that the group has not committed yet. */
  lag: number;
}

/**
 * Consumer lag as the OpenTelemetry observable gauge `ejp.messaging.consumer.lag`
 * (one point per assigned partition, attributes group/topic/partition). The
 * gauge reports what the runtime saw after its last commit on each partition,
 * so observing it costs no broker round trip.
 */
export class LagGauge {
  readonly #latest = new Map<number, number>();
  readonly #gauge: ObservableGauge;
  readonly #observe: Parameters<ObservableGauge['addCallback']>[0];

  constructor(groupId: string, topic: string) {
    this.#gauge = metrics.getMeter('@ejp/messaging').createObservableGauge('ejp.messaging.consumer.lag', {
      description: 'Messages not yet handled and committed by the consumer group, per partition',
      unit: '{message}',
    });
    this.#observe = (result) => {
      for (const [partition, lag] of this.#latest) result.observe(lag, { group: groupId, topic, partition });
    };
    this.#gauge.addCallback(this.#observe);
  }

  /** After committing `nextOffset` on a partition whose high watermark is `highWatermark`. */
  record(partition: number, highWatermark: string, nextOffset: string): void {
    this.#latest.set(partition, Math.max(0, Number(BigInt(highWatermark) - BigInt(nextOffset))));
  }

  /** After a rebalance: forget partitions this member no longer owns. */
  retain(partitions: readonly number[]): void {
    for (const partition of this.#latest.keys()) if (!partitions.includes(partition)) this.#latest.delete(partition);
  }

  close(): void {
    this.#gauge.removeCallback(this.#observe);
  }
}

/** Exact lag of a group on a topic, asked of the broker: high watermark minus committed offset, per partition. */
export async function fetchGroupLag(kafka: KafkaClient, groupId: string, topic: string): Promise<PartitionLag[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [ends, committed] = await Promise.all([admin.topicOffsets(topic), admin.committedOffsets(groupId, topic)]);
    return ends
      .map(({ partition, high, low }) => {
        // Nothing committed yet: the group starts at the log start.
        const from = BigInt(committed.get(partition) ?? low);
        return { partition, lag: Math.max(0, Number(BigInt(high) - from)) };
      })
      .sort((a, b) => a.partition - b.partition);
  } finally {
    await admin.disconnect();
  }
}
