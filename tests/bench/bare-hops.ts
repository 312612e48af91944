import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { journeyStream, newEvent, OnboardingTaskCompleted } from '@ejp/contracts';
import { openPostgresEventStore } from '@ejp/eventstore';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { benchKafka, benchName, freshTopic, onCleanup } from './infra.ts';
import { timeSequential } from './stats.ts';

// The bare hops a command crosses, each measured alone on the same servers in
// the same run, one operation at a time: the floor the end-to-end latency is
// compared with. Payloads are the size of a real event / read-model document.

const context = { actor: { id: 'bench', kind: 'hr' as const }, correlationId: 'bench', causationId: 'bench' };
const eventData = JSON.stringify({ taskId: 'equipment-ready' });
const eventMetadata = JSON.stringify({ version: 1, occurredAt: new Date().toISOString(), actor: context.actor, correlationId: randomUUID(), causationId: randomUUID() });
/** About the size of a journey-status document (the projector's upsert per event). */
const statusDoc = {
  employeeId: randomUUID(),
  stage: 'onboarding',
  startDate: '2026-01-05',
  tasks: Array.from({ length: 6 }, (_, i) => ({ id: `t${i}`, title: `Task ${i}`, owner: 'hr', required: true, dueOffsetDays: i, dueDate: '2026-01-10', done: false, completedAt: null })),
  progress: { done: 2, total: 6, requiredDone: 2, requiredTotal: 6 },
  lastAppliedRevision: 0,
};

/** BEGIN; INSERT one event row; COMMIT on a plain table: the bare PostgreSQL append. */
export async function pgInsert(databaseUrl: string, count: number): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE TABLE bench_events (position bigserial PRIMARY KEY, id uuid UNIQUE NOT NULL, stream text NOT NULL,
      revision bigint NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (stream, revision))`);
    const stream = journeyStream(randomUUID());
    let revision = 0;
    return await timeSequential(count, 20, async () => {
      await client.query('BEGIN');
      await client.query('INSERT INTO bench_events (id, stream, revision, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)', [
        randomUUID(), stream, revision++, OnboardingTaskCompleted.type, eventData, eventMetadata,
      ]);
      await client.query('COMMIT');
    });
  } finally {
    await client.end();
  }
}

/** The PostgreSQL adapter's appendToStream of one event (read revision, insert, notify): what a command pays. */
export async function pgAdapterAppend(databaseUrl: string, count: number): Promise<number[]> {
  const store = await openPostgresEventStore({ connectionString: databaseUrl, schema: 'bench_adapter' });
  try {
    const stream = journeyStream(randomUUID());
    return await timeSequential(count, 20, () => store.appendToStream(stream, [newEvent(OnboardingTaskCompleted, { taskId: 't' }, context)]));
  } finally {
    await store.close();
  }
}

/** kafkajs produce (idempotent, acks=all: the relay's settings) until a consumer's eachMessage sees it. */
export async function kafkaRoundTrip(brokers: string, count: number): Promise<number[]> {
  const topic = await freshTopic(brokers, 'bench_hop', 1);
  const kafka = benchKafka(brokers);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  // The consumer runtime's fetch wait (1 s): a fetch returns as soon as a message arrives either way.
  const consumer = kafka.consumer({ groupId: benchName('bench_hop'), maxWaitTimeInMs: 1_000 });
  await Promise.all([producer.connect(), consumer.connect()]);
  const waiting = new Map<string, () => void>();
  let joined!: () => void;
  const groupJoined = new Promise<void>((resolve) => (joined = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  // From the beginning of a fresh topic: with `latest`, a message sent before the member resolved its
  // offset would be skipped and its round trip would never end.
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => waiting.get(String(message.key))?.() });
  await groupJoined;
  try {
    return await timeSequential(count, 20, async () => {
      const key = randomUUID();
      const arrived = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('kafka round trip: no message within 10 s')), 10_000);
        waiting.set(key, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      await producer.send({ topic, acks: -1, messages: [{ key, value: eventData }] });
      await arrived;
      waiting.delete(key);
    });
  } finally {
    await Promise.all([producer.disconnect(), consumer.disconnect()]);
  }
}

/** One updateOne upsert of a status-sized document in the adapter's `{ _id, rev, doc }` shape, revision-guarded. */
export async function mongoUpsert(url: string, database: string, count: number): Promise<number[]> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const collection = client.db(database).collection<{ _id: string; rev?: number; doc?: object }>('bench_hop');
  const ids = Array.from({ length: 12 }, () => randomUUID());
  let rev = 0;
  try {
    return await timeSequential(count, 20, async () => {
      const id = ids[rev % ids.length]!;
      rev++;
      await collection.updateOne({ _id: id, $or: [{ rev: { $lt: rev } }, { rev: { $exists: false } }] }, { $set: { rev, doc: { ...statusDoc, lastAppliedRevision: rev } } }, { upsert: true });
    });
  } finally {
    await client.close();
  }
}

/**
 * SQLite in a temporary directory on the disk standalone's DATA_DIR would use,
 * WAL + synchronous=FULL as both embedded adapters open it:
 * - append: BEGIN IMMEDIATE; INSERT one event row; COMMIT (the event store's write);
 * - read-model insert: one autocommit INSERT of a timeline-sized document (the read store's write).
 */
export async function sqliteHops(count: number): Promise<{ append: number[]; insert: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'ejp-bench-hops-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const open = (file: string) => {
    const db = new DatabaseSync(join(dir, file));
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    return db;
  };
  const events = open('events.db');
  const readModels = open('read-models.db');
  try {
    events.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, stream TEXT NOT NULL, revision INTEGER NOT NULL,
      type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL, UNIQUE (stream, revision))`);
    const insertEvent = events.prepare('INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const stream = journeyStream(randomUUID());
    let revision = 0;
    const append = await timeSequential(count, 20, async () => {
      events.exec('BEGIN IMMEDIATE');
      insertEvent.run(randomUUID(), stream, revision++, OnboardingTaskCompleted.type, eventData, eventMetadata, new Date().toISOString());
      events.exec('COMMIT');
    });
    readModels.exec('CREATE TABLE rm_timeline (id TEXT PRIMARY KEY, rev INTEGER, doc TEXT NOT NULL) STRICT');
    const insertDoc = readModels.prepare('INSERT INTO rm_timeline (id, rev, doc) VALUES (?, NULL, ?) ON CONFLICT (id) DO NOTHING');
    const doc = JSON.stringify(statusDoc);
    const insert = await timeSequential(count, 20, async () => insertDoc.run(randomUUID(), doc));
    return { append, insert };
  } finally {
    events.close();
    readModels.close();
  }
}
