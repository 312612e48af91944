import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// No vitest import here: the e2e benchmark (a plain script) starts the same processes.

export type ServiceName = 'onboarding' | 'relay' | 'projector' | 'journey-api' | 'standalone' | 'recognition' | 'offboarding' | 'servicedesk' | 'growth' | 'feedback';

export interface ServiceProcess {
  name: ServiceName;
  child: ChildProcess;
  /** e.g. http://127.0.0.1:41234, from the kit's "service listening" log line. */
  url: string;
  output: () => string;
  /** Resolves once the output contains `text` (e.g. a log message that start-up does not wait for). */
  waitForOutput: (text: string, timeoutMs?: number) => Promise<void>;
  /** SIGTERM, then the exit code (the kit exits 0 after a clean shutdown). */
  stop: () => Promise<number | null>;
}

const mainOf = (name: ServiceName) => fileURLToPath(new URL(`../../../services/${name}/src/main.ts`, import.meta.url));
const running = new Set<ChildProcess>();

/**
 * Starts `node services/<name>/src/main.ts` as its own process on PORT=0 and
 * resolves once it listens and /readyz answers 200. The port is read from the
 * kit's `service listening` log line (pino JSON on stdout) rather than picked
 * beforehand: no window in which another process can take a pre-picked port.
 * The environment is built from scratch so the developer's variables cannot leak in.
 */
export async function startService(name: ServiceName, env: Record<string, string>, readyTimeoutMs = 30_000): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [mainOf(name)], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + readyTimeoutMs;

  let url: string | undefined;
  while (!url) {
    url = listeningUrl(output);
    if (url) break;
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before listening:\n${output}`);
    if (Date.now() > deadline) throw new Error(`${name} did not listen within ${readyTimeoutMs} ms:\n${output}`);
    await sleep(20);
  }
  // Listening is not ready: /readyz checks the service's stores and brokers.
  for (;;) {
    const status = await fetch(`${url}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before ready:\n${output}`);
    if (Date.now() > deadline) throw new Error(`${name} not ready within ${readyTimeoutMs} ms (last /readyz: ${status}):\n${output}`);
    await sleep(50);
  }
  const readyUrl = url;
  return {
    name,
    child,
    url: readyUrl,
    output: () => output,
    waitForOutput: async (text, timeoutMs = 30_000) => {
      const until = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while waiting for "${text}":\n${output}`);
        if (Date.now() > until) throw new Error(`${name} did not log "${text}" within ${timeoutMs} ms:\n${output}`);
        await sleep(20);
      }
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await exited;
      running.delete(child);
      return code;
    },
  };
}

/** SIGKILLs every child this module started that is still running (after a failed test or run). */
export function killLeftovers(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.clear();
}

function listeningUrl(output: string): string | undefined {
  for (const line of output.split('\n')) {
    if (!line.includes('service listening')) continue;
    try {
      const entry = JSON.parse(line) as { url?: string };
      if (entry.url) return entry.url;
    } catch {
      // A partial line: the rest arrives with the next chunk.
    }
  }
  return undefined;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
