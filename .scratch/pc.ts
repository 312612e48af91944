import { Consumer, MessagesStreamModes, MessagesStreamFallbackModes, Producer, Admin } from '@platformatic/kafka';
const brokers = process.env.KAFKA_BROKERS!.split(',');
const topic = `scratch_pc_${Date.now()}`;
const admin = new Admin({ clientId: 'x', bootstrapBrokers: brokers });
await admin.createTopics({ topics: [topic], partitions: 6, replicas: 1 });
await new Promise((r) => setTimeout(r, 1000));
const producer = new Producer({ clientId: 'x', bootstrapBrokers: brokers });
const N = 20000;
for (let i = 0; i < N; i += 500) await producer.send({ messages: Array.from({ length: 500 }, (_, j) => ({ topic, key: Buffer.from(`k${(i + j) % 1000}`), value: Buffer.alloc(200) })) });
await producer.close();
for (const mode of ['bare', 'commit']) {
  const consumer = new Consumer({ clientId: 'x', bootstrapBrokers: brokers, groupId: `g${mode}${Date.now()}`, autocommit: false, maxWaitTime: Number(process.env.MW ?? 100), ...(process.env.HWM ? { highWaterMark: Number(process.env.HWM) } : {}) });
  const stream = await consumer.consume({ topics: [topic], autocommit: false, mode: MessagesStreamModes.COMMITTED, fallbackMode: MessagesStreamFallbackModes.EARLIEST });
  let seen = 0; let first = 0; let fetches = 0; const times: number[] = [];
  const log: string[] = []; let last = performance.now(); let lastSeen = 0; stream.on('fetch', () => { fetches++; const now = performance.now(); log.push(`${Math.round(now - last)}ms:${seen - lastSeen}`); last = now; lastSeen = seen; });
  await new Promise<void>((resolve) => stream.on('data', (m) => {
    if (seen === 0) first = performance.now();
    if (++seen >= N) resolve();
    if (mode === 'commit' && seen % 500 === 0) { const t = performance.now(); void (m.commit() as Promise<void>).then(() => times.push(performance.now() - t)); }
  }));
  await new Promise((r) => setTimeout(r, 2000));
  console.log('commit ms', times.map((t) => Math.round(t)).join(','));
  console.log(log.slice(0, 30).join(' '));
  console.log(mode, Math.round(N / (performance.now() - first) * 1000), '/s', fetches, 'fetches');
  await stream.close(); await consumer.close(true);
}
await admin.deleteTopics({ topics: [topic] }); await admin.close();
