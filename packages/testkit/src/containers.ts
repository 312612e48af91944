import type { ServerKind } from './servers.ts';

/**
 * Testcontainers fallback for developers who have Docker. Loaded lazily so
 * that machines without Docker never pay for importing it.
 */
const images = {
  postgres: 'postgres:17-alpine',
  kafka: 'confluentinc/cp-kafka:7.9.0',
  mongo: 'mongo:8.0',
  eventstore: 'docker.eventstore.com/eventstore/eventstoredb-ee:24.10',
} as const;

export async function dockerAnswers(): Promise<boolean> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export async function startContainer(
  kind: ServerKind,
): Promise<{ url: string; stop: () => Promise<void> } | undefined> {
  if (!(await dockerAnswers())) return undefined;
  switch (kind) {
    case 'postgres': {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const c = await new PostgreSqlContainer(images.postgres).start();
      return { url: c.getConnectionUri(), stop: async () => void (await c.stop()) };
    }
    case 'kafka': {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const c = await new KafkaContainer(images.kafka).withKraft().start();
      return { url: `${c.getHost()}:${c.getMappedPort(9093)}`, stop: async () => void (await c.stop()) };
    }
    case 'mongo': {
      const { MongoDBContainer } = await import('@testcontainers/mongodb');
      const c = await new MongoDBContainer(images.mongo).start();
      return { url: c.getConnectionString(), stop: async () => void (await c.stop()) };
    }
    case 'eventstore': {
      const { GenericContainer, Wait } = await import('testcontainers');
      const c = await new GenericContainer(images.eventstore)
        .withEnvironment({ EVENTSTORE_INSECURE: 'true', EVENTSTORE_MEM_DB: 'true', EVENTSTORE_RUN_PROJECTIONS: 'None' })
        .withExposedPorts(2113)
        .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
        .start();
      return { url: `esdb://${c.getHost()}:${c.getMappedPort(2113)}?tls=false`, stop: async () => void (await c.stop()) };
    }
  }
}
