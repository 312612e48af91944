import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeConfig, loadConfig, signDevToken } from '@ejp/service-kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { servicedeskConfigSchema } from '../src/config.ts';
import { startServicedesk } from '../src/main.ts';
import { SECRET } from './support.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('config', () => {
  it('composes the event and key store fragments, the organisation and the watcher interval, naming a bad variable', () => {
    expect(loadConfig(servicedeskConfigSchema, { AUTH_MODE: 'off' })).toMatchObject({ EVENTSTORE_BACKEND: 'sqlite', ORG_ID: 'default', SLA_CHECK_SECONDS: 60 });
    expect(() => loadConfig(servicedeskConfigSchema, { AUTH_MODE: 'off', SLA_CHECK_SECONDS: '0' })).toThrow(/SLA_CHECK_SECONDS/);
    expect(() => loadConfig(servicedeskConfigSchema, { AUTH_MODE: 'off', ORG_ID: 'Acme Inc' })).toThrow(/ORG_ID/);
    expect(describeConfig(servicedeskConfigSchema).map((row) => row.name)).toEqual(expect.arrayContaining(['EVENTSTORE_BACKEND', 'KEYSTORE_URL', 'ORG_ID', 'SLA_CHECK_SECONDS', 'PORT']));
  });
});

describe('main', () => {
  it('serves the catalogue and request routes on the store at EVENTSTORE_URL, documented in OpenAPI, and shuts down', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ejp-servicedesk-main-'));
    dirs.push(dir);
    const env = { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', EVENTSTORE_URL: join(dir, 'events.db'), ORG_ID: 'acme' };
    const process = { on: () => undefined, exit: vi.fn() };
    const service = await startServicedesk({ env, process });
    try {
      const admin = { authorization: `Bearer ${await signDevToken({ secret: SECRET, subject: 'admin-1', roles: ['admin'] })}`, 'content-type': 'application/json' };
      const team = await fetch(`${service.url}/servicedesk/teams/it-support`, { method: 'PUT', headers: admin, body: JSON.stringify({ name: 'IT', agentIds: [] }) });
      expect(team.status).toBe(200);
      expect(await team.json()).toMatchObject({ organisationId: 'acme', revision: '0' });
      const docs = (await (await fetch(`${service.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(docs.paths)).toEqual(
        expect.arrayContaining(['/servicedesk/requests', '/servicedesk/requests/{requestId}/events', '/servicedesk/items/{itemId}', '/servicedesk/catalogue']),
      );
    } finally {
      await service.shutdown('test');
    }
    expect(process.exit).toHaveBeenCalledWith(0);
  });
});
