import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogs, testConfig } from '../../test/helpers.ts';
import { type ServiceApp, createServiceApp } from '../create-service-app.ts';
import { AppError } from './app-error.ts';
import { ErrorCodes, defineErrors } from './error-catalogue.ts';

const JourneyErrors = defineErrors({
  EJP_STAGE_MISMATCH: { status: 409, title: 'The journey stage does not allow this command' },
});

const failures: Record<string, () => never> = {
  conflict: () => {
    throw new AppError(ErrorCodes.EJP_CONFLICT, 'Employee e-1 already exists.');
  },
  stale: () => {
    throw new AppError(ErrorCodes.EJP_PRECONDITION_FAILED, 'Expected revision 3 but the stream is at 4.', {
      extensions: { currentRevision: 4 },
    });
  },
  missing: () => {
    throw new AppError(ErrorCodes.EJP_NOT_FOUND, 'No employee e-404.');
  },
  stage: () => {
    throw new AppError(JourneyErrors.EJP_STAGE_MISMATCH, 'Employee e-1 is alumni.', {
      extensions: { currentStage: 'alumni' },
    });
  },
  bug: () => {
    throw new Error('connection to postgres://admin:hunter2@db failed');
  },
  undefinedCode: () => {
    throw new AppError('EJP_NEVER_DEFINED', 'oops');
  },
};

let app: ServiceApp;
const logs = captureLogs();

beforeAll(async () => {
  app = await createServiceApp({ name: 'errors-test', config: testConfig(), logger: logs.logger, bodyLimit: 200 });
  app.post(
    '/employees',
    {
      config: { public: true },
      schema: {
        operationId: 'createEmployee',
        body: z.object({
          email: z.email(),
          name: z.string().min(1),
          address: z.object({ city: z.string() }),
          tags: z.array(z.string()).optional(),
        }),
        response: { 201: z.object({ email: z.string() }) },
      },
    },
    async (request, reply) => reply.code(201).send({ email: request.body.email }),
  );
  app.get(
    '/fail/:kind',
    {
      config: { public: true },
      schema: { operationId: 'fail', params: z.object({ kind: z.string() }), response: { 200: z.object({ ok: z.boolean() }) } },
    },
    async (request) => {
      failures[request.params.kind]?.();
      return { ok: true };
    },
  );
  app.get(
    '/search',
    {
      config: { public: true },
      schema: {
        operationId: 'search',
        querystring: z.object({ limit: z.coerce.number().int().max(100) }),
        response: { 200: z.object({ limit: z.number() }) },
      },
    },
    async (request) => ({ limit: request.query.limit }),
  );
  await app.ready();
});

afterAll(() => app.close());

function expectProblem(response: { headers: Record<string, unknown>; json: () => unknown }, status: number, code: string) {
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  expect(typeof body.type).toBe('string');
  expect(typeof body.title).toBe('string');
  expect(typeof body.instance).toBe('string');
  return body;
}

describe('problem+json for every error', () => {
  it('400 names each invalid field by path', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/employees',
      payload: { email: 'not-an-email', name: '', address: {}, tags: ['ok', 7] },
    });
    expect(response.statusCode).toBe(400);
    const body = expectProblem(response, 400, 'EJP_VALIDATION');
    expect(body.type).toBe('urn:ejp:problem:validation');
    expect(body.instance).toBe('/employees');
    const paths = (body.errors as Array<{ path: string; message: string }>).map((error) => error.path).sort();
    expect(paths).toEqual(['body.address.city', 'body.email', 'body.name', 'body.tags.1']);
    for (const error of body.errors as Array<{ message: string }>) expect(error.message).not.toBe('');
  });

  it('400 names query parameters as query.<name>', async () => {
    const response = await app.inject({ method: 'GET', url: '/search?limit=500' });
    expect(response.statusCode).toBe(400);
    const body = expectProblem(response, 400, 'EJP_VALIDATION');
    expect(body.detail).toBe('The request query is invalid.');
    expect(body.errors).toEqual([{ path: 'query.limit', message: expect.stringContaining('100') }]);
  });

  it('400 for a body that is not JSON', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/employees',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expectProblem(response, 400, 'EJP_BAD_REQUEST');
  });

  it('404 for an unknown route, with the route in the detail', async () => {
    const response = await app.inject({ method: 'GET', url: '/nowhere?secret=1' });
    expect(response.statusCode).toBe(404);
    const body = expectProblem(response, 404, 'EJP_ROUTE_NOT_FOUND');
    expect(body.detail).toBe('There is no route GET /nowhere.');
    expect(body.instance).toBe('/nowhere');
  });

  it('404, 409 and 412 from domain errors, with detail and extensions', async () => {
    const missing = await app.inject({ method: 'GET', url: '/fail/missing' });
    expect(missing.statusCode).toBe(404);
    expect(expectProblem(missing, 404, 'EJP_NOT_FOUND').detail).toBe('No employee e-404.');

    const conflict = await app.inject({ method: 'GET', url: '/fail/conflict' });
    expect(conflict.statusCode).toBe(409);
    expect(expectProblem(conflict, 409, 'EJP_CONFLICT').detail).toBe('Employee e-1 already exists.');

    const stale = await app.inject({ method: 'GET', url: '/fail/stale' });
    expect(stale.statusCode).toBe(412);
    expect(expectProblem(stale, 412, 'EJP_PRECONDITION_FAILED')).toMatchObject({
      title: 'Precondition failed',
      type: 'urn:ejp:problem:precondition-failed',
      currentRevision: 4,
    });
  });

  it('a code a service defined maps through the same handler', async () => {
    const response = await app.inject({ method: 'GET', url: '/fail/stage' });
    expect(response.statusCode).toBe(409);
    expect(expectProblem(response, 409, 'EJP_STAGE_MISMATCH')).toMatchObject({
      type: 'urn:ejp:problem:stage-mismatch',
      title: 'The journey stage does not allow this command',
      currentStage: 'alumni',
    });
  });

  it('413 for a body over the limit', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/employees',
      payload: { email: 'a@example.com', name: 'x'.repeat(500), address: { city: 'Paris' } },
    });
    expect(response.statusCode).toBe(413);
    expectProblem(response, 413, 'EJP_PAYLOAD_TOO_LARGE');
  });

  it('415 for a content type the app does not parse', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/employees',
      headers: { 'content-type': 'application/xml' },
      payload: '<employee/>',
    });
    expect(response.statusCode).toBe(415);
    expectProblem(response, 415, 'EJP_UNSUPPORTED_MEDIA_TYPE');
  });

  it('500 hides the message and stack but logs them', async () => {
    const response = await app.inject({ method: 'GET', url: '/fail/bug' });
    expect(response.statusCode).toBe(500);
    const body = expectProblem(response, 500, 'EJP_INTERNAL');
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain('postgres');
    expect(body).not.toHaveProperty('stack');
    expect(body.detail).toContain(response.headers['x-request-id'] as string);

    const logged = logs.lines.find((line) => line.requestId === response.headers['x-request-id'] && line.level === 50);
    expect((logged?.err as { stack?: string } | undefined)?.stack).toContain('hunter2');
  });

  it('an AppError with a code nobody defined is a bug: 500', async () => {
    const response = await app.inject({ method: 'GET', url: '/fail/undefinedCode' });
    expect(response.statusCode).toBe(500);
    expectProblem(response, 500, 'EJP_INTERNAL');
  });

  it('problem responses echo the request and correlation ids', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/fail/conflict',
      headers: { 'x-request-id': 'req-123', 'x-correlation-id': 'corr-456' },
    });
    expect(response.headers['x-request-id']).toBe('req-123');
    expect(response.headers['x-correlation-id']).toBe('corr-456');
  });

  it('a malformed URL (handled before routing) is still a problem with ids', async () => {
    const response = await app.inject({ method: 'GET', url: '/fail/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
    expectProblem(response, 400, 'EJP_BAD_REQUEST');
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
  });
});
