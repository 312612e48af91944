import { metrics, type ObservableGauge } from '@opentelemetry/api';
import type { KafkaClient } from '../kafka/kafka-client.ts';
import { type ConsumerLagGauges, consumerLagGauges } from '../lag-gauges.ts';

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
  /** Per partition: when the oldest message not handled yet was produced (ms since epoch), as far as the runtime knows. */
  readonly #pendingSince = new Map<number, number>();
  readonly #gauge: ObservableGauge;
  readonly #observe: Parameters<ObservableGauge['addCallback']>[0];
  readonly #consumerLag: ConsumerLagGauges;

  /** `consumer`: the handler's name (the projector), the label of the per-consumer lag in events and seconds. */
  constructor(groupId: string, topic: string, consumer: string = groupId) {
    this.#gauge = metrics.getMeter('@ejp/messaging').createObservableGauge('ejp.messaging.consumer.lag', {
      description: 'Messages not yet handled and committed by the consumer group, per partition',
      unit: '{message}',
    });
    this.#observe = (result) => {
      for (const [partition, lag] of this.#latest) result.observe(lag, { group: groupId, topic, partition });
    };
    this.#gauge.addCallback(this.#observe);
    this.#consumerLag = consumerLagGauges(consumer, () => {
      let events = 0;
      let oldest: number | undefined;
      for (const [partition, lag] of this.#latest) {
        events += lag;
        const at = this.#pendingSince.get(partition);
        if (lag > 0 && at !== undefined) oldest = Math.min(oldest ?? at, at);
      }
      return { events, seconds: oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest) / 1000) };
    });
  }

  /**
   * `nextOffset` is the partition's first message not handled yet (on a batch's
   * arrival, and after each commit) and `pendingSince` its Kafka timestamp when
   * known: a consumer stuck on a batch shows its lag growing in seconds.
   */
  record(partition: number, highWatermark: string, nextOffset: string, pendingSince?: string): void {
    this.#latest.set(partition, Math.max(0, Number(BigInt(highWatermark) - BigInt(nextOffset))));
    if (pendingSince !== undefined) this.#pendingSince.set(partition, Number(pendingSince));
  }

  /** After a rebalance: forget partitions this member no longer owns. */
  retain(partitions: readonly number[]): void {
    for (const partition of this.#latest.keys()) {
      if (!partitions.includes(partition)) {
        this.#latest.delete(partition);
        this.#pendingSince.delete(partition);
      }
    }
  }

  close(): void {
    this.#gauge.removeCallback(this.#observe);
    this.#consumerLag.close();
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
