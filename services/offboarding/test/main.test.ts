import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isoDay, journeyStream } from '@ejp/contracts';
import { openSqliteEventStore } from '@ejp/eventstore';
import { startOnboarding } from '@ejp/onboarding';
import { describeConfig, loadConfig } from '@ejp/service-kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { offboardingConfigSchema } from '../src/config.ts';
import { startOffboarding } from '../src/main.ts';
import { employeeId, hireBody } from './http/support.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('config', () => {
  it('composes the event and key store fragments and the scheduler interval, naming a bad variable', () => {
    expect(loadConfig(offboardingConfigSchema, { AUTH_MODE: 'off' })).toMatchObject({ EVENTSTORE_BACKEND: 'sqlite', ACCESS_REMOVAL_CHECK_SECONDS: 60 });
    expect(() => loadConfig(offboardingConfigSchema, { AUTH_MODE: 'off', ACCESS_REMOVAL_CHECK_SECONDS: '0' })).toThrow(/ACCESS_REMOVAL_CHECK_SECONDS/);
    expect(() => loadConfig(offboardingConfigSchema, { AUTH_MODE: 'off', EVENTSTORE_BACKEND: 'postgres' })).toThrow(/EVENTSTORE_URL: is required/);
    const names = describeConfig(offboardingConfigSchema).map((row) => row.name);
    expect(names).toEqual(expect.arrayContaining(['EVENTSTORE_BACKEND', 'KEYSTORE_URL', 'ACCESS_REMOVAL_CHECK_SECONDS', 'PORT']));
  });
});

describe('main', () => {
  it('serves the routes on the store at EVENTSTORE_URL, and its scheduler announces a last day that has come', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ejp-offboarding-main-'));
    dirs.push(dir);
    const file = join(dir, 'events.db');
    const env = { AUTH_MODE: 'off', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', EVENTSTORE_URL: file };
    const process = { on: () => undefined, exit: vi.fn() };
    // The hire comes from the onboarding service, on the same file.
    const onboarding = await startOnboarding({ env, process });
    const json = { 'content-type': 'application/json' };
    expect((await fetch(`${onboarding.url}/employees`, { method: 'POST', headers: json, body: JSON.stringify(hireBody) })).status).toBe(201);
    await onboarding.shutdown('test');

    const service = await startOffboarding({ env: { ...env, ACCESS_REMOVAL_CHECK_SECONDS: '1' }, process });
    try {
      // Terminated with today as the last day: the scheduler announces access removal within a check or two.
      const start = { kind: 'termination', voluntary: false, regrettable: false, lastDay: isoDay(new Date()), initiatedBy: 'hr' };
      const started = await fetch(`${service.url}/employees/${employeeId}/offboarding`, { method: 'POST', headers: json, body: JSON.stringify(start) });
      expect(started.status).toBe(201);
      const docs = (await (await fetch(`${service.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/employees/{employeeId}/departure', '/employees/{employeeId}/rehire']));
      const store = await openSqliteEventStore({ path: file });
      try {
        await vi.waitFor(
          async () => expect((await store.readStream(journeyStream(employeeId))).map((event) => event.type)).toContain('journey.offboarding.access-removal-due'),
          { timeout: 10_000, interval: 200 },
        );
      } finally {
        await store.close();
      }
    } finally {
      await service.shutdown('test');
    }
    expect(process.exit).toHaveBeenCalledWith(0);
  });
});
