import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TEST_SECRET, captureLogs, testConfig } from '../../test/helpers.ts';
import { type ServiceApp, createServiceApp } from '../create-service-app.ts';
import { signDevToken } from './dev-token.ts';

const WhoAmI = z.object({ subject: z.string(), roles: z.array(z.string()) });

async function appWith(env: Record<string, string> = {}, logs = captureLogs()): Promise<ServiceApp> {
  const app = await createServiceApp({ name: 'auth-test', config: testConfig(env), logger: logs.logger });
  app.get('/hr-only', { config: { access: { roles: ['hr', 'admin'] } }, schema: { operationId: 'whoAmI', response: { 200: WhoAmI } } }, async (request) => ({
    subject: request.user!.subject,
    roles: request.user!.roles,
  }));
  app.get('/open', { config: { public: true }, schema: { operationId: 'getOpen', response: { 200: z.object({ user: z.null() }) } } }, async (request) => ({
    user: request.user as null,
  }));
  await app.ready();
  return app;
}

let app: ServiceApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('bearer token authentication and roles', () => {
  it('401 with a WWW-Authenticate challenge when no token is sent', async () => {
    app = await appWith();
    const response = await app.inject({ method: 'GET', url: '/hr-only' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="ejp"');
    expect(response.json()).toMatchObject({ status: 401, code: 'EJP_UNAUTHENTICATED' });
  });

  it('401 invalid_token for a token signed with another secret', async () => {
    app = await appWith();
    const forged = await signDevToken({ secret: 'some-other-secret-that-is-32-characters!!', roles: ['hr'] });
    const response = await app.inject({ method: 'GET', url: '/hr-only', headers: { authorization: `Bearer ${forged}` } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="ejp", error="invalid_token"');
    expect(response.json()).toMatchObject({ code: 'EJP_UNAUTHENTICATED' });
  });

  it('401 for an expired token and for garbage', async () => {
    app = await appWith();
    const expired = await signDevToken({ secret: TEST_SECRET, roles: ['hr'], expiresIn: Math.floor(Date.now() / 1000) - 60 });
    for (const token of [expired, 'not.a.jwt']) {
      const response = await app.inject({ method: 'GET', url: '/hr-only', headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode).toBe(401);
    }
  });

  it('403 when the caller lacks every role the route accepts', async () => {
    app = await appWith();
    const token = await signDevToken({ secret: TEST_SECRET, subject: 'e-7', roles: ['employee', 'manager'] });
    const response = await app.inject({ method: 'GET', url: '/hr-only', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      status: 403,
      code: 'EJP_FORBIDDEN',
      detail: 'This operation requires one of the roles: hr, admin.',
    });
  });

  it('200 with one of the roles; the caller is on request.user, unknown roles dropped', async () => {
    app = await appWith();
    const token = await signDevToken({ secret: TEST_SECRET, subject: 'hr-1', roles: ['hr', 'superuser'] });
    const response = await app.inject({ method: 'GET', url: '/hr-only', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ subject: 'hr-1', roles: ['hr'] });
  });

  it('checks issuer and audience when configured', async () => {
    app = await appWith({ AUTH_ISSUER: 'https://id.example', AUTH_AUDIENCE: 'ejp' });
    const headers = async (issuer: string, audience: string) => ({
      authorization: `Bearer ${await signDevToken({ secret: TEST_SECRET, roles: ['hr'], issuer, audience })}`,
    });
    const good = await app.inject({ method: 'GET', url: '/hr-only', headers: await headers('https://id.example', 'ejp') });
    expect(good.statusCode).toBe(200);
    const wrongIssuer = await app.inject({ method: 'GET', url: '/hr-only', headers: await headers('https://evil.example', 'ejp') });
    expect(wrongIssuer.statusCode).toBe(401);
    const wrongAudience = await app.inject({ method: 'GET', url: '/hr-only', headers: await headers('https://id.example', 'other') });
    expect(wrongAudience.statusCode).toBe(401);
  });

  it('public routes, health and docs need no token', async () => {
    app = await appWith();
    for (const url of ['/open', '/healthz', '/readyz', '/docs/json']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
    }
  });

  it('a route that declares neither access nor public is refused at registration, and so is the old config.roles', async () => {
    app = await appWith();
    const fresh = await createServiceApp({ name: 'x', config: testConfig(), logger: captureLogs().logger });
    const schema = (operationId: string) => ({ operationId, response: { 200: z.object({}) } });
    expect(() => fresh.get('/oops', { schema: schema('oops') }, async () => ({}))).toThrow('route GET /oops must declare config.access');
    const legacy = { roles: ['hr'] } as unknown as { access: { roles: ['hr'] } };
    expect(() => fresh.get('/legacy', { config: legacy, schema: schema('legacy') }, async () => ({}))).toThrow(/declares config.roles: declare config.access instead/);
    expect(() => fresh.get('/e/:id', { config: { access: { self: 'employeeId' } }, schema: schema('wrongParam') }, async () => ({}))).toThrow(
      "access.self names ':employeeId', which is not a path parameter",
    );
    await fresh.close();
  });
});

describe('AUTH_MODE=off', () => {
  it('lets every request act as a dev user with all roles and warns at start', async () => {
    const logs = captureLogs();
    app = await appWith({ AUTH_MODE: 'off' }, logs);
    const response = await app.inject({ method: 'GET', url: '/hr-only' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ subject: 'dev-user', roles: ['employee', 'manager', 'hr', 'admin', 'service'] });

    const warning = logs.lines.find((line) => line.authMode === 'off');
    expect(warning?.level).toBe(40);
    expect(String(warning?.msg)).toContain('AUTH_MODE=off');
  });

  it('is not the default: without AUTH_MODE the config demands a JWKS URL', () => {
    expect(() => testConfig({ AUTH_MODE: '' })).toThrow(/AUTH_JWKS_URL: is required when AUTH_MODE=jwks/);
  });
});
