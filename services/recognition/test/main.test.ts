import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeConfig, loadConfig } from '@ejp/service-kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recognitionConfigSchema } from '../src/config.ts';
import { startRecognition } from '../src/main.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('config', () => {
  it('defaults to UTC, the organisation "default" and the embedded store', () => {
    expect(loadConfig(recognitionConfigSchema, { AUTH_MODE: 'off' })).toMatchObject({ ORG_TIMEZONE: 'UTC', ORG_ID: 'default', EVENTSTORE_BACKEND: 'sqlite' });
  });

  it('names a bad time zone or organisation id, alongside the event store’s own problems', () => {
    expect(() => loadConfig(recognitionConfigSchema, { AUTH_MODE: 'off', ORG_TIMEZONE: 'Mars/Olympus' })).toThrow(/ORG_TIMEZONE: must be an IANA time zone/);
    expect(() => loadConfig(recognitionConfigSchema, { AUTH_MODE: 'off', ORG_ID: 'Acme Corp', EVENTSTORE_BACKEND: 'postgres' })).toThrow(/ORG_ID[\s\S]*EVENTSTORE_URL: is required|EVENTSTORE_URL: is required[\s\S]*ORG_ID/);
  });

  it('describes every variable (for the README table)', () => {
    const names = describeConfig(recognitionConfigSchema).map((row) => row.name);
    expect(names).toEqual(expect.arrayContaining(['ORG_TIMEZONE', 'ORG_ID', 'EVENTSTORE_BACKEND', 'EVENTSTORE_URL', 'KEYSTORE_BACKEND', 'PORT']));
  });
});

describe('main', () => {
  it('serves the routes on the embedded store at EVENTSTORE_URL, documents them, and shuts down cleanly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ejp-recognition-main-'));
    dirs.push(dir);
    const exit = vi.fn();
    const service = await startRecognition({
      env: { AUTH_MODE: 'off', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', EVENTSTORE_URL: join(dir, 'events.db'), ORG_TIMEZONE: 'Europe/Berlin', ORG_ID: 'acme' },
      process: { on: () => undefined, exit },
    });
    try {
      const added = await fetch(`${service.url}/organisation/values`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ valueId: 'ownership', name: 'Ownership' }),
      });
      expect(added.status).toBe(201);
      expect(((await added.json()) as { organisationId: string }).organisationId).toBe('acme');
      expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
      const docs = (await (await fetch(`${service.url}/docs/json`)).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
      const operations = Object.values(docs.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));
      expect(operations).toEqual(
        expect.arrayContaining([
          'giveRecognition',
          'giveShoutOut',
          'withdrawRecognition',
          'grantAllowanceBoost',
          'reactToRecognition',
          'addCompanyValue',
          'renameCompanyValue',
          'retireCompanyValue',
          'setRecognitionAllowance',
          'setWithdrawWindow',
          'getOrganisationSettings',
        ]),
      );
    } finally {
      await service.shutdown('test');
    }
    expect(exit).toHaveBeenCalledWith(0);
  });
});
