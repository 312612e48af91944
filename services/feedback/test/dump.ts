import { DatabaseSync } from 'node:sqlite';
import { SqliteCheckpointStore } from '@ejp/eventstore';
import { headersAsStrings, openKafkaClient, Relay, SqliteLeaseStore } from '@ejp/messaging';
import { testKafka, uniqueName } from '@ejp/testkit';
import pg from 'pg';

/** A stored row or message as text, with where it came from. */
export interface DumpedRow {
  where: string;
  text: string;
}

const text = (row: Record<string, unknown>) =>
  JSON.stringify(row, (_, value) => (value instanceof Uint8Array ? Buffer.from(value).toString('hex') : typeof value === 'bigint' ? value.toString() : value));

/** Every row of every table of a SQLite file. */
export function dumpSqlite(path: string): DumpedRow[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return tables.flatMap(({ name }) => (db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]).map((row) => ({ where: `${path}:${name}`, text: text(row) })));
  } finally {
    db.close();
  }
}

/** Every row of every table of a PostgreSQL database (every schema but the system's). */
export async function dumpPostgres(url: string): Promise<DumpedRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ s: string; t: string }>(
      "SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')",
    );
    const out: DumpedRow[] = [];
    for (const { s, t } of tables) {
      const { rows } = await client.query(`SELECT * FROM "${s}"."${t}"`);
      out.push(...rows.map((row) => ({ where: `${s}.${t}`, text: text(row) })));
    }
    return out;
  } finally {
    await client.end();
  }
}

export interface KafkaDump {
  rows: DumpedRow[];
  messages: { key: string; headers: Record<string, string>; value: string; timestamp: string }[];
}

/** Relays the raw store to a topic and reads every message back (key, headers, value, timestamp). */
export async function relayAndConsume(options: { store: ConstructorParameters<typeof Relay>[0]['store']; file: string; brokers: string; topic: string; expected: number }): Promise<KafkaDump> {
  const { brokers, topic } = options;
  const checkpoints = new SqliteCheckpointStore({ path: options.file });
  const leases = new SqliteLeaseStore({ path: options.file });
  const relay = new Relay({ store: options.store, checkpoints, leases, kafka: openKafkaClient({ brokers, clientId: uniqueName('dump'), quiet: true }), topic, relayId: topic, lease: { ttlMs: 1_500, renewEveryMs: 300 }, fenceMarginMs: 300 });
  await relay.start();
  const consumer = testKafka(brokers).consumer({ groupId: uniqueName('anonymity-audit'), maxWaitTimeInMs: 100 });
  const messages: KafkaDump['messages'] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 20_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          messages.push({ key: message.key?.toString() ?? '', headers: headersAsStrings(message.headers ?? {}), value: message.value?.toString() ?? '', timestamp: message.timestamp });
          if (messages.length >= options.expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
    await relay.stop();
    await checkpoints.close();
    await leases.close();
  }
  return { messages, rows: messages.map((m) => ({ where: `kafka:${topic}`, text: JSON.stringify(m) })) };
}
