import { describe, expect, it } from 'vitest';
import { uniqueName } from './names.ts';
import { findServer, MissingInfrastructureError } from './servers.ts';

const noDocker = async () => undefined;

describe('findServer', () => {
  it('takes the server from its environment variable first', async () => {
    const server = await findServer('kafka', { env: { KAFKA_BROKERS: '127.0.0.1:1' }, startContainer: noDocker });
    expect(server).toEqual({ available: true, kind: 'kafka', url: '127.0.0.1:1', source: 'env' });
  });

  it('falls back to a container when Docker answers', async () => {
    const server = await findServer('mongo', {
      env: {},
      startContainer: async () => ({ url: 'mongodb://docker:1', stop: async () => {} }),
    });
    expect(server).toMatchObject({ available: true, url: 'mongodb://docker:1', source: 'container' });
  });

  it('skips with a reason naming the variable when nothing is there', async () => {
    const server = await findServer('postgres', { env: {}, startContainer: noDocker });
    expect(server.available).toBe(false);
    expect(!server.available && server.reason).toContain('DATABASE_URL');
  });

  it('fails instead of skipping under REQUIRE_INFRA=1', async () => {
    await expect(findServer('postgres', { env: { REQUIRE_INFRA: '1' }, startContainer: noDocker })).rejects.toThrow(
      MissingInfrastructureError,
    );
  });

  it('lets EventStoreDB stay missing under REQUIRE_INFRA=1', async () => {
    const server = await findServer('eventstore', { env: { REQUIRE_INFRA: '1' }, startContainer: noDocker });
    expect(server.available).toBe(false);
  });
});

describe('uniqueName', () => {
  it('gives distinct names valid for databases, topics and collections', () => {
    const a = uniqueName('Journey-Timeline');
    const b = uniqueName('Journey-Timeline');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^journey_timeline_[a-z0-9]+$/);
  });
});
