import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('../test/fixtures/slow-service.ts', import.meta.url));

type LogLine = Record<string, unknown> & { msg?: string };

interface RunningFixture {
  child: ChildProcess;
  lines: LogLine[];
  stderr: () => string;
  /** Resolves with the first log line matching, however long ago it was written. */
  waitForLog: (predicate: (line: LogLine) => boolean) => Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function startFixture(env: Record<string, string>): RunningFixture {
  // A clean environment: only what the fixture needs, nothing inherited from vitest.
  const child = spawn(process.execPath, [FIXTURE], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', AUTH_MODE: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: LogLine[] = [];
  const waiters: Array<{ predicate: (line: LogLine) => boolean; resolve: (line: LogLine) => void }> = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as LogLine;
    lines.push(line);
    for (const waiter of waiters.filter((candidate) => candidate.predicate(line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    waitForLog: (predicate) => {
      const seen = lines.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
  };
}

describe('runService in a real process', () => {
  it('on SIGTERM finishes the request in flight, refuses new ones, closes resources in reverse and exits 0', async () => {
    const fixture = startFixture({ SLOW_MS: '1500' });
    const listening = await fixture.waitForLog((line) => line.msg === 'service listening');
    const url = String(listening.url);

    const slow = fetch(`${url}/slow`);
    await fixture.waitForLog((line) => line.msg === 'slow request started');
    fixture.child.kill('SIGTERM');
    await fixture.waitForLog((line) => line.msg === 'closing resource' && line.resource === 'http-server');

    // The listener is closed: a new connection is refused while the slow
    // request is still being served.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const late = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) }).then(
      (response) => response.status,
      () => 'refused',
    );
    expect(late).not.toBe(200);

    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });

    expect(await fixture.exited).toEqual({ code: 0, signal: null });
    const closed = fixture.lines.filter((line) => line.msg === 'closing resource').map((line) => line.resource);
    expect(closed).toEqual(['http-server', 'fake-database', 'telemetry']);
    const order = fixture.lines.map((line) => line.msg);
    expect(order.indexOf('request completed')).toBeLessThan(order.indexOf('fake database closed'));
    expect(fixture.lines.find((line) => line.msg === 'shutdown complete')).toMatchObject({ clean: true });
  }, 20_000);

  it('exits 1 with a message naming the bad variable when the config is invalid', async () => {
    const fixture = startFixture({ PORT: 'not-a-port', SLOW_MS: '-5' });
    expect(await fixture.exited).toEqual({ code: 1, signal: null });
    expect(fixture.stderr()).toContain('Invalid configuration (2 problems)');
    expect(fixture.stderr()).toMatch(/- PORT: .+/);
    expect(fixture.stderr()).toMatch(/- SLOW_MS: .+/);
    expect(fixture.lines).toEqual([]);
  }, 20_000);
});
