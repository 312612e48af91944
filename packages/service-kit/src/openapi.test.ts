import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogs, testConfig } from '../test/helpers.ts';
import { type ServiceApp, createServiceApp } from './create-service-app.ts';

let app: ServiceApp;

beforeAll(async () => {
  app = await createServiceApp({ name: 'onboarding', version: '1.2.3', config: testConfig(), logger: captureLogs().logger });
  app.post(
    '/employees/:employeeId/welcome',
    {
      config: { roles: ['hr'] },
      schema: {
        summary: 'Send the personal welcome message',
        params: z.object({ employeeId: z.string() }),
        body: z.object({ message: z.string().max(2000).describe('The welcome text') }),
        response: { 202: z.object({ accepted: z.literal(true) }) },
      },
    },
    async (_request, reply) => reply.code(202).send({ accepted: true }),
  );
  await app.ready();
});

afterAll(() => app.close());

type Operation = {
  security?: unknown;
  description?: string;
  'x-roles'?: string[];
  requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
};

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 at /docs/json with the service routes, health included', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'onboarding', version: '1.2.3' });
    expect(Object.keys(document.paths).sort()).toEqual(['/employees/{employeeId}/welcome', '/healthz', '/readyz']);
    expect(document.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it('documents body, roles, security and the problem responses of a protected route', async () => {
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    const operation: Operation = document.paths['/employees/{employeeId}/welcome'].post;
    expect(operation.security).toEqual([{ bearerAuth: [] }]);
    expect(operation['x-roles']).toEqual(['hr']);
    expect(operation.description).toContain('Requires one of the roles: hr.');
    expect(operation.requestBody?.content['application/json']?.schema.properties.message).toMatchObject({
      type: 'string',
      maxLength: 2000,
    });
    expect(Object.keys(operation.responses).sort()).toEqual(['202', '400', '401', '403', '500']);
    expect(operation.responses['403']?.content).toHaveProperty(['application/problem+json']);
  });

  it('leaves public routes without security', async () => {
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(document.paths['/healthz'].get.security).toBeUndefined();
    expect(Object.keys(document.paths['/readyz'].get.responses).sort()).toEqual(['200', '500', '503']);
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('swagger');
  });

  it('refuses a route without a response schema at registration', async () => {
    const fresh = await createServiceApp({ name: 'x', config: testConfig(), logger: captureLogs().logger });
    expect(() => fresh.get('/undocumented', { config: { public: true } }, async () => 'hi')).toThrow(
      'route GET /undocumented has no schema.response',
    );
    await fresh.close();
  });
});
