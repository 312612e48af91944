import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TEST_SECRET, captureLogs, testConfig } from '../test/helpers.ts';
import { signDevToken } from './auth/dev-token.ts';
import { type ServiceApp, createServiceApp } from './create-service-app.ts';

let app: ServiceApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const Ok = z.object({ ok: z.boolean() });

async function appWith(env: Record<string, string>): Promise<ServiceApp> {
  const built = await createServiceApp({ name: 'limits-test', config: testConfig(env), logger: captureLogs().logger });
  built.get('/things', { config: { access: { roles: ['hr'] } }, schema: { operationId: 'listThings', response: { 200: Ok } } }, async () => ({ ok: true }));
  built.post(
    '/things',
    {
      config: { access: { roles: ['hr'] }, rateLimit: { max: 1, timeWindow: 60_000 } },
      bodyLimit: 64,
      schema: { operationId: 'addThing', body: z.object({ name: z.string() }), response: { 200: Ok } },
    },
    async () => ({ ok: true }),
  );
  built.post(
    '/notes',
    { config: { access: { roles: ['hr'] } }, schema: { operationId: 'addNote', body: z.object({ name: z.string() }), response: { 200: Ok } } },
    async () => ({ ok: true }),
  );
  await built.ready();
  return built;
}

const bearer = async (subject: string) => ({ authorization: `Bearer ${await signDevToken({ secret: TEST_SECRET, subject, roles: ['hr'] })}` });

describe('rate limits', () => {
  it('answers 429 problem+json with Retry-After past RATE_LIMIT_MAX, counted per caller', async () => {
    app = await appWith({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
    const alice = await bearer('alice');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.inject({ method: 'GET', url: '/things', headers: alice })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);

    const limited = await app.inject({ method: 'GET', url: '/things', headers: alice });
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.json()).toMatchObject({ status: 429, code: 'EJP_RATE_LIMITED', limit: 3 });
    // Another caller has a budget of their own.
    expect((await app.inject({ method: 'GET', url: '/things', headers: await bearer('bob') })).statusCode).toBe(200);
    // Probes are never limited.
    for (let i = 0; i < 5; i++) expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('lets a route set its own limit and body limit, and documents 429 on every limited route', async () => {
    app = await appWith({});
    const alice = await bearer('alice');
    const first = await app.inject({ method: 'POST', url: '/things', headers: alice, payload: { name: 'a' } });
    expect(first.statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/things', headers: alice, payload: { name: 'b' } })).statusCode).toBe(429);

    const big = await app.inject({ method: 'POST', url: '/things', headers: await bearer('bob'), payload: { name: 'x'.repeat(100) } });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'EJP_PAYLOAD_TOO_LARGE' });

    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(document.paths['/things'].get.responses['429'].content['application/problem+json']).toBeDefined();
    expect(document.paths['/things'].get.responses['429'].headers['retry-after']).toEqual({
      schema: { type: 'integer', minimum: 1 },
      description: 'Seconds until the caller may send again',
    });
    expect(document.paths['/things'].post.responses['429']).toBeDefined();
    expect(document.paths['/healthz'].get.responses['429']).toBeUndefined();
  });

  it('applies BODY_LIMIT_BYTES to every route', async () => {
    app = await appWith({ BODY_LIMIT_BYTES: '16' });
    const headers = await bearer('carol');
    expect((await app.inject({ method: 'POST', url: '/notes', headers, payload: { name: 'short' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/notes', headers, payload: { name: 'just-over-16' } })).statusCode).toBe(413);
  });
});
