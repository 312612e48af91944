import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogueJsonSchemas, EmployeeHired, journeyStream, newEvent } from '@ejp/contracts';
import { openPostgresEventStore, openSqliteEventStore, PostgresCheckpointStore } from '@ejp/eventstore';
import { asyncApiDocument, PostgresLeaseStore, SqliteLeaseStore } from '@ejp/messaging';
import { ConfigError, loadConfig, type ProcessControl, type RunningService, runService } from '@ejp/service-kit';
import { createTestDatabase, findServer, testKafka, uniqueName, urlOf } from '@ejp/testkit';
import type { KafkaMessage } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRelayApp, type RelayConfig, relayConfigSchema } from '../src/index.ts';

const kafkaServer = await findServer('kafka');
const postgres = await findServer('postgres');
const dir = mkdtempSync(join(tmpdir(), 'ejp-relay-service-'));
const topics: string[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!kafkaServer.available || topics.length === 0) return;
  const admin = testKafka(urlOf(kafkaServer)).admin();
  await admin.connect();
  await admin.deleteTopics({ topics: topics.flatMap((t) => [t, `${t}.dlq`]) }).catch(() => undefined);
  await admin.disconnect();
});

/** The first `count` messages of a topic, read from the beginning by a throw-away group. */
async function readMessages(brokers: string, topic: string, count: number): Promise<KafkaMessage[]> {
  const consumer = testKafka(brokers).consumer({ groupId: uniqueName('relay_service_reader'), maxWaitTimeInMs: 100 });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run({ eachMessage: async ({ message }) => void (messages.push(message) >= count && resolve()) });
  });
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  await consumer.disconnect();
  return messages;
}

/** A process that records exit codes instead of exiting. */
const fakeProcess = (): ProcessControl & { exits: number[] } => {
  const exits: number[] = [];
  return { exits, on: () => undefined, exit: (code) => void exits.push(code) };
};

const hire = (employeeId: string) =>
  newEvent(
    EmployeeHired,
    { employeeId, email: 'x@example.com', department: 'Ops', role: 'SRE', level: 'L2', managerId: null, location: 'Oslo', startDate: '2025-02-03', givenName: 'X', familyName: 'Y' },
    { actor: { id: 'hr', kind: 'hr' }, correlationId: 'c', causationId: 'k' },
  );

interface Status {
  state: string;
  published: number;
  instanceId: string;
  leaseHolder: string | null;
}
const statusOf = async (url: string) => (await (await fetch(`${url}/relay/status`)).json()) as Status;

async function start(env: Record<string, string>): Promise<{ service: RunningService<RelayConfig>; proc: ReturnType<typeof fakeProcess> }> {
  const proc = fakeProcess();
  const service = await runService({
    name: 'relay',
    configSchema: relayConfigSchema,
    build: buildRelayApp,
    env: { PORT: '0', HOST: '127.0.0.1', AUTH_MODE: 'off', LOG_LEVEL: 'silent', RELAY_LEASE_TTL_MS: '2000', RELAY_LEASE_RENEW_MS: '500', ...env },
    process: proc,
  });
  return { service, proc };
}

describe('relay configuration', () => {
  it('names every bad variable', () => {
    const parse = () =>
      relayConfigSchema.parse({ AUTH_MODE: 'off', EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: 'data/x.db', RELAY_LEASE_TTL_MS: '2000', RELAY_LEASE_RENEW_MS: '1500' });
    expect(parse).toThrow(/KAFKA_BROKERS/);
    expect(parse).toThrow(/EVENTSTORE_URL/);
    expect(parse).toThrow(/RELAY_LEASE_RENEW_MS/);
    expect(() => relayConfigSchema.parse({ AUTH_MODE: 'off', KAFKA_BROKERS: 'k:9092', EVENTSTORE_BACKEND: 'esdb' })).toThrow(/RELAY_STATE_URL/);
  });

  it('picks the Kafka client by KAFKA_CLIENT (default kafkajs) and names the variable when it is not one it has', () => {
    const ok = { AUTH_MODE: 'off', KAFKA_BROKERS: 'k:9092', EVENTSTORE_URL: 'data/x.db' };
    expect(loadConfig(relayConfigSchema, ok).KAFKA_CLIENT).toBe('kafkajs');
    expect(loadConfig(relayConfigSchema, { ...ok, KAFKA_CLIENT: 'platformatic' }).KAFKA_CLIENT).toBe('platformatic');
    expect(() => loadConfig(relayConfigSchema, { ...ok, KAFKA_CLIENT: 'rdkafka' })).toThrow(ConfigError);
    expect(() => loadConfig(relayConfigSchema, { ...ok, KAFKA_CLIENT: 'rdkafka' })).toThrow(/KAFKA_CLIENT: .*kafkajs.*platformatic/);
  });

  it('keeps its state next to the events unless RELAY_STATE_URL says otherwise, which must be a file or postgres://', () => {
    const ok = { AUTH_MODE: 'off', KAFKA_BROKERS: 'k:9092', EVENTSTORE_BACKEND: 'esdb', EVENTSTORE_URL: 'esdb://es:2113' };
    expect(() => loadConfig(relayConfigSchema, { ...ok, RELAY_STATE_URL: 'postgres://db/ejp' })).not.toThrow();
    expect(() => loadConfig(relayConfigSchema, { ...ok, RELAY_STATE_URL: 'esdb://es:2113' })).toThrow(/RELAY_STATE_URL: must be a SQLite file path or a postgres:\/\/ URL/);
    expect(() => loadConfig(relayConfigSchema, { ...ok, EVENTSTORE_URL: undefined })).toThrow(/EVENTSTORE_URL: is required when EVENTSTORE_BACKEND=esdb/);
  });

  it('fails start-up with a ConfigError before touching anything', async () => {
    await expect(start({ KAFKA_BROKERS: 'not a list' })).rejects.toThrow(ConfigError);
  });
});

describe.runIf(kafkaServer.available)('relay service', () => {
  const brokers = kafkaServer.available ? urlOf(kafkaServer) : '';

  it('serves /readyz and /asyncapi.json, publishes appended events, and flushes and releases its lease on shutdown (sqlite)', async () => {
    const topic = uniqueName('relay_service');
    topics.push(topic);
    const path = join(dir, `${topic}.db`);
    const { service, proc } = await start({
      EVENTSTORE_URL: path, KAFKA_BROKERS: brokers, RELAY_TOPIC: topic, RELAY_TOPIC_PARTITIONS: '2', RELAY_INSTANCE_ID: 'pod-1', RELAY_PUBLIC_URL: 'http://relay.test:3000',
    });
    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: [{ name: 'eventstore', status: 'up' }, { name: 'kafka', status: 'up' }] });
    const asyncapi = await (await fetch(`${service.url}/asyncapi.json`)).json();
    expect(asyncapi).toEqual(asyncApiDocument({ topic, partitions: 2 }));

    // A command service appends through its own connection to the same file.
    const writer = await openSqliteEventStore({ path });
    const employeeId = crypto.randomUUID();
    await writer.appendToStream(journeyStream(employeeId), [hire(employeeId)]);
    await writer.close();
    await expect.poll(async () => (await statusOf(service.url)).published, { timeout: 10_000 }).toBe(1);
    expect(await statusOf(service.url)).toMatchObject({ state: 'publishing', instanceId: 'pod-1', leaseHolder: 'pod-1', topic });
    // The CloudEvent names its schema under RELAY_PUBLIC_URL, and this relay serves that very file.
    const [message] = await readMessages(brokers, topic, 1);
    const dataschema = message!.headers!.ce_dataschema!.toString();
    expect(dataschema).toBe('http://relay.test:3000/schemas/events/journey.employee.hired.v2.json');
    const served = await fetch(`${service.url}${new URL(dataschema).pathname}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toContain('application/schema+json');
    expect(await served.json()).toEqual(catalogueJsonSchemas().find((s) => s.type === EmployeeHired.type && s.version === 2)!.schema);
    expect((await fetch(`${service.url}/schemas/events/journey.employee.hired.v9.json`)).status).toBe(404);

    await service.shutdown('test');
    expect(proc.exits).toEqual([0]); // every resource closed cleanly
    const leases = new SqliteLeaseStore({ path });
    expect(await leases.holder(`relay:${topic}`)).toBeUndefined(); // released, not left to expire
    await leases.close();
    const admin = testKafka(brokers).admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    expect(offsets.reduce((n, p) => n + Number(p.high), 0)).toBe(1);
  });

  it.runIf(postgres.available)('reads a PostgreSQL event store and keeps checkpoint and lease in its database', async () => {
    const url = await createTestDatabase(urlOf(postgres), 'relay_service');
    const topic = uniqueName('relay_service_pg');
    topics.push(topic);
    const writer = await openPostgresEventStore({ connectionString: url });
    const employeeId = crypto.randomUUID();
    await writer.appendToStream(journeyStream(employeeId), [hire(employeeId)]);
    const { service } = await start({ EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: url, KAFKA_BROKERS: brokers, RELAY_TOPIC: topic, RELAY_INSTANCE_ID: 'pod-pg' });
    await expect.poll(async () => (await statusOf(service.url)).published, { timeout: 10_000 }).toBe(1);
    // Another connection to the same database sees the lease row of the running relay...
    const leases = new PostgresLeaseStore({ connectionString: url });
    expect((await leases.holder(`relay:${topic}`))?.owner).toBe('pod-pg');
    await service.shutdown('test');
    // ...released on shutdown, and the checkpoint at the last event.
    expect(await leases.holder(`relay:${topic}`)).toBeUndefined();
    await leases.close();
    const checkpoints = await PostgresCheckpointStore.open({ connectionString: url });
    expect(await checkpoints.load(`relay:${topic}`)).toBe((await writer.readAll()).at(-1)!.position);
    await checkpoints.close();
    await writer.close();
  });
});
