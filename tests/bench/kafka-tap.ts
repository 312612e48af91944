import { benchKafka, benchName } from './infra.ts';

/**
 * A diagnostic consumer on the relay's topic, in its own group: notes when
 * each event (employee id + stream revision, from the CloudEvents headers)
 * arrives, so the distributed latency splits into "until it is on Kafka" and
 * "from Kafka until visible". It fetches like the projector does, so its
 * arrival time stands for the projector's.
 */
export interface KafkaTap {
  arrivedAt(employeeId: string, revision: number): number | undefined;
  stop(): Promise<void>;
}

export async function startKafkaTap(brokers: string, topic: string): Promise<KafkaTap> {
  const consumer = benchKafka(brokers).consumer({ groupId: benchName('bench_tap'), maxWaitTimeInMs: 1_000 });
  const arrivals = new Map<string, number>();
  let joined!: () => void;
  const groupJoined = new Promise<void>((resolve) => (joined = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const at = performance.now();
      const subject = message.headers?.ce_subject?.toString();
      const revision = message.headers?.ce_streamrevision?.toString();
      if (subject && revision) arrivals.set(`${subject}/${revision}`, at);
    },
  });
  await groupJoined;
  return {
    arrivedAt: (employeeId, revision) => arrivals.get(`${employeeId}/${revision}`),
    stop: () => consumer.disconnect(),
  };
}
