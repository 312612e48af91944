import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken } from '@ejp/service-kit';
import { type RunningStandalone, startStandalone } from '@ejp/standalone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, CHROMIUM, openBrowser } from './support/browser.ts';
import { buildWebApp } from './support/web-build.ts';

/**
 * Sign-in with auth on: the web app runs the authorization code flow with
 * PKCE in Chromium against an issuer on loopback, which redeems the code only
 * with the verifier whose S256 challenge it was sent, and signs an HS256
 * token the standalone process (AUTH_MODE=hs256, AUTH_ISSUER) accepts. The
 * page's CSP is NOT bypassed here: its connect-src must let the token fetch through.
 */
const haveChromium = existsSync(CHROMIUM) || process.env.REQUIRE_INFRA === '1';
const SECRET = `oidc-${randomUUID()}`;
const CLIENT_ID = 'ejp-web';
const employeeId = randomUUID();
const data = mkdtempSync(join(tmpdir(), 'ejp-web-oidc-'));
const codes = new Map<string, { challenge: string; redirectUri: string }>();
const refused: string[] = [];
let issuer: Server;
let issuerUrl: string;
let standalone: RunningStandalone;
let browser: Browser;

/** The smallest issuer that checks what a real one checks of a public client: client id, redirect URI, state passed back, PKCE. */
function startIssuer(): Promise<void> {
  issuer = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', issuerUrl);
    const cors = { 'access-control-allow-origin': '*' };
    if (url.pathname === '/.well-known/openid-configuration') {
      response.writeHead(200, { 'content-type': 'application/json', ...cors });
      response.end(JSON.stringify({ issuer: issuerUrl, authorization_endpoint: `${issuerUrl}/authorize`, token_endpoint: `${issuerUrl}/token` }));
      return;
    }
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== CLIENT_ID || q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('state')) {
        refused.push(`authorize ${url.search}`);
        response.writeHead(400).end();
        return;
      }
      const code = randomUUID();
      codes.set(code, { challenge: q.get('code_challenge')!, redirectUri: q.get('redirect_uri')! });
      response.writeHead(302, { location: `${q.get('redirect_uri')}?code=${code}&state=${encodeURIComponent(q.get('state')!)}` }).end();
      return;
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      let body = '';
      for await (const chunk of request) body += chunk;
      const form = new URLSearchParams(body);
      const issued = codes.get(form.get('code') ?? '');
      const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
      codes.delete(form.get('code') ?? '');
      if (!issued || issued.challenge !== challenge || issued.redirectUri !== form.get('redirect_uri') || form.get('client_id') !== CLIENT_ID || form.get('grant_type') !== 'authorization_code') {
        refused.push(`token ${body}`);
        response.writeHead(400, { 'content-type': 'application/json', ...cors }).end(JSON.stringify({ error: 'invalid_grant' }));
        return;
      }
      const token = await signDevToken({ secret: SECRET, subject: employeeId, roles: ['employee'], issuer: issuerUrl });
      response.writeHead(200, { 'content-type': 'application/json', ...cors });
      response.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600 }));
      return;
    }
    response.writeHead(404).end();
  });
  return new Promise((resolve) =>
    issuer.listen(0, '127.0.0.1', () => {
      issuerUrl = `http://127.0.0.1:${(issuer.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

beforeAll(async () => {
  if (!haveChromium) return;
  buildWebApp();
  await startIssuer();
  standalone = await startStandalone({
    argv: [],
    env: { DATA_DIR: join(data, 'data'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, AUTH_ISSUER: issuerUrl, WEB_OIDC_CLIENT_ID: CLIENT_ID },
    process: { on: () => undefined, exit: () => undefined },
    print: () => undefined,
  });
  const hr = await signDevToken({ secret: SECRET, subject: 'hr-person', roles: ['hr'], issuer: issuerUrl });
  const hired = await fetch(`${standalone.baseUrl}/employees`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hr}`, 'content-type': 'application/json' },
    body: JSON.stringify({ employeeId, givenName: 'Ada', familyName: 'Lovelace', email: 'ada@example.com', department: 'Engineering', role: 'Engineer', level: 'L3', managerId: null, location: 'Berlin', startDate: new Date().toISOString().slice(0, 10) }),
  });
  expect(hired.status).toBe(201);
  browser = await openBrowser({ forAxe: false });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await standalone?.shutdown('test');
  await new Promise((resolve) => (issuer ? issuer.close(resolve) : resolve(undefined)));
  rmSync(data, { recursive: true, force: true });
});

describe.runIf(haveChromium)('web app sign-in with OpenID Connect', () => {
  it('signs in through the issuer with PKCE and shows the signed-in employee\'s journey', async () => {
    const { page } = browser;
    const blocked: string[] = [];
    page.on('console', (message) => message.text().includes('Content Security Policy') && blocked.push(message.text()));
    await page.goto(`${standalone.baseUrl}/`);
    await page.getByRole('button', { name: 'Sign in with your company account' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 }).toBe('My journey');
    // Back on the app with the query gone, and the token's employee is whose journey shows.
    expect(new URL(page.url()).search).toBe('');
    await expect.poll(() => page.locator('ol.timeline li').first().textContent(), { timeout: 20_000 }).toContain('Hired as Engineer in Engineering');
    expect(refused).toEqual([]);
    expect(blocked).toEqual([]);
    expect(codes.size).toBe(0);
  });
});
