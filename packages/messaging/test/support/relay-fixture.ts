import type { CheckpointStore, EventStore } from '@ejp/eventstore';
import { testKafka } from '@ejp/testkit';
import { afterAll } from 'vitest';
import { type KafkaClientKind, type LeaseStore, Relay, type RelayOptions, SqliteLeaseStore } from '../../src/index.ts';
import { clientOf } from './kafka-clients.ts';

/** Relays built here are stopped after the file, whatever the test did, and the topics they created deleted. */
const started: Relay[] = [];
const created = new Map<string, Set<string>>(); // brokers -> topics
afterAll(async () => {
  await Promise.all(started.map((r) => r.stop()));
  for (const [brokers, topics] of created) {
    const admin = testKafka(brokers).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [...topics] }).catch(() => undefined);
    await admin.disconnect();
  }
});

export interface RelayFixtureOptions extends Partial<RelayOptions> {
  store: EventStore;
  checkpoints: CheckpointStore;
  path: string;
  brokers: string;
  topic: string;
  /** The adapter the relay publishes through, unless `kafka` is given (default kafkajs). */
  client?: KafkaClientKind;
}

/** A relay with test-sized timings: short lease, quick retries, small batches. */
export async function startRelay(options: RelayFixtureOptions): Promise<Relay> {
  const { path, brokers, client, ...rest } = options;
  const leases: LeaseStore = options.leases ?? new SqliteLeaseStore({ path });
  const kafka = options.kafka ?? clientOf(client ?? 'kafkajs', brokers);
  const relay = new Relay({
    batchSize: 50,
    lease: { ttlMs: 1_500, renewEveryMs: 300 },
    fenceMarginMs: 300,
    retry: { initialMs: 100, maxMs: 1_000 },
    createTopics: { partitions: 3, replicationFactor: 1 },
    ...rest,
    leases,
    kafka,
  });
  started.push(relay);
  const topics = created.get(brokers) ?? new Set<string>();
  created.set(brokers, topics.add(relay.topic).add(`${relay.topic}.dlq`));
  await relay.start();
  return relay;
}
