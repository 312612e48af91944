import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  type: string;
  subject: string;
  body: Record<string, unknown>;
}

/**
 * A webhook receiver for tests: verifies every delivery with the Standard
 * Webhooks library and the secret it holds, answers 401 to a bad signature
 * and `status()` otherwise; `down()` closes the port (connections refused),
 * `up()` opens it again on the same port.
 */
export async function startReceiver(secret: () => string, status: () => number = () => 204) {
  const accepted: Received[] = [];
  let rejected = 0;
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
          try {
            const body = new Webhook(secret()).verify(raw, headers) as Record<string, unknown>;
            const code = status();
            if (code < 300) accepted.push({ id: headers['webhook-id']!, type: String(body.type), subject: String(body.subject), body });
            response.writeHead(code).end();
          } catch {
            rejected += 1;
            response.writeHead(401).end();
          }
        });
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    url: () => `http://127.0.0.1:${port}/hooks`,
    accepted,
    rejected: () => rejected,
    down: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    up: listen,
    close: () => new Promise<void>((resolve) => (server?.listening ? server.close(() => resolve()) : resolve())),
  };
}
