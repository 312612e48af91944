import { createTestMongoDb, findServer, urlOf } from '@ejp/testkit';
import { MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';

// Proves the official mongodb driver works against the MongoDB-wire server
// (FerretDB locally, MongoDB with Docker) the read models will use.
const server = await findServer('mongo');

describe.runIf(server.available)('MongoDB wire smoke', () => {
  it('inserts, finds, rejects a unique-index violation and upserts', async () => {
    const { db } = await createTestMongoDb(urlOf(server), 'smoke');
    const profiles = db.collection<{ employeeId: string; stage: string; revision: number }>('profiles');
    await profiles.createIndex({ employeeId: 1 }, { unique: true });

    await profiles.insertOne({ employeeId: 'e-1', stage: 'onboarding', revision: 1 });
    expect(await profiles.findOne({ employeeId: 'e-1' }, { projection: { _id: 0 } })).toEqual({
      employeeId: 'e-1',
      stage: 'onboarding',
      revision: 1,
    });

    const duplicate = profiles.insertOne({ employeeId: 'e-1', stage: 'in-role', revision: 2 });
    await expect(duplicate).rejects.toBeInstanceOf(MongoServerError);
    await expect(duplicate).rejects.toMatchObject({ code: 11000 });

    const upsert = await profiles.updateOne(
      { employeeId: 'e-2' },
      { $set: { stage: 'pre-boarding', revision: 0 } },
      { upsert: true },
    );
    expect(upsert.upsertedCount).toBe(1);
    await profiles.updateOne({ employeeId: 'e-1' }, { $set: { stage: 'in-role', revision: 2 } }, { upsert: true });
    const all = await profiles.find({}, { projection: { _id: 0 } }).sort({ employeeId: 1 }).toArray();
    expect(all).toEqual([
      { employeeId: 'e-1', stage: 'in-role', revision: 2 },
      { employeeId: 'e-2', stage: 'pre-boarding', revision: 0 },
    ]);
  });
});
