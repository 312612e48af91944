import { randomUUID } from 'node:crypto';
import { findServer, testKafka, uniqueName, urlOf } from '@ejp/testkit';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { headersAsStrings, kafkajsClient } from '../src/index.ts';
import { CuttableNetwork } from './support/cuttable-network.ts';
import { appendJourneys, openTempStore } from './support/journey-events.ts';
import { eventually, readTopic } from './support/kafka-read.ts';
import { startRelay } from './support/relay-fixture.ts';

const kafkaServer = await findServer('kafka');

// The broker "restart" is simulated under kafkajs (see support/cuttable-network.ts for why).
describe.runIf(kafkaServer.available)('Relay through a broker outage', () => {
  it('loses nothing: every stored event reaches the topic, in order per key, once the broker is back', async () => {
    const brokers = urlOf(kafkaServer);
    const { store, path, checkpoints } = await openTempStore();
    const topic = uniqueName('relay_outage');
    const network = new CuttableNetwork();
    const kafka = new Kafka({
      clientId: 'relay-under-test',
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
      socketFactory: network.socketFactory,
      connectionTimeout: 500,
      requestTimeout: 2_000,
      retry: { initialRetryTime: 50, maxRetryTime: 500, retries: 3 },
    });
    const employees = Array.from({ length: 12 }, () => randomUUID());
    await appendJourneys(store, employees.length, 5, employees);
    const relay = await startRelay({ store, checkpoints, path, brokers, topic, relayId: topic, kafka: kafkajsClient(kafka), batchSize: 10 });
    await eventually(() => relay.published >= 30, 'the relay to be publishing');

    // The broker goes down while the relay runs and commands keep appending.
    network.cut();
    const appending = appendJourneys(store, employees.length, 4, employees.map(() => randomUUID()));
    await new Promise((r) => setTimeout(r, 2_500));
    expect(network.refused).toBeGreaterThan(0); // the relay really tried while it was down
    network.restore();
    await appending;
    await appendJourneys(store, employees.length, 1, employees.map(() => randomUUID())); // and after it is back

    const stored = await store.readAll();
    await eventually(async () => (await checkpoints.load(topic)) === stored.at(-1)!.position, 'checkpoint at the end of the store', 30_000);
    await relay.stop();

    const messages = await readTopic(testKafka(brokers), topic, {
      until: (m) => new Set(m.map((x) => headersAsStrings(x.headers).ce_id)).size >= stored.length,
    });
    const ids = messages.map((m) => headersAsStrings(m.headers).ce_id);
    expect(new Set(ids)).toEqual(new Set(stored.map((e) => e.id))); // none lost
    // In order per key: the first time each revision appears, revisions count up from 0 without a gap.
    const byKey = new Map<string, string[]>();
    for (const m of messages.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)))) {
      const firstSeen = byKey.get(m.key) ?? [];
      const revision = headersAsStrings(m.headers).ce_streamrevision!;
      if (!firstSeen.includes(revision)) firstSeen.push(revision);
      byKey.set(m.key, firstSeen);
    }
    for (const [key, revisions] of byKey) {
      const expected = stored.filter((e) => e.streamName === `journey-${key}`).map((e) => e.revision.toString());
      expect(revisions, key).toEqual(expected);
    }
    console.info(`[outage] ${stored.length} events, ${messages.length} messages (${messages.length - stored.length} redelivered), ${network.refused} refused connects`);
  });
});
