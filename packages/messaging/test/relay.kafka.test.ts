import type { CheckpointStore } from '@ejp/eventstore';
import { findServer, testKafka, uniqueName, urlOf } from '@ejp/testkit';
import { describe, expect, it } from 'vitest';
import { fromKafkaMessage, headersAsStrings, KafkaConsumerRuntime } from '../src/index.ts';
import { IdempotentProjection } from './support/idempotent-projection.ts';
import { appendJourneys, openTempStore, secretEmailOf } from './support/journey-events.ts';
import { eventually, readTopic } from './support/kafka-read.ts';
import { startRelay } from './support/relay-fixture.ts';
import { openShreddingStore } from './support/shredding.ts';

const kafkaServer = await findServer('kafka');

describe.runIf(kafkaServer.available)('Relay on a real broker', () => {
  const brokers = kafkaServer.available ? urlOf(kafkaServer) : '';
  const kafka = testKafka(brokers);

  it('creates its topics when missing and publishes every journey event in order per employee; each parses back into the stored envelope', async () => {
    const { store, path, checkpoints } = await openTempStore();
    const topic = uniqueName('relay_roundtrip');
    const employees = await appendJourneys(store, 4, 5);
    await store.appendToStream('survey-1', [{ id: crypto.randomUUID(), type: 'survey.answered', data: {} }]); // not a journey stream
    const relay = await startRelay({ store, checkpoints, path, brokers, topic, relayId: topic });

    const messages = await readTopic(kafka, topic, { count: 20 });
    const all = await store.readAll({ filter: { streamPrefixes: ['journey-'] } });
    expect(messages).toHaveLength(20);
    const admin = kafka.admin();
    await admin.connect();
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic, `${topic}.dlq`] });
    await admin.disconnect();
    expect(topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual([[topic, 3], [`${topic}.dlq`, 3]]);

    // Round trip: the relay's bytes decode to the envelope of the stored event.
    const { envelopeOf } = await import('@ejp/contracts');
    const byId = new Map(all.map((e) => [e.id, envelopeOf(e)]));
    for (const m of messages) {
      const decoded = fromKafkaMessage(m);
      expect(decoded).toEqual(byId.get(decoded.eventId));
      expect(m.key).toBe(decoded.stream.slice('journey-'.length));
    }
    // Per key: one partition, revisions 0..4 in order.
    for (const id of employees) {
      const ofKey = messages.filter((m) => m.key === id);
      expect(new Set(ofKey.map((m) => m.partition)).size).toBe(1);
      expect(ofKey.map((m) => headersAsStrings(m.headers).ce_streamrevision)).toEqual(['0', '1', '2', '3', '4']);
    }
    await eventually(async () => (await checkpoints.load(relay.relayId)) === all.at(-1)!.position, 'checkpoint at the last event');
    await relay.stop();
    // Idempotent topic creation: a second start with existing topics is fine.
    const again = await startRelay({ store, checkpoints, path, brokers, topic, relayId: topic });
    await again.stop();
  });

  it('sends an event it cannot map to the dead-letter topic with the reason, and goes on', async () => {
    const { store, path, checkpoints } = await openTempStore();
    const topic = uniqueName('relay_unmappable');
    const [employee] = await appendJourneys(store, 1, 1);
    await store.appendToStream(`journey-${employee}`, [{ id: crypto.randomUUID(), type: 'journey.legacy.imported', data: { note: 'x' } }]); // no metadata
    await appendJourneys(store, 1, 1);
    const relay = await startRelay({ store, checkpoints, path, brokers, topic, relayId: topic });
    const good = await readTopic(kafka, topic, { count: 2 });
    const dead = await readTopic(kafka, `${topic}.dlq`, { count: 1 });
    await relay.stop();
    expect(good).toHaveLength(2);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.key).toBe(employee);
    expect(headersAsStrings(dead[0]!.headers)).toMatchObject({ 'x-original-stream': `journey-${employee}`, 'x-original-revision': '1', 'x-event-type': 'journey.legacy.imported' });
    expect(headersAsStrings(dead[0]!.headers)['x-error']).toMatch(/metadata/);
  });

  it('publishes personal fields encrypted: their plaintext appears nowhere in the Kafka message bytes', async () => {
    const { store, path, checkpoints } = await openTempStore();
    const shredding = openShreddingStore(store);
    const topic = uniqueName('relay_pii');
    const employees = await appendJourneys(shredding, 3, 2);
    // The decorator decrypts on read, the raw store holds ciphertext: the relay reads the raw one.
    const [decrypted] = await shredding.readStream(`journey-${employees[0]}`);
    expect(decrypted!.data.email).toBe(secretEmailOf(employees[0]!));
    const relay = await startRelay({ store, checkpoints, path, brokers, topic, relayId: topic });

    const messages = await readTopic(kafka, topic, { count: 6 });
    expect(messages).toHaveLength(6);
    const bytes = Buffer.concat(messages.flatMap((m) => [m.value, ...Object.values(headersAsStrings(m.headers)).map((h) => Buffer.from(h))]));
    for (const id of employees) {
      expect(bytes.includes(secretEmailOf(id))).toBe(false);
      expect(bytes.includes(id)).toBe(true); // the bytes are searchable: the employee id is there
    }
    expect(bytes.includes('Lovelace')).toBe(false);
    const hired = fromKafkaMessage(messages.find((m) => headersAsStrings(m.headers).ce_type === 'journey.employee.hired')!);
    expect(hired.data.email).toMatchObject({ $enc: 'v1', kid: hired.stream.slice('journey-'.length) });
    await relay.stop();
  });

  it('republishes after a crash between the broker ack and the checkpoint; an idempotent consumer applies each event once', async () => {
    const { store, path, checkpoints } = await openTempStore();
    const topic = uniqueName('relay_crash');
    await appendJourneys(store, 5, 4);
    const stored = await store.readAll();

    // First life: every checkpoint write fails, as if the process died right after the ack.
    let crashed = 0;
    const crashing: CheckpointStore = {
      load: (id) => checkpoints.load(id),
      store: async () => {
        crashed++;
        throw new Error('process killed before the checkpoint was written');
      },
      close: async () => {},
    };
    const first = await startRelay({ store, checkpoints: crashing, path, brokers, topic, relayId: topic, retry: { initialMs: 60_000 } });
    await eventually(() => crashed > 0, 'the first relay to publish and fail its checkpoint');
    await first.stop();
    // Read after stop: a send already in flight when the checkpoint failed still reaches the topic.
    const publishedBeforeCrash = first.published;
    expect(publishedBeforeCrash).toBeGreaterThan(0);
    expect(await checkpoints.load(topic)).toBeUndefined();

    // Restart: same relay id, working checkpoints -> it starts over from nothing saved.
    const second = await startRelay({ store, checkpoints, path, brokers, topic, relayId: topic });
    await eventually(async () => (await checkpoints.load(topic)) === stored.at(-1)!.position, 'the restarted relay to checkpoint the end');
    await second.stop();

    const projection = new IdempotentProjection();
    const consumer = new KafkaConsumerRuntime({ kafka, topic, groupId: uniqueName('crash_group'), handler: projection });
    await consumer.start();
    const total = publishedBeforeCrash + stored.length;
    await eventually(() => projection.deliveries >= total, `${total} deliveries`);
    await consumer.stop();

    expect(projection.deliveries).toBe(total); // the crashed batch is on the topic twice...
    expect(projection.effects.map((e) => e.eventId).sort()).toEqual(stored.map((e) => e.id).sort()); // ...applied once
  });
});
