import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { type JourneyStatus, JourneyStatusReadModel } from '@ejp/contracts/read-models';
import { toKafkaMessage } from '@ejp/messaging';
import { onboardingJourney, toEnvelopes } from '@ejp/projection-kit/testing';
import { openMongoReadStore } from '@ejp/readstore';
import { createTestMongoDb, createTestTopic, findServer, testKafka, uniqueName, urlOf } from '@ejp/testkit';
import { afterAll, describe, expect, it } from 'vitest';

const JOURNEYS_COLLECTION = JourneyStatusReadModel.collection;

const kafka = await findServer('kafka');
const mongo = await findServer('mongo');
const ready = kafka.available && mongo.available;
const topic = ready ? await createTestTopic(urlOf(kafka), 'projector_main') : '';
const mongoDb = ready ? (await createTestMongoDb(urlOf(mongo), 'projector_main')).db : undefined;

/** Starts `node src/main.ts` and resolves with its URL once it logs that it listens. */
async function startProjector(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [new URL('../src/main.ts', import.meta.url).pathname], {
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', AUTH_MODE: 'off', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:[^"]+)".*"msg":"service listening"/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`projector exited with ${code}:\n${output}`)));
  });
  return { child, url };
}

describe.runIf(ready).each(['kafkajs', 'platformatic'])('node services/projector/src/main.ts (Kafka -> MongoDB), KAFKA_CLIENT=%s', (client) => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('projects what arrives on the topic, reports ready, and shuts down cleanly', async () => {
    const prefix = 'main_';
    const started = await startProjector({
      KAFKA_BROKERS: urlOf(kafka),
      KAFKA_CLIENT: client,
      PROJECTOR_TOPIC: topic,
      PROJECTOR_GROUP_ID: uniqueName('projector'),
      READSTORE_BACKEND: 'mongodb',
      READSTORE_URL: urlOf(mongo),
      READSTORE_DATABASE: mongoDb!.databaseName,
      READSTORE_PREFIX: prefix,
    });
    child = started.child;
    const readiness = await fetch(`${started.url}/readyz`);
    expect(readiness.status).toBe(200);
    expect(((await readiness.json()) as { checks: { name: string }[] }).checks.map((c) => c.name)).toEqual(['kafka', 'readstore']);

    const id = randomUUID();
    const producer = testKafka(urlOf(kafka)).producer();
    await producer.connect();
    await producer.send({ topic, messages: toEnvelopes(id, onboardingJourney(id)).map(toKafkaMessage) });
    await producer.disconnect();

    const store = await openMongoReadStore({ db: mongoDb!, collectionPrefix: prefix });
    await expect
      .poll(async () => (await store.get<JourneyStatus>(JOURNEYS_COLLECTION, id))?.doc.lastAppliedRevision, { timeout: 30_000, interval: 200 })
      .toBe(9);
    expect((await store.get<JourneyStatus>(JOURNEYS_COLLECTION, id))!.doc.stage).toBe('in-role');
    await store.close();

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    child = undefined;
  }, 60_000);
});
