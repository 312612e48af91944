import { openKafkaClient } from '@ejp/messaging';
import { createTestDatabase, createTestMongoDb, createTestTopic, findServer, uniqueName, urlOf } from '@ejp/testkit';
import { afterAll } from 'vitest';

const postgres = await findServer('postgres');
const kafka = await findServer('kafka');
const mongo = await findServer('mongo');

/** PostgreSQL, Kafka and a MongoDB-wire server all answer (under REQUIRE_INFRA=1 a missing one fails the file). */
export const infraAvailable = postgres.available && kafka.available && mongo.available;
export const mongoUrl = (): string => urlOf(mongo);

/**
 * A fresh topic, read database and event-store database for one test file.
 * Call it at the file's top level, not inside a test: testkit registers each
 * resource's cleanup with afterAll when it creates it, and vitest runs only
 * hooks registered while the file is collected.
 */
export async function createE2eInfra(prefix: string) {
  const brokers = urlOf(kafka);
  const topic = await createTestTopic(brokers, `${prefix}_journey`);
  // The relay adds `<topic>.dlq`; testkit deletes only the topic it created.
  afterAll(async () => {
    const admin = openKafkaClient({ brokers, clientId: uniqueName('e2e_cleanup'), quiet: true }).admin();
    await admin.connect();
    await admin.deleteTopics([`${topic}.dlq`]).catch(() => undefined);
    await admin.disconnect();
  });
  const { db } = await createTestMongoDb(urlOf(mongo), `${prefix}_read`);
  return { brokers, topic, mongoDatabase: db.databaseName, databaseUrl: await createTestDatabase(urlOf(postgres), `${prefix}_events`) };
}
