// Relay and consumer-runtime throughput through each Kafka adapter (kafkajs, @platformatic/kafka),
// against bare kafkajs, in one run on one broker.
//
//   . .infra/env && node packages/messaging/bench/relay.bench.ts [--events 20000] [--rounds 3] [--write]
//
// --write replaces docs/benchmarks-relay.md with this run's figures.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EmployeeHired, journeyStream, newEvent, OnboardingTaskCompleted } from '@ejp/contracts';
import { openSqliteEventStore, SqliteCheckpointStore } from '@ejp/eventstore';
import { Kafka, logLevel } from 'kafkajs';
import { KAFKA_CLIENTS, type KafkaClientKind, openKafkaClient } from '../src/index.ts';
import { relayItem, relayMessages } from '../src/relay/relay-messages.ts';
import { bareKafkajsConsumer, bareKafkajsProducer, barePlatformaticProducer, type BenchSetup, relayRun, runtimeConsumer } from './relay-paths.ts';

const { values: args } = parseArgs({
  options: { events: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' }, write: { type: 'boolean', default: false } },
});
const EVENTS = Number(args.events);
const ROUNDS = Number(args.rounds);
const BATCH = 500;
const EMPLOYEES = Math.max(1, Math.floor(EVENTS / 20));
const PARTITIONS = 6;
const brokers = process.env.KAFKA_BROKERS;
if (!brokers) throw new Error('KAFKA_BROKERS is not set: run infra/local/up and source .infra/env');

const kafka = new Kafka({ clientId: 'ejp-bench', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const clients = Object.fromEntries(KAFKA_CLIENTS.map((kind) => [kind, openKafkaClient({ client: kind, brokers, clientId: 'ejp-bench', quiet: true })]));
const admin = kafka.admin();
await admin.connect();
const topics: string[] = [];
async function freshTopic(name: string): Promise<string> {
  const topic = `bench_${name}_${Date.now().toString(36)}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
  topics.push(topic, `${topic}.dlq`);
  return topic;
}

// ── The store: EVENTS journey events, 20 per employee, interleaved ───────────
const dir = mkdtempSync(join(tmpdir(), 'ejp-bench-'));
const path = join(dir, 'events.db');
const store = await openSqliteEventStore({ path });
const context = { actor: { id: 'bench', kind: 'system' as const }, correlationId: 'bench', causationId: 'bench' };
const employees = Array.from({ length: EMPLOYEES }, () => crypto.randomUUID());
for (let round = 0; round * EMPLOYEES < EVENTS; round++) {
  for (const employeeId of employees.slice(0, Math.min(EMPLOYEES, EVENTS - round * EMPLOYEES))) {
    const event =
      round === 0
        ? newEvent(EmployeeHired, { employeeId, email: 'e@example.com', department: 'D', role: 'R', level: 'L', managerId: null, location: 'X', startDate: '2025-01-01', givenName: 'G', familyName: 'F' }, context)
        : newEvent(OnboardingTaskCompleted, { taskId: `t${round}` }, context);
    await store.appendToStream(journeyStream(employeeId), [event]);
  }
}
const all = await store.readAll();
// The exact messages the relay sends, prepared up front so the baselines pay for sending only.
const prepared = relayMessages(all.map(relayItem), 'x')[0]!.messages;
const setup: BenchSetup = { kafka, brokers: brokers.split(','), store, path, events: all.length, batch: BATCH, last: all.at(-1)!.position, openCheckpoints: () => new SqliteCheckpointStore({ path }) };

type Path = 'bare' | 'barePlatformatic' | `relay:${KafkaClientKind}` | 'bareConsumer' | `runtime:${KafkaClientKind}`;
const results = new Map<Path, number[]>();
const record = (path: Path, perSecond: number) => results.set(path, [...(results.get(path) ?? []), perSecond]);
let relayed = 0;
const producerPaths: [Path, () => Promise<number>][] = [
  ['bare', async () => bareKafkajsProducer(setup, await freshTopic('bare'), prepared)],
  ['barePlatformatic', async () => barePlatformaticProducer(setup, await freshTopic('bare_platformatic'), prepared)],
  ...KAFKA_CLIENTS.map((kind): [Path, () => Promise<number>] => [`relay:${kind}`, async () => relayRun(setup, clients[kind]!, await freshTopic(`relay_${kind}`), `bench-${relayed++}`)]),
];
try {
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate which path goes first, so a load drift during a round favours none.
    for (let i = 0; i < producerPaths.length; i++) {
      const [path, run] = producerPaths[(i + round) % producerPaths.length]!;
      record(path, await run());
    }
    const topic = topics.at(-2)!; // the last relay's topic: every event once, as published
    const consumerPaths: [Path, () => Promise<number>][] = [
      ['bareConsumer', () => bareKafkajsConsumer(setup, topic)],
      ...KAFKA_CLIENTS.map((kind): [Path, () => Promise<number>] => [`runtime:${kind}`, () => runtimeConsumer(setup, clients[kind]!, topic)]),
    ];
    for (let i = 0; i < consumerPaths.length; i++) {
      const [path, run] = consumerPaths[(i + round) % consumerPaths.length]!;
      record(path, await run());
    }
    console.log(`round ${round + 1}: ${[...results].map(([p, xs]) => `${p} ${xs.at(-1)}/s`).join(', ')}`);
  }
} finally {
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const of = (p: Path) => results.get(p) ?? [];
// Ratios are taken per round (all paths of a round run back to back, under the same load), then the median.
const ratio = (p: Path, base: Path) => `${Math.round(median(of(p).map((x, i) => x / of(base)[i]!)) * 100)}%`;
const row = (label: string, p: Path, base: Path, note = '') => `| ${label} | ${median(of(p))} | ${p === base ? '100%' : `**${ratio(p, base)}**`}${note} |`;
const report = `# Relay and consumer runtime benchmark

\`node packages/messaging/bench/relay.bench.ts --events ${EVENTS} --rounds ${ROUNDS}\` (root: \`npm run bench:relay\`), ${new Date().toISOString().slice(0, 10)},
Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, single local Kafka broker (infra/local), topic of ${PARTITIONS} partitions.
${EVENTS} journey events (CloudEvents binary mode, ~${Math.round(prepared.reduce((n, x) => n + (x.value as Buffer).length, 0) / prepared.length)} B payload + ce_ headers) over ${EMPLOYEES} employees, batches of ${BATCH}.
Rates: median of ${ROUNDS} rounds; ratios: median of the per-round ratios (each round runs every path back to back, in rotated order).
Both adapters of the messaging port (\`KAFKA_CLIENT=kafkajs|platformatic\`) run in the same rounds against the same bare kafkajs baseline.

| path | events/s | ratio to bare kafkajs |
|---|---:|---:|
${row('bare kafkajs producer (idempotent, acks=all, 1 in flight; messages prepared in advance)', 'bare', 'bare')}
${row('bare @platformatic/kafka producer (same settings, same messages as buffers)', 'barePlatformatic', 'bare')}
${KAFKA_CLIENTS.map((k) => row(`relay through ${k}: SQLite catch-up subscription -> CloudEvents mapping -> producer -> checkpoint (<= every 100 ms)`, `relay:${k}`, 'bare', ' (target >= 70%)')).join('\n')}
${row('bare kafkajs consumer (eachBatch, resolve offsets, no decoding)', 'bareConsumer', 'bareConsumer')}
${KAFKA_CLIENTS.map((k) => row(`consumer runtime through ${k}: batch -> CloudEvents + envelope validation -> handler -> commit per chunk`, `runtime:${k}`, 'bareConsumer')).join('\n')}

Side by side, per round: relay through platformatic / through kafkajs **${ratio('relay:platformatic', 'relay:kafkajs')}**;
consumer runtime through platformatic / through kafkajs **${ratio('runtime:platformatic', 'runtime:kafkajs')}**;
bare producers, platformatic / kafkajs **${ratio('barePlatformatic', 'bare')}**.

Per round (events/s, in the table's order):
${of('bare').map((_, i) => `- ${[...results.values()].map((xs) => xs[i]).join(' / ')}`).join('\n')}

Producer paths use the same settings (idempotent, acks from all in-sync replicas, one request in flight) and are
timed from connecting the producer to the broker's acknowledgement of the last event, so a relay's ratio measures
what the relay adds (the lease, reading the store, mapping each event to its CloudEvent headers, the checkpoint
writes) plus the difference between its client and kafkajs. Consumer rates are measured from the first message to
the last, so the group join is excluded. The consumer runtime decodes and validates every message (SDK CloudEvent
+ zod envelope, ~19 µs) where the bare consumer does nothing with it.

The broker and the benchmark share ${cpus().length} vCPUs (and, in this run, other engineers' test suites), hence
the spread between rounds; ratios are per round for that reason.
`;
console.log(`\n${report}`);
if (args.write) {
  writeFileSync(new URL('../../../docs/benchmarks-relay.md', import.meta.url), report);
  console.log('wrote docs/benchmarks-relay.md');
}
