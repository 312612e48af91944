// Does kafkajs (the project's Kafka client) work against the local broker?
// Used to choose EJP_KAFKA_VERSION; keep it for checking a new Kafka release.
//
//   node infra/local/check-kafkajs.mjs [brokers]     (default: $KAFKA_BROKERS or 127.0.0.1:19092)
//
// Run it from the repository so that `kafkajs` resolves from node_modules.
// It exercises what the platform uses: admin createTopics / fetchTopicMetadata
// / fetchTopicOffsets / fetchOffsets / deleteTopics, an idempotent keyed
// producer, and a consumer group that commits offsets, is stopped, and
// resumes from the committed position; plus what it may use: auto-created
// topics, transactions with a read_committed consumer, listGroups,
// describeConfigs, createPartitions. Exits non-zero on the first failure,
// printing the step and the error.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import kafkajs from 'kafkajs';

// kafkajs is CommonJS; its default export is the whole module object (not
// every name is visible as an ESM named export, e.g. ConfigResourceTypes).
const { Kafka, logLevel, CompressionTypes, ConfigResourceTypes } = kafkajs;

const require = createRequire(import.meta.url);
const kafkajsVersion = require('kafkajs/package.json').version;
const brokers = (process.argv[2] ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const run = randomUUID().slice(0, 8);
const topic = `check-kafkajs-${run}`;
const groupId = `check-kafkajs-group-${run}`;
const PARTITIONS = 3;
let admin; // kafka.admin(), connected in main()

// Collect kafkajs' own error logs: a protocol mismatch often shows up there
// first. At debug level (CHECK_KAFKAJS_VERSIONS=1) also note which protocol
// API versions kafkajs negotiated with this broker.
const logged = [];
const apiVersionsUsed = new Set();
const debug = process.env.CHECK_KAFKAJS_VERSIONS === '1';
const kafka = new Kafka({
  clientId: 'ejp-check-kafkajs',
  brokers,
  connectionTimeout: 3000,
  requestTimeout: 10000,
  retry: { retries: 3 },
  logLevel: debug ? logLevel.DEBUG : logLevel.ERROR,
  logCreator:
    () =>
    ({ namespace, level, label, log }) => {
      const req = /^Request (\w+\(key: \d+, version: \d+\))/.exec(log.message);
      if (req) apiVersionsUsed.add(req[1]);
      if (level > logLevel.ERROR) return;
      logged.push(`${label} [${namespace}] ${log.message}${log.error ? ` (${log.error})` : ''}`);
    },
});

let step = 'start';
const ok = (msg) => console.log(`ok   ${msg}`);
const watchdog = setTimeout(() => fail(new Error('timed out after 90 s')), 90_000);

function fail(err) {
  console.error(`FAIL ${step}: ${err?.name ?? 'Error'}: ${err?.message ?? err}`);
  if (err?.type) console.error(`     kafka error type: ${err.type}, code ${err.code}`);
  if (logged.length) console.error(`     kafkajs log:\n       ${logged.slice(-10).join('\n       ')}`);
  process.exit(1);
}

/** Consume with the group until `want` messages arrived; commit; disconnect. */
async function consumeGroup(want, label) {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 1000 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const got = [];
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label}: got ${got.length}/${want} messages in 30 s`)), 30_000);
    consumer
      .run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          got.push({ partition, key: message.key.toString(), value: message.value.toString() });
          // Explicit commit of the next offset, as the projector does after its write.
          await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
          if (got.length >= want) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return got;
}

/** Two members of one group share the partitions; when one leaves, the other takes all. */
async function rebalance() {
  const rgroup = `${groupId}-rebalance`;
  const assigned = new Map(); // memberName -> partitions after its latest join
  const members = ['a', 'b'].map((name) => {
    const c = kafka.consumer({ groupId: rgroup, sessionTimeout: 10000, heartbeatInterval: 500 });
    c.on(c.events.GROUP_JOIN, (e) => assigned.set(name, e.payload.memberAssignment[topic] ?? []));
    return c;
  });
  const until = async (what, cond) => {
    const deadline = Date.now() + 30_000;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`${what}: assignments ${JSON.stringify([...assigned])}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  for (const c of members) {
    await c.connect();
    await c.subscribe({ topic, fromBeginning: false });
    await c.run({ eachMessage: async () => {} });
  }
  await until('both members assigned', () => assigned.get('a')?.length > 0 && assigned.get('b')?.length > 0 && assigned.get('a').length + assigned.get('b').length === PARTITIONS);
  await members[1].disconnect();
  await until('survivor takes all partitions', () => assigned.get('a')?.length === PARTITIONS);
  await members[0].disconnect();
  await admin.deleteGroups([rgroup]).catch(() => {});
}

async function main() {
  admin = kafka.admin();
  step = 'admin.connect';
  await admin.connect();
  const cluster = await admin.describeCluster();
  ok(`connected to ${brokers.join(',')}: ${cluster.brokers.length} broker(s), controller ${cluster.controller}, kafkajs ${kafkajsVersion}`);

  step = 'admin.createTopics';
  const created = await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
  if (!created) throw new Error('createTopics returned false (topic existed?)');
  ok(`createTopics ${topic} (${PARTITIONS} partitions)`);

  step = 'admin.fetchTopicMetadata';
  const meta = await admin.fetchTopicMetadata({ topics: [topic] });
  const parts = meta.topics[0].partitions;
  if (parts.length !== PARTITIONS || parts.some((p) => p.leader < 0)) throw new Error(`bad metadata ${JSON.stringify(meta)}`);
  ok(`fetchTopicMetadata: ${parts.length} partitions with leaders`);

  step = 'admin.listTopics';
  if (!(await admin.listTopics()).includes(topic)) throw new Error('listTopics misses the topic');
  ok('listTopics');

  step = 'producer.send (idempotent, acks=all, keyed)';
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const keys = ['emp-1', 'emp-2', 'emp-3', 'emp-4'];
  const first = keys.flatMap((key) => [1, 2, 3].map((n) => ({ key, value: `${key}:${n}`, headers: { 'ce-type': 'check' } })));
  await producer.send({ topic, acks: -1, messages: first });
  ok(`produced ${first.length} messages`);

  step = 'producer.sendBatch (gzip)';
  await producer.sendBatch({ topicMessages: [{ topic, messages: [{ key: 'emp-1', value: 'emp-1:4' }] }], compression: CompressionTypes.GZIP });
  ok('produced 1 gzip-compressed message');

  step = 'admin.fetchTopicOffsets';
  const offsets = await admin.fetchTopicOffsets(topic);
  const total = offsets.reduce((n, o) => n + Number(o.high) - Number(o.low), 0);
  if (total !== first.length + 1) throw new Error(`high watermarks add up to ${total}, want ${first.length + 1}`);
  ok(`fetchTopicOffsets: ${total} messages in ${offsets.length} partitions`);

  step = 'consumer group: first run';
  const got = await consumeGroup(first.length + 1, 'first run');
  // Order per key must hold (one key, one partition).
  for (const key of keys) {
    const values = got.filter((m) => m.key === key).map((m) => m.value);
    const sorted = [...values].sort();
    if (values.join() !== sorted.join()) throw new Error(`order broken for ${key}: ${values}`);
    if (new Set(got.filter((m) => m.key === key).map((m) => m.partition)).size !== 1) throw new Error(`key ${key} on several partitions`);
  }
  ok(`consumer group ${groupId} consumed ${got.length} messages, per-key order kept, offsets committed`);

  step = 'admin.fetchOffsets (committed)';
  const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committedSum = committed[0].partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
  if (committedSum !== total) throw new Error(`committed offsets add up to ${committedSum}, want ${total}: ${JSON.stringify(committed)}`);
  ok(`fetchOffsets: committed offsets equal the high watermarks`);

  step = 'consumer group: resume from committed offsets';
  await producer.send({ topic, acks: -1, messages: [{ key: 'emp-9', value: 'after-restart' }] });
  const again = await consumeGroup(1, 'second run');
  if (again.length !== 1 || again[0].value !== 'after-restart') throw new Error(`second run re-read old messages: ${JSON.stringify(again)}`);
  ok('second consumer of the group got only the new message');

  step = 'consumer group: rebalance between two members';
  await rebalance();
  ok('two members split the partitions; after one left, the other got them all');

  step = 'admin.describeGroups';
  const groups = await admin.describeGroups([groupId]);
  ok(`describeGroups: ${groupId} is ${groups.groups[0].state}`);

  step = 'admin.listGroups';
  if (!(await admin.listGroups()).groups.some((g) => g.groupId === groupId)) throw new Error('listGroups misses the group');
  ok('listGroups');

  step = 'admin.describeConfigs';
  const cfg = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false });
  if (!cfg.resources[0].configEntries.some((e) => e.configName === 'cleanup.policy')) throw new Error('describeConfigs without cleanup.policy');
  ok('describeConfigs');

  step = 'admin.createPartitions';
  await admin.createPartitions({ topicPartitions: [{ topic, count: PARTITIONS + 1 }] });
  ok('createPartitions');

  step = 'producer.send to an auto-created topic';
  const autoTopic = `${topic}-auto`;
  await producer.send({ topic: autoTopic, messages: [{ key: 'k', value: 'v' }] });
  const autoMeta = await admin.fetchTopicMetadata({ topics: [autoTopic] });
  ok(`auto-created topic with ${autoMeta.topics[0].partitions.length} partitions (num.partitions)`);

  step = 'transactions (commit + abort, read_committed consumer)';
  const txTopic = `${topic}-tx`;
  await admin.createTopics({ topics: [{ topic: txTopic, numPartitions: 1 }], waitForLeaders: true });
  const txProducer = kafka.producer({ transactionalId: `check-kafkajs-tx-${run}`, idempotent: true, maxInFlightRequests: 1 });
  await txProducer.connect();
  const aborted = await txProducer.transaction();
  await aborted.send({ topic: txTopic, messages: [{ key: 'k', value: 'aborted' }] });
  await aborted.abort();
  const committedTx = await txProducer.transaction();
  await committedTx.send({ topic: txTopic, messages: [{ key: 'k', value: 'committed' }] });
  await committedTx.commit();
  await txProducer.disconnect();
  const txConsumer = kafka.consumer({ groupId: `${groupId}-tx`, readUncommitted: false });
  await txConsumer.connect();
  await txConsumer.subscribe({ topic: txTopic, fromBeginning: true });
  const txValues = await new Promise((resolve, reject) => {
    const values = [];
    const timer = setTimeout(() => reject(new Error(`read_committed consumer got ${values} in 30 s`)), 30_000);
    txConsumer.run({
      eachMessage: async ({ message }) => {
        values.push(message.value.toString());
        if (values.includes('committed')) {
          clearTimeout(timer);
          resolve(values);
        }
      },
    });
  });
  await txConsumer.disconnect();
  if (txValues.join() !== 'committed') throw new Error(`read_committed consumer saw ${txValues}`);
  ok('transactional producer: aborted message hidden, committed one delivered');

  step = 'admin.deleteTopics';
  await producer.disconnect();
  await admin.deleteTopics({ topics: [topic, autoTopic, txTopic] });
  await admin.deleteGroups([`${groupId}-tx`]).catch(() => {});
  await admin.deleteGroups([groupId]).catch(() => {});
  await admin.disconnect();
  ok('deleteTopics');

  clearTimeout(watchdog);
  if (logged.length) console.log(`note: kafkajs logged ${logged.length} error line(s):\n  ${logged.join('\n  ')}`);
  if (debug) console.log(`protocol versions used:\n  ${[...apiVersionsUsed].sort().join('\n  ')}`);
  console.log('PASS kafkajs works with this broker');
}

main().catch(fail);
