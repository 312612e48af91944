import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { baseConfigSchema, createLogger, createServiceApp, loadConfig, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountWebApp, webAppConfigOf } from './server.ts';

const dist = mkdtempSync(join(tmpdir(), 'ejp-web-mount-'));
let app: ServiceApp;

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><!--ejp-config--></head><body></body></html>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("app")');
  const config = loadConfig(baseConfigSchema, { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' });
  app = await createServiceApp({ name: 'web-mount-test', config, logger: createLogger({ name: 'test', level: 'silent' }) });
  app.get('/things', { config: { access: { roles: ['hr'] } }, schema: { operationId: 'listThings', response: { 200: z.object({ ok: z.boolean() }) } } }, async () => ({ ok: true }));
  mountWebApp(app, webAppConfigOf({ AUTH_MODE: 'hs256', AUTH_ISSUER: 'https://id.example', WEB_OIDC_CLIENT_ID: 'ejp-web', WEB_OIDC_SCOPE: 'openid' }, false), dist);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('mountWebApp', () => {
  it('serves index.html at / with the page config in a JSON script tag and a CSP', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
    // The token and discovery fetches go to the issuer, and nowhere else.
    expect(page.headers['content-security-policy']).toContain("connect-src 'self' https://id.example;");
    expect(page.headers['cache-control']).toBe('no-cache');
    const json = /<script type="application\/json" id="ejp-config">(.*)<\/script>/.exec(page.body)?.[1];
    expect(JSON.parse(json!)).toEqual({ authMode: 'hs256', oidc: { issuer: 'https://id.example', clientId: 'ejp-web', scope: 'openid' }, demo: false });
  });

  it('serves hashed assets as immutable, gzipped when asked', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(asset.rawPayload).toString()).toBe('console.log("app")');
  });

  it('never shadows the API: routes answer as before, unknown paths and other methods get the problem+json 404', async () => {
    expect((await app.inject({ method: 'GET', url: '/things' })).statusCode).toBe(401);
    for (const [method, url] of [['GET', '/employees/nobody/nothing'], ['GET', '/assets/missing.js'], ['POST', '/'], ['GET', '/index.html']] as const) {
      const answer = await app.inject({ method, url });
      expect(answer.statusCode, `${method} ${url}`).toBe(404);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.json().code).toBe('EJP_ROUTE_NOT_FOUND');
    }
  });

  it('stays out of the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/things']));
    expect(Object.keys(doc.paths).filter((path) => path === '/' || path.startsWith('/assets'))).toEqual([]);
  });

  it('offers OIDC only when auth is on and both the issuer and the client id are set', () => {
    expect(webAppConfigOf({ AUTH_MODE: 'off', AUTH_ISSUER: 'https://id.example', WEB_OIDC_CLIENT_ID: 'c', WEB_OIDC_SCOPE: 'openid' }, true)).toEqual({ authMode: 'off', oidc: null, demo: true });
    expect(webAppConfigOf({ AUTH_MODE: 'jwks', AUTH_ISSUER: 'https://id.example', WEB_OIDC_SCOPE: 'openid' }, false).oidc).toBeNull();
  });
});

describe('mountWebApp before a build', () => {
  it('says how to build the app at /', async () => {
    const config = loadConfig(baseConfigSchema, { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' });
    const bare = await createServiceApp({ name: 'web-unbuilt', config, logger: createLogger({ name: 'test', level: 'silent' }) });
    mountWebApp(bare, webAppConfigOf({ AUTH_MODE: 'hs256', WEB_OIDC_SCOPE: 'openid' }, false), join(dist, 'nowhere'));
    const page = await bare.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('npm run build -w @ejp/web');
    await bare.close();
  });
});
