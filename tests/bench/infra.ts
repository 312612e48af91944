import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import pg from 'pg';

// The benchmark is a plain script, so testkit's helpers (which clean up in
// vitest's afterAll) do not apply: each resource here comes with its own cleanup,
// run by `cleanup()` at the end (also after a failure).

const cleanups: (() => Promise<void>)[] = [];

export function benchName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export async function cleanup(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!().catch((error: unknown) => console.warn('cleanup failed:', error));
}

/** A fresh PostgreSQL database on the server; its URL. Dropped (WITH FORCE) at cleanup. */
export async function freshDatabase(serverUrl: string, prefix: string): Promise<string> {
  const name = benchName(prefix);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`).finally(() => admin.end());
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => c.end());
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function benchKafka(brokers: string): Kafka {
  return new Kafka({ clientId: benchName('ejp_bench'), brokers: brokers.split(','), logLevel: logLevel.NOTHING });
}

/** A fresh topic (and the name of its .dlq, which the relay creates); both deleted at cleanup. */
export async function freshTopic(brokers: string, prefix: string, partitions = 3): Promise<string> {
  const topic = benchName(prefix);
  const admin = benchKafka(brokers).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true }).finally(() => admin.disconnect());
  cleanups.push(async () => {
    const a = benchKafka(brokers).admin();
    await a.connect();
    const existing = new Set(await a.listTopics());
    const ours = [topic, `${topic}.dlq`].filter((t) => existing.has(t));
    await a.deleteTopics({ topics: ours }).finally(() => a.disconnect());
  });
  return topic;
}

/** A fresh database name on the MongoDB-wire server; dropped at cleanup. */
export function freshMongoDatabase(url: string, prefix: string): string {
  const name = benchName(prefix);
  cleanups.push(async () => {
    const client = new MongoClient(url);
    await client.connect();
    await client.db(name).dropDatabase().finally(() => client.close());
  });
  return name;
}

/** Registers any other cleanup (temporary directories, clients). */
export function onCleanup(run: () => Promise<void> | void): void {
  cleanups.push(async () => run());
}
