import { randomBytes } from 'node:crypto';
import { type ServiceProcess, startService } from './service-process.ts';

/** The master key that wraps the crypto-shredding keys: every service of one deployment shares it (a Secret in k8s). */
export const TEST_MASTER_KEY = randomBytes(32).toString('base64');

/** Where the distributed deployment keeps its state: one fresh set per test file or benchmark run. */
export interface DistributedInfra {
  /** A fresh PostgreSQL database: event store, key store, relay checkpoint and lease. */
  databaseUrl: string;
  kafkaBrokers: string;
  /** A topic of this run, created beforehand (the relay adds its .dlq): the projector subscribes in parallel with the relay start. */
  topic: string;
  groupId: string;
  mongoUrl: string;
  mongoDatabase: string;
  /** AUTH_MODE=hs256 with this secret on every service. */
  authSecret: string;
  /** Extra variables for the journey API (READ_WAIT_*). */
  journeyApiEnv?: Record<string, string>;
  /** Extra variables for the relay (RELAY_BATCH_SIZE...). */
  relayEnv?: Record<string, string>;
  /** Extra variables for the projector (METRICS_PORT...). */
  projectorEnv?: Record<string, string>;
  /** Extra variables for every service (OTEL_*...). */
  env?: Record<string, string>;
}

export interface Distributed {
  onboarding: ServiceProcess;
  relay: ServiceProcess;
  projector: ServiceProcess;
  journeyApi: ServiceProcess;
  /** SIGTERM to every process, newest first, in parallel; the exit codes by service. */
  stopAll: () => Promise<Record<string, number | null>>;
}

/**
 * The four services of the distributed shape, each its own process. The
 * onboarding service starts first: it creates the event-store schema that the
 * relay then reads (two processes creating it at once would race on the DDL).
 */
/** KAFKA_CLIENT of the run (e.g. `KAFKA_CLIENT=platformatic npx vitest run tests/e2e`) goes to the relay and the projector. */
const kafkaClientEnv: Record<string, string> = process.env.KAFKA_CLIENT ? { KAFKA_CLIENT: process.env.KAFKA_CLIENT } : {};

export async function startDistributed(infra: DistributedInfra): Promise<Distributed> {
  // One token sends every request of a run (the benchmark's load included): far more than a person would.
  const auth = { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: infra.authSecret, RATE_LIMIT_MAX: '1000000', ...infra.env };
  const eventStore = { EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: infra.databaseUrl, KEYSTORE_MASTER_KEY: TEST_MASTER_KEY };
  const readStore = { READSTORE_BACKEND: 'mongodb', READSTORE_URL: infra.mongoUrl, READSTORE_DATABASE: infra.mongoDatabase };
  // Onboarding's access check reads the reporting lines the projector writes: the same read store.
  const onboarding = await startService('onboarding', { ...auth, ...eventStore, ...readStore });
  const [relay, projector, journeyApi] = await Promise.all([
    startService('relay', {
      ...auth,
      ...eventStore,
      KAFKA_BROKERS: infra.kafkaBrokers,
      RELAY_TOPIC: infra.topic,
      RELAY_TOPIC_PARTITIONS: '3',
      RELAY_TOPIC_REPLICATION_FACTOR: '1',
      ...kafkaClientEnv,
      ...infra.relayEnv,
    }),
    startService('projector', {
      ...auth,
      ...readStore,
      KAFKA_BROKERS: infra.kafkaBrokers,
      PROJECTOR_TOPIC: infra.topic,
      PROJECTOR_GROUP_ID: infra.groupId,
      ...kafkaClientEnv,
      ...infra.projectorEnv,
    }),
    startService('journey-api', { ...auth, ...readStore, ...infra.journeyApiEnv }),
  ]);
  // /readyz does not wait for the consumer group: a fresh group's join takes seconds
  // (the broker's initial rebalance delay), which would otherwise land in the first read.
  await projector.waitForOutput('consumer: partitions assigned');
  const all = [journeyApi, projector, relay, onboarding];
  return {
    onboarding,
    relay,
    projector,
    journeyApi,
    stopAll: async () => {
      const codes = await Promise.all(all.map((service) => service.stop()));
      return Object.fromEntries(all.map((service, i) => [service.name, codes[i]!]));
    },
  };
}
