import { Agent, request as httpRequest } from 'node:http';
import { type Summary, summarize } from '../stats.ts';

/**
 * A closed-loop load generator: `connections` loops over one keep-alive pool,
 * each sending its next request as soon as the previous one answered, for
 * `seconds`. It runs in the benchmark's process; the servers are processes of
 * their own, so it competes with them for the CPU as a client on the same
 * machine would (as autocannon would); node:http with a keep-alive agent of
 * `connections` sockets, so no load-generator dependency.
 */

export interface Request {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface PhaseResult {
  requests: number;
  perSecond: number;
  latency: Summary;
}

export async function closedLoop(origin: string, connections: number, seconds: number, next: () => Request, expect: number): Promise<PhaseResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL(origin);
  const samples: number[] = [];
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) {
          const request = next();
          const t = performance.now();
          const { status, text } = await send(agent, url, request);
          if (status !== expect) throw new Error(`${request.method} ${request.path}: ${status} ${text.slice(0, 300)}`);
          samples.push(performance.now() - t);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  const elapsed = (performance.now() - started) / 1000;
  return { requests: samples.length, perSecond: samples.length / elapsed, latency: summarize(samples) };
}

function send(agent: Agent, url: URL, request: Request): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = { ...request.headers, ...(request.body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(request.body)) } : {}) };
    const req = httpRequest({ agent, host: url.hostname, port: url.port, method: request.method, path: request.path, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end(request.body);
  });
}
