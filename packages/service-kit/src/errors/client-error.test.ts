import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogs, testConfig } from '../../test/helpers.ts';
import { type ServiceApp, createServiceApp } from '../create-service-app.ts';

// Raw sockets on a listening server: Node's parser answers these before any
// Fastify code runs, so inject() could not show what a client really gets.
let app: ServiceApp;
let port: number;

beforeAll(async () => {
  app = await createServiceApp({ name: 'client-error-test', config: testConfig({ AUTH_MODE: 'off' }), logger: captureLogs().logger });
  app.get(
    '/things/:thingId',
    { config: { access: { roles: ['hr'] } }, schema: { operationId: 'getThing', params: z.object({ thingId: z.string() }), response: { 200: z.object({ id: z.string() }) } } },
    async (request) => ({ id: request.params.thingId }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
});
afterAll(() => app.close());

function rawRequest(request: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(request));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined); // the server closes after answering
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      if (Number.isNaN(status)) reject(new Error(`no HTTP answer: ${JSON.stringify(received.slice(0, 200))}`));
      else resolve({ status, headers: head.toLowerCase(), body });
    });
  });
}

describe('requests refused before routing are problem+json too', () => {
  it('431 for headers over the limit', async () => {
    const response = await rawRequest(`GET /things/a HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(response.status).toBe(431);
    expect(response.headers).toContain('content-type: application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({ status: 431, code: 'EJP_HEADERS_TOO_LARGE' });
  });

  it('431 for a request line over the limit, 400 for what is not HTTP', async () => {
    const long = await rawRequest(`GET /things/${'b'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(long.status).toBe(431);
    expect(long.headers).toContain('content-type: application/problem+json');
    const garbage = await rawRequest('NOT HTTP AT ALL\r\n\r\n');
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body)).toMatchObject({ status: 400, code: 'EJP_BAD_REQUEST' });
  });

  it('414 with a stable code for a path parameter over maxParamLength, documented on the route', async () => {
    const response = await rawRequest(`GET /things/${'c'.repeat(500)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(response.status).toBe(414);
    expect(response.headers).toContain('content-type: application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({ status: 414, code: 'EJP_URI_TOO_LONG' });
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(document.paths['/things/{thingId}'].get.responses['414']).toBeDefined();
  });
});
