import { type Db, MongoClient } from 'mongodb';
import { registerCleanup } from './cleanup.ts';
import { uniqueName } from './names.ts';

/** A database unique to this test file on the given MongoDB-wire server, dropped after the file. */
export async function createTestMongoDb(url: string, prefix = 'test'): Promise<{ client: MongoClient; db: Db }> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const db = client.db(uniqueName(prefix));
  registerCleanup(async () => {
    try {
      await db.dropDatabase();
    } finally {
      await client.close();
    }
  });
  return { client, db };
}
