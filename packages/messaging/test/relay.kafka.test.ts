import type { CheckpointStore } from '@ejp/eventstore';
import { findServer, testKafka, uniqueName, urlOf } from '@ejp/testkit';
import { describe, expect, it } from 'vitest';
import { envelopeOf } from '@ejp/contracts';
import { fromKafkaMessage, headersAsStrings, KafkaConsumerRuntime, kafkaCodecOf } from '../src/index.ts';
import { IdempotentProjection } from './support/idempotent-projection.ts';
import { appendJourneys, openTempStore, secretEmailOf } from './support/journey-events.ts';
import { adapters, clientOf } from './support/kafka-clients.ts';
import { eventually, readTopic } from './support/kafka-read.ts';
import { startRelay } from './support/relay-fixture.ts';
import { openShreddingStore } from './support/shredding.ts';
import { appendSurveys, SettingsStreams, SurveyStreams, withSurveys } from './support/survey-streams.ts';

const kafkaServer = await findServer('kafka');

// The relay and the runtime go through each adapter; the topic is read back with a plain kafkajs client.
describe.runIf(kafkaServer.available).each(adapters)('Relay on a real broker (%s)', (adapter) => {
  const brokers = kafkaServer.available ? urlOf(kafkaServer) : '';
  const kafka = testKafka(brokers);
  const client = clientOf(adapter, brokers);

  it('creates its topics when missing and publishes every journey event in order per employee; each parses back into the stored envelope', async () => {
    const { store, path, checkpoints } = await openTempStore();
    const topic = uniqueName('relay_roundtrip');
    const employees = await appendJourneys(store, 4, 5);
    await store.appendToStream('poll-1', [{ id: crypto.randomUUID(), type: 'poll.answered', data: {} }]); // not a journey stream
    const relay = await startRelay({ client: adapter, store, checkpoints, path, brokers, topic, relayId: topic });

    const messages = await readTopic(kafka, topic, { count: 20 });
    const all = await store.readAll({ filter: { streamPrefixes: ['journey-'] } });
    expect(messages).toHaveLength(20);
    const admin = kafka.admin();
    await admin.connect();
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic, `${topic}.dlq`] });
    await admin.disconnect();
    expect(topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual([[topic, 3], [`${topic}.dlq`, 3]]);

    // Round trip: the relay's bytes decode to the envelope of the stored event.
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
    const again = await startRelay({ client: adapter, store, checkpoints, path, brokers, topic, relayId: topic });
    await again.stop();
  });

  it("publishes every published category's streams keyed by the category's subject; each decodes back to its stream", async () => {
    const { store, path, checkpoints } = await openTempStore();
    const topic = uniqueName('relay_categories');
    await appendJourneys(store, 2, 2);
    const surveys = await appendSurveys(store, 2, 3); // and a settings event, which is not published
    await appendJourneys(store, 1, 1);
    const stored = (await store.readAll()).filter((e) => !SettingsStreams.owns(e.streamName));
    const relay = await startRelay({ client: adapter, store, checkpoints, path, brokers, topic, relayId: topic, categories: withSurveys });
    await eventually(async () => (await checkpoints.load(relay.relayId)) === stored.at(-1)!.position, 'checkpoint at the last event');
    await relay.stop();
    // Everything before the checkpoint is acknowledged: the topic holds exactly the published events.
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(stored.length);
    const messages = await readTopic(kafka, topic, { count: stored.length });
    expect(messages.map((m) => headersAsStrings(m.headers).ce_id).sort()).toEqual(stored.map((e) => e.id).sort());
    const codec = kafkaCodecOf(withSurveys);
    const byId = new Map(stored.map((e) => [e.id, envelopeOf(e)]));
    for (const m of messages) {
      const decoded = codec.fromKafkaMessage(m);
      expect(decoded).toEqual(byId.get(decoded.eventId));
      expect(m.key).toBe(withSurveys.require(decoded.stream).subjectOf(decoded.stream));
      expect(fromKafkaMessage(m).stream).toBe(decoded.stream); // a consumer that does not know surveys yet
    }
    expect(surveys.map((id) => messages.filter((m) => m.key === id).length)).toEqual([3, 3]);

    // The consumer runtime given the same declarations hands survey events to its handler, stream intact.
    const projection = new IdempotentProjection();
    const consumer = new KafkaConsumerRuntime({ kafka: client, topic, groupId: uniqueName('survey_group'), handler: projection, categories: withSurveys });
    await consumer.start();
    await eventually(() => projection.effects.length === stored.length, `${stored.length} events applied`);
    await consumer.stop();
    const surveyStreams = projection.effects.filter((e) => SurveyStreams.owns(e.stream)).map((e) => e.stream);
    expect(new Set(surveyStreams)).toEqual(new Set(surveys.map((id) => SurveyStreams.streamOf(id))));
  });

  it('sends an event it cannot map to the dead-letter topic with the reason, and goes on', async () => {
    const { store, path, checkpoints } = await openTempStore();
    const topic = uniqueName('relay_unmappable');
    const [employee] = await appendJourneys(store, 1, 1);
    await store.appendToStream(`journey-${employee}`, [{ id: crypto.randomUUID(), type: 'journey.legacy.imported', data: { note: 'x' } }]); // no metadata
    await appendJourneys(store, 1, 1);
    const relay = await startRelay({ client: adapter, store, checkpoints, path, brokers, topic, relayId: topic });
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
    const relay = await startRelay({ client: adapter, store, checkpoints, path, brokers, topic, relayId: topic });

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
    const first = await startRelay({ client: adapter, store, checkpoints: crashing, path, brokers, topic, relayId: topic, retry: { initialMs: 60_000 } });
    await eventually(() => crashed > 0, 'the first relay to publish and fail its checkpoint');
    await first.stop();
    // Read after stop: a send already in flight when the checkpoint failed still reaches the topic.
    const publishedBeforeCrash = first.published;
    expect(publishedBeforeCrash).toBeGreaterThan(0);
    expect(await checkpoints.load(topic)).toBeUndefined();

    // Restart: same relay id, working checkpoints -> it starts over from nothing saved.
    const second = await startRelay({ client: adapter, store, checkpoints, path, brokers, topic, relayId: topic });
    await eventually(async () => (await checkpoints.load(topic)) === stored.at(-1)!.position, 'the restarted relay to checkpoint the end');
    await second.stop();

    const projection = new IdempotentProjection();
    const consumer = new KafkaConsumerRuntime({ kafka: client, topic, groupId: uniqueName('crash_group'), handler: projection });
    await consumer.start();
    const total = publishedBeforeCrash + stored.length;
    await eventually(() => projection.deliveries >= total, `${total} deliveries`);
    await consumer.stop();

    expect(projection.deliveries).toBe(total); // the crashed batch is on the topic twice...
    expect(projection.effects.map((e) => e.eventId).sort()).toEqual(stored.map((e) => e.id).sort()); // ...applied once
  });
});
