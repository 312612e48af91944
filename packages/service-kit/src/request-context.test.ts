import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogs, testConfig } from '../test/helpers.ts';
import { type ServiceApp, createServiceApp } from './create-service-app.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let app: ServiceApp;
const logs = captureLogs();

beforeAll(async () => {
  app = await createServiceApp({ name: 'ids-test', config: testConfig(), logger: logs.logger });
  app.get(
    '/echo',
    { config: { public: true }, schema: { operationId: 'echoIds', response: { 200: z.object({ requestId: z.string(), correlationId: z.string() }) } } },
    async (request) => {
      request.log.info('handling echo');
      return { requestId: request.id, correlationId: request.correlationId };
    },
  );
  await app.ready();
});

afterAll(() => app.close());

describe('request and correlation ids', () => {
  it('takes both ids from the headers and echoes them', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/echo',
      headers: { 'x-request-id': 'req-abc', 'x-correlation-id': 'corr-xyz' },
    });
    expect(response.headers['x-request-id']).toBe('req-abc');
    expect(response.headers['x-correlation-id']).toBe('corr-xyz');
    expect(response.json()).toEqual({ requestId: 'req-abc', correlationId: 'corr-xyz' });
  });

  it('creates UUIDs when the caller sends none, distinct per request', async () => {
    const first = await app.inject({ method: 'GET', url: '/echo' });
    const second = await app.inject({ method: 'GET', url: '/echo' });
    expect(first.headers['x-request-id']).toMatch(UUID);
    expect(first.headers['x-correlation-id']).toMatch(UUID);
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
    expect(first.headers['x-correlation-id']).not.toBe(second.headers['x-correlation-id']);
  });

  it('replaces ids that could forge log lines or headers', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/echo',
      headers: { 'x-request-id': 'evil" injected=1', 'x-correlation-id': 'x'.repeat(500) },
    });
    expect(response.headers['x-request-id']).toMatch(UUID);
    expect(response.headers['x-correlation-id']).toMatch(UUID);
  });

  it('puts both ids on every log line of the request', async () => {
    await app.inject({ method: 'GET', url: '/echo', headers: { 'x-request-id': 'req-log', 'x-correlation-id': 'corr-log' } });
    const lines = logs.lines.filter((line) => line.requestId === 'req-log');
    expect(lines.map((line) => line.msg)).toEqual(['handling echo', 'request completed']);
    for (const line of lines) expect(line.correlationId).toBe('corr-log');
    // One line per request: the completed one names the request as well as its answer.
    expect(lines[1]).toMatchObject({ req: { method: 'GET', url: '/echo' }, res: { statusCode: 200 } });
    expect(lines[1]!.responseTime).toEqual(expect.any(Number));
  });

  it('echoes the ids on 404s too', async () => {
    const response = await app.inject({ method: 'GET', url: '/missing', headers: { 'x-correlation-id': 'corr-404' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['x-correlation-id']).toBe('corr-404');
    expect(response.headers['x-request-id']).toMatch(UUID);
  });
});
