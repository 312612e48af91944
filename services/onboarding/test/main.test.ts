import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeConfig, loadConfig } from '@ejp/service-kit';
import { findServer, urlOf } from '@ejp/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onboardingConfigSchema } from '../src/config.ts';
import { startOnboarding } from '../src/main.ts';
import { hireBody } from './http/support.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('config', () => {
  it('defaults to the embedded SQLite store in DATA_DIR', () => {
    const config = loadConfig(onboardingConfigSchema, { AUTH_MODE: 'off' });
    expect(config).toMatchObject({ EVENTSTORE_BACKEND: 'sqlite', DATA_DIR: 'data' });
  });

  it('names the missing variable for postgres and esdb', () => {
    expect(() => loadConfig(onboardingConfigSchema, { AUTH_MODE: 'off', EVENTSTORE_BACKEND: 'postgres' })).toThrow(/EVENTSTORE_URL: is required/);
    expect(() => loadConfig(onboardingConfigSchema, { AUTH_MODE: 'off', EVENTSTORE_BACKEND: 'esdb' })).toThrow(/EVENTSTORE_URL: is required when EVENTSTORE_BACKEND=esdb/);
  });

  it('keys default to the postgres event store database, else to SQLite; a postgres key store needs a URL', () => {
    expect(() => loadConfig(onboardingConfigSchema, { AUTH_MODE: 'off', EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: 'postgres://u:p@db:5432/ejp' })).not.toThrow();
    expect(() => loadConfig(onboardingConfigSchema, { AUTH_MODE: 'off', EVENTSTORE_BACKEND: 'esdb', EVENTSTORE_URL: 'esdb://es:2113' })).not.toThrow();
    expect(() =>
      loadConfig(onboardingConfigSchema, { AUTH_MODE: 'off', EVENTSTORE_BACKEND: 'esdb', EVENTSTORE_URL: 'esdb://es:2113', KEYSTORE_BACKEND: 'postgres' }),
    ).toThrow(/KEYSTORE_URL/);
  });

  it('rejects an unknown backend, naming the variable', () => {
    expect(() => loadConfig(onboardingConfigSchema, { AUTH_MODE: 'off', EVENTSTORE_BACKEND: 'mongodb' })).toThrow(/EVENTSTORE_BACKEND/);
  });

  it('describes every variable (for the README table)', () => {
    const names = describeConfig(onboardingConfigSchema).map((row) => row.name);
    expect(names).toEqual(expect.arrayContaining(['EVENTSTORE_BACKEND', 'EVENTSTORE_URL', 'DATA_DIR', 'KEYSTORE_BACKEND', 'KEYSTORE_URL', 'PORT']));
  });
});

describe('main', () => {
  it('serves the routes on the embedded store, documents them, and shuts down cleanly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ejp-onboarding-main-'));
    dirs.push(dir);
    const exit = vi.fn();
    const service = await startOnboarding({
      env: { AUTH_MODE: 'off', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: join(dir, 'nested') },
      process: { on: () => undefined, exit },
    });
    try {
      const hired = await fetch(`${service.url}/employees`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(hireBody) });
      expect(hired.status).toBe(201);
      expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
      const docs = (await (await fetch(`${service.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(docs.paths)).toEqual(
        expect.arrayContaining(['/employees', '/employees/{employeeId}/onboarding/tasks/{taskId}/complete', '/employees/{employeeId}/probation']),
      );
    } finally {
      await service.shutdown('test');
    }
    expect(exit).toHaveBeenCalledWith(0);
  });
});

// EventStoreDB: runs where a server exists (EVENTSTORE_URL or Docker); none can be installed on CI machines.
const esdb = await findServer('eventstore');

describe.runIf(esdb.available)('main on EventStoreDB', () => {
  it('serves commands with EVENTSTORE_BACKEND=esdb', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ejp-onboarding-esdb-'));
    dirs.push(dir);
    const service = await startOnboarding({
      env: { AUTH_MODE: 'off', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', EVENTSTORE_BACKEND: 'esdb', EVENTSTORE_URL: urlOf(esdb), KEYSTORE_BACKEND: 'sqlite', DATA_DIR: dir },
      process: { on: () => undefined, exit: vi.fn() },
    });
    try {
      const hired = await fetch(`${service.url}/employees`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...hireBody, employeeId: randomUUID() }),
      });
      expect(hired.status).toBe(201);
      expect(((await hired.json()) as { revision: string }).revision).toBe('1');
      expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    } finally {
      await service.shutdown('test');
    }
  });
});
