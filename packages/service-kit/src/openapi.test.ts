import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogs, testConfig } from '../test/helpers.ts';
import { type ServiceApp, createServiceApp } from './create-service-app.ts';
import { declareTags } from './openapi.ts';

let app: ServiceApp;

// Named: referenced as a component; `Unused` is named too but no route of this app uses it.
const Accepted = z.object({ accepted: z.literal(true) }).meta({ id: 'Accepted' });
z.object({ never: z.string() }).meta({ id: 'Unused' });

beforeAll(async () => {
  app = await createServiceApp({ name: 'onboarding', version: '1.2.3', config: testConfig(), logger: captureLogs().logger });
  declareTags(app, { welcome: 'Welcoming new hires' });
  app.post(
    '/employees/:employeeId/welcome',
    {
      config: { access: { roles: ['hr'] } },
      schema: {
        operationId: 'sendWelcome',
        summary: 'Send the personal welcome message',
        tags: ['welcome'],
        params: z.object({ employeeId: z.string() }),
        body: z.object({
          message: z.string().max(2000).describe('The welcome text'),
          // A custom keyword, as contracts' `personal()` sets it.
          signature: z.string().meta({ personalData: true }),
        }),
        response: { 202: Accepted },
      },
    },
    async (_request, reply) => reply.code(202).send({ accepted: true }),
  );
  await app.ready();
});

afterAll(() => app.close());

type Operation = {
  operationId?: string;
  security?: unknown;
  description?: string;
  'x-roles'?: string[];
  requestBody?: { content: Record<string, { schema: { properties: Record<string, Record<string, unknown>> } }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};

const documentOf = async (target: ServiceApp = app) => (await target.inject({ method: 'GET', url: '/docs/json' })).json();

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 at /docs/json with the service routes, health included', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'onboarding', version: '1.2.3', license: { identifier: 'Apache-2.0' } });
    expect(document.servers).toEqual([{ url: '/', description: 'The instance serving this document' }]);
    expect(Object.keys(document.paths).sort()).toEqual(['/employees/{employeeId}/welcome', '/healthz', '/readyz']);
    expect(document.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it('documents body, roles, security and the problem responses of a protected route', async () => {
    const document = await documentOf();
    const operation: Operation = document.paths['/employees/{employeeId}/welcome'].post;
    expect(operation.operationId).toBe('sendWelcome');
    expect(operation.security).toEqual([{ bearerAuth: [] }]);
    expect(operation['x-roles']).toEqual(['hr']);
    expect(operation.description).toContain('Access: the roles hr.');
    expect(operation.requestBody?.content['application/json']?.schema.properties.message).toMatchObject({
      type: 'string',
      maxLength: 2000,
    });
    expect(Object.keys(operation.responses).sort()).toEqual(['202', '400', '401', '403', '414', '429', '431', '500']);
    expect(operation.responses['403']?.content).toHaveProperty(['application/problem+json']);
  });

  it('writes custom keywords as x- extensions', async () => {
    const operation: Operation = (await documentOf()).paths['/employees/{employeeId}/welcome'].post;
    const signature = operation.requestBody?.content['application/json']?.schema.properties.signature;
    expect(signature).toEqual({ type: 'string', 'x-personal-data': true });
  });

  it('refers to named schemas as components and keeps only the ones in use', async () => {
    const document = await documentOf();
    const operation: Operation = document.paths['/employees/{employeeId}/welcome'].post;
    expect(operation.responses['202']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Accepted' });
    expect(operation.responses['403']?.content?.['application/problem+json']?.schema).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(Object.keys(document.components.schemas).sort()).toEqual(['Accepted', 'Problem']);
    expect(document.components.schemas.Problem).toMatchObject({ type: 'object', description: 'RFC 9457 problem details' });
  });

  it('declares the tags in use with their descriptions, the kit’s own last', async () => {
    expect((await documentOf()).tags).toEqual([
      { name: 'welcome', description: 'Welcoming new hires' },
      { name: 'health', description: 'Liveness and readiness probes for orchestrators' },
    ]);
  });

  it('says explicitly that public routes need no security', async () => {
    const document = await documentOf();
    expect(document.paths['/healthz'].get).toMatchObject({ operationId: 'getLiveness', security: [] });
    expect(document.paths['/readyz'].get.operationId).toBe('getReadiness');
    expect(Object.keys(document.paths['/readyz'].get.responses).sort()).toEqual(['200', '431', '500', '503']);
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('swagger');
  });
});

describe('route registration', () => {
  const freshApp = () => createServiceApp({ name: 'x', config: testConfig(), logger: captureLogs().logger });
  const documented = (operationId?: string, tags?: string[]) => ({
    config: { public: true },
    schema: { ...(operationId === undefined ? {} : { operationId }), ...(tags ? { tags } : {}), response: { 200: z.string() } },
  });

  it('refuses a route without a response schema', async () => {
    const fresh = await freshApp();
    expect(() => fresh.get('/undocumented', { config: { public: true } }, async () => 'hi')).toThrow(
      'route GET /undocumented has no schema.response',
    );
    await fresh.close();
  });

  it.each([
    ['missing', undefined],
    ['kebab-case', 'get-thing'],
    ['PascalCase', 'GetThing'],
    ['snake_case', 'get_thing'],
  ])('refuses a route whose operationId is %s', async (_, operationId) => {
    const fresh = await freshApp();
    expect(() => fresh.get('/thing', documented(operationId), async () => 'hi')).toThrow('route GET /thing needs a camelCase schema.operationId');
    await fresh.close();
  });

  it('refuses an operationId used twice, but not for the HEAD twin Fastify adds to a GET', async () => {
    const fresh = await freshApp();
    fresh.get('/a', documented('getThing'), async () => 'a');
    expect(() => fresh.post('/b', documented('getThing'), async () => 'b')).toThrow("route POST /b reuses operationId 'getThing' of route GET /a");
    await fresh.close();
  });

  it('fails at ready when a tag in use was not declared', async () => {
    const fresh = await freshApp();
    fresh.get('/thing', documented('getThing', ['mystery']), async () => 'hi');
    await expect(fresh.ready()).rejects.toThrow('tags without a description: "mystery" (route GET /thing)');
    await fresh.close();
  });

  it('accepts a tag declared twice alike, but not with another description', async () => {
    const fresh = await freshApp();
    declareTags(fresh, { things: 'All the things' });
    expect(() => declareTags(fresh, { things: 'All the things' })).not.toThrow();
    expect(() => declareTags(fresh, { things: 'Other things' })).toThrow('tag "things" is already declared with another description');
    await fresh.close();
  });
});
