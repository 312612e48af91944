import { createTestTopic, findServer, testKafka, uniqueName, urlOf } from '@ejp/testkit';
import { metrics } from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { afterAll, describe, expect, it } from 'vitest';
import { type JourneyEnvelope, type JourneyEventHandler, KafkaConsumerRuntime, toKafkaMessage } from '../src/index.ts';
import { taskCompleted } from './support/envelopes.ts';
import { adapters, clientOf } from './support/kafka-clients.ts';
import { eventually } from './support/kafka-read.ts';

// The consumer's lag and dead-letter metrics on the real broker, read through
// an SDK meter provider this file installs (it owns the process-wide globals).
class PullReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}
const reader = new PullReader();
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
afterAll(() => metrics.disable());

/** The value of `name` for the point whose attributes include `labels`. */
async function pointValue(name: string, labels: Record<string, string>): Promise<number | undefined> {
  const { resourceMetrics } = await reader.collect();
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      if (metric.descriptor.name !== name) continue;
      const point = metric.dataPoints.find((p) => Object.entries(labels).every(([k, v]) => p.attributes[k] === v));
      if (point) return point.value as number;
    }
  }
  return undefined;
}

/** Blocks on its first batch until released; then handles everything. */
class StuckHandler implements JourneyEventHandler {
  readonly name = uniqueName('stuck');
  called = false;
  release!: () => void;
  readonly #released = new Promise<void>((resolve) => (this.release = resolve));
  async handle(_events: readonly JourneyEnvelope[]): Promise<void> {
    this.called = true;
    await this.#released;
  }
}

const kafkaServer = await findServer('kafka');
const consumerConfig = { maxWaitMs: 100, heartbeatIntervalMs: 300, sessionTimeoutMs: 6_000, rebalanceTimeoutMs: 3_000 };

// Seeded with a plain kafkajs client (another program on the topic); the runtime consumes through each adapter.
describe.runIf(kafkaServer.available).each(adapters)('Kafka consumer metrics (%s)', (adapter) => {
  it('a consumer stuck on a batch shows its lag in events and growing seconds; caught up, 0; a dead letter is counted', async () => {
    const brokers = urlOf(kafkaServer);
    const kafka = testKafka(brokers);
    const topic = await createTestTopic(brokers, 'consumer_metrics', 1);
    const dlq = await createTestTopic(brokers, 'consumer_metrics_dlq', 1);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [0, 1, 2].map((r) => toKafkaMessage(taskCompleted('emp-lag', r))) });

    const handler = new StuckHandler();
    const runtime = new KafkaConsumerRuntime({ kafka: clientOf(adapter, brokers), topic, deadLetterTopic: dlq, handler, retry: { attempts: 1, initialMs: 10, maxMs: 10 }, consumerConfig });
    const labels = { consumer: handler.name };
    expect(await pointValue('ejp.messaging.dead_letters', { topic: dlq, consumer: handler.name })).toBe(0);
    await runtime.start();
    try {
      await eventually(() => handler.called, 'the first batch to reach the handler');
      expect(await pointValue('ejp.consumer.lag.events', labels)).toBe(3);
      const early = (await pointValue('ejp.consumer.lag.seconds', labels))!;
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await pointValue('ejp.consumer.lag.seconds', labels))! - early).toBeGreaterThanOrEqual(1);

      handler.release();
      await eventually(async () => (await pointValue('ejp.consumer.lag.events', labels)) === 0, 'the lag to reach 0');
      expect(await pointValue('ejp.consumer.lag.seconds', labels)).toBe(0);

      await producer.send({ topic, messages: [{ key: 'emp-lag', value: 'not a cloud event' }] });
      await eventually(async () => (await pointValue('ejp.messaging.dead_letters', { topic: dlq, consumer: handler.name })) === 1, 'the dead letter to be counted');
    } finally {
      await producer.disconnect();
      await runtime.stop();
    }
  }, 60_000);
});
