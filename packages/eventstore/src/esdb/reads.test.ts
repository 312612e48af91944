import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, START } from '@eventstore/db-client';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeEsdb } from '../../test/esdb-fake/fake-server.ts';
import { drain } from './reads.ts';

// Regression: a read left early never finishes its gRPC call, and client.dispose() (our close()) then hangs.
const fake = await startFakeEsdb();
afterAll(() => fake.stop());

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms))]);

describe('drain', () => {
  const stream = `reads-${randomUUID()}`;
  const events = Array.from({ length: 3 }, () => ({ id: randomUUID(), contentType: 'application/json' as const, type: 'T', data: {}, metadata: undefined }));

  it('stops visiting when asked, yet reads to the end, so that the client can be disposed', async () => {
    const client = EventStoreDBClient.connectionString(fake.url);
    await client.appendToStream(stream, events);
    const seen: string[] = [];
    const received = await drain(client.readStream(stream, { fromRevision: START }), (resolved) => {
      seen.push(resolved.event!.id);
      return false;
    });
    expect(seen).toEqual([events[0]!.id]);
    expect(received).toBe(3);
    await within(client.dispose(), 2_000);
  });

  it('rethrows a visitor error after the read is done, so that the client can be disposed', async () => {
    const client = EventStoreDBClient.connectionString(fake.url);
    const failure = new Error('bad event');
    await expect(
      drain(client.readStream(stream, { fromRevision: START }), () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    await within(client.dispose(), 2_000);
  });

  it('reads a missing stream as nothing', async () => {
    const client = EventStoreDBClient.connectionString(fake.url);
    expect(await drain(client.readStream(`missing-${randomUUID()}`), () => true)).toBe(0);
    await within(client.dispose(), 2_000);
  });
});
