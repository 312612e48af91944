import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOnboarding } from '@ejp/onboarding';
import { describeConfig, loadConfig } from '@ejp/service-kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { growthConfigSchema } from '../src/config.ts';
import { startGrowth } from '../src/main.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('config', () => {
  it('composes the event and key store fragments, naming a bad variable', () => {
    expect(loadConfig(growthConfigSchema, { AUTH_MODE: 'off' })).toMatchObject({ EVENTSTORE_BACKEND: 'sqlite' });
    expect(() => loadConfig(growthConfigSchema, { AUTH_MODE: 'off', EVENTSTORE_BACKEND: 'postgres' })).toThrow(/EVENTSTORE_URL: is required/);
    expect(describeConfig(growthConfigSchema).map((row) => row.name)).toEqual(expect.arrayContaining(['EVENTSTORE_BACKEND', 'KEYSTORE_URL', 'PORT']));
  });
});

describe('main', () => {
  it('serves the growth routes on the store at EVENTSTORE_URL, with every operation in its OpenAPI document', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ejp-growth-main-'));
    dirs.push(dir);
    const env = { AUTH_MODE: 'off', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', EVENTSTORE_URL: join(dir, 'events.db') };
    const process = { on: () => undefined, exit: vi.fn() };
    const json = { 'content-type': 'application/json' };
    const onboarding = await startOnboarding({ env, process });
    const employeeId = '10000000-0000-4000-8000-000000000009';
    const hire = { employeeId, givenName: 'Ada', familyName: 'L', email: 'ada@example.com', department: 'Sales', role: 'AE', level: 'IC3', managerId: null, location: 'Lisbon', startDate: '2026-01-05' };
    expect((await fetch(`${onboarding.url}/employees`, { method: 'POST', headers: json, body: JSON.stringify(hire) })).status).toBe(201);
    await onboarding.shutdown('test');

    const service = await startGrowth({ env, process });
    try {
      const promoted = await fetch(`${service.url}/employees/${employeeId}/position-changes`, { method: 'POST', headers: json, body: JSON.stringify({ kind: 'promotion', effectiveOn: '2026-10-01', level: 'IC4' }) });
      expect(promoted.status).toBe(201);
      const docs = (await (await fetch(`${service.url}/docs/json`)).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
      const operations = Object.values(docs.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
      expect(operations).toEqual(expect.arrayContaining(['setDevelopmentGoal', 'changePosition', 'proposeMentorPairs', 'fillOpening', 'recordExternalCourseCompletion', 'getMentoringRoundState']));
    } finally {
      await service.shutdown('test');
    }
    expect(process.exit).toHaveBeenCalledWith(0);
  });
});
