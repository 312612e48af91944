import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
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

// The rules themselves are tested with the fragments in @ejp/eventstore (src/open/config.test.ts);
// these check that onboarding composes them and reports through the kit's loader.
describe('config', () => {
  it('defaults to the embedded SQLite store, keys in the same file', () => {
    const config = loadConfig(onboardingConfigSchema, { AUTH_MODE: 'off' });
    expect(config).toMatchObject({ EVENTSTORE_BACKEND: 'sqlite', EVENTSTORE_SCHEMA: 'eventstore' });
    expect(config.EVENTSTORE_URL).toBeUndefined();
    expect(config.KEYSTORE_BACKEND).toBeUndefined();
  });

  it('names the missing variable for postgres and esdb', () => {
    expect(() => loadConfig(onboardingConfigSchema, { AUTH_MODE: 'off', EVENTSTORE_BACKEND: 'postgres' })).toThrow(/EVENTSTORE_URL: is required/);
    expect(() => loadConfig(onboardingConfigSchema, { AUTH_MODE: 'off', EVENTSTORE_BACKEND: 'esdb' })).toThrow(/EVENTSTORE_URL: is required when EVENTSTORE_BACKEND=esdb/);
  });

  it('keys default to the postgres event store database, else to SQLite; a postgres key store needs a URL', () => {
    const master = { KEYSTORE_MASTER_KEY: Buffer.alloc(32, 1).toString('base64') };
    expect(() => loadConfig(onboardingConfigSchema, { AUTH_MODE: 'off', EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: 'postgres://u:p@db:5432/ejp', ...master })).not.toThrow();
    // The key store holds data keys only wrapped by a master key, which a server key store cannot default.
    expect(() => loadConfig(onboardingConfigSchema, { AUTH_MODE: 'off', EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: 'postgres://u:p@db:5432/ejp' })).toThrow(
      /KEYSTORE_MASTER_KEY: is required/,
    );
    expect(() => loadConfig(onboardingConfigSchema, { AUTH_MODE: 'off', EVENTSTORE_BACKEND: 'esdb', EVENTSTORE_URL: 'esdb://es:2113' })).not.toThrow();
    expect(() =>
      loadConfig(onboardingConfigSchema, { AUTH_MODE: 'off', EVENTSTORE_BACKEND: 'esdb', EVENTSTORE_URL: 'esdb://es:2113', KEYSTORE_BACKEND: 'postgres' }),
    ).toThrow(/KEYSTORE_URL: is required/);
  });

  it('rejects an unknown backend, naming the variable, alongside the kit\'s own problems', () => {
    expect(() => loadConfig(onboardingConfigSchema, { AUTH_MODE: 'off', EVENTSTORE_BACKEND: 'mongodb' })).toThrow(/EVENTSTORE_BACKEND/);
    expect(() => loadConfig(onboardingConfigSchema, { AUTH_MODE: 'hs256', EVENTSTORE_URL: 'postgres://db/ejp' })).toThrow(
      /AUTH_HS256_SECRET: is required[\s\S]*EVENTSTORE_URL: must be a file path when EVENTSTORE_BACKEND=sqlite/,
    );
  });

  it('describes every variable (for the README table)', () => {
    const names = describeConfig(onboardingConfigSchema).map((row) => row.name);
    expect(names).toEqual(expect.arrayContaining(['EVENTSTORE_BACKEND', 'EVENTSTORE_URL', 'EVENTSTORE_SCHEMA', 'KEYSTORE_BACKEND', 'KEYSTORE_URL', 'PORT']));
    expect(names).not.toContain('DATA_DIR');
  });
});

describe('main', () => {
  it('serves the routes on the embedded store at EVENTSTORE_URL, documents them, and shuts down cleanly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ejp-onboarding-main-'));
    dirs.push(dir);
    const exit = vi.fn();
    const file = join(dir, 'nested', 'events.db');
    const service = await startOnboarding({
      env: { AUTH_MODE: 'off', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', EVENTSTORE_URL: file },
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
    // Events and their keys in that one file.
    const db = new DatabaseSync(file);
    const counts = db.prepare('SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM keys) AS keys').get() as { events: number; keys: number };
    expect(counts.events).toBeGreaterThan(0);
    expect(counts.keys).toBe(1);
    db.close();
  });
});

// EventStoreDB: runs where a server exists (EVENTSTORE_URL or Docker); none can be installed on CI machines.
const esdb = await findServer('eventstore');

describe.runIf(esdb.available)('main on EventStoreDB', () => {
  it('serves commands with EVENTSTORE_BACKEND=esdb', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ejp-onboarding-esdb-'));
    dirs.push(dir);
    const service = await startOnboarding({
      env: { AUTH_MODE: 'off', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', EVENTSTORE_BACKEND: 'esdb', EVENTSTORE_URL: urlOf(esdb), KEYSTORE_BACKEND: 'sqlite', KEYSTORE_URL: join(dir, 'keys.db') },
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
