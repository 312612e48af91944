import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteEventStore, type RecordedEvent } from '@ejp/eventstore';

export const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ejp-standalone-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface StandaloneProcess {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:41234, read from the start-up lines. */
  url: string;
  output: () => string;
  /** SIGTERM, then the exit code (the kit exits 0 after a clean shutdown). */
  stop: () => Promise<number | null>;
}

const started = new Set<ChildProcess>();

/** Kills (SIGKILL) whatever a failed test left running: only the children this file started. */
export function killLeftovers(): void {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  started.clear();
}

/**
 * Starts `node services/standalone/src/main.ts` as a real process on a free
 * port (PORT=0) and waits for the line that names the /docs URL. The
 * environment is built from scratch so the developer's variables cannot leak in.
 */
export async function startProcess(
  dataDir: string,
  args: string[] = [],
  // A variable given as undefined is left out (e.g. HOST, to see the default).
  env: Record<string, string | undefined> = {},
): Promise<StandaloneProcess> {
  const merged = { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env };
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up line within 30 s:\n${output}`)), 30_000);
    const check = () => {
      const match = /API docs \(OpenAPI\): (http:\/\/\S+)\/docs/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    child,
    url,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** JSON over real HTTP; the body is parsed whatever the status. */
export async function http(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests check response bodies field by field
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** Every event in an events.db, read through the raw adapter (ciphertext as stored). */
export async function readAllEvents(file: string): Promise<RecordedEvent[]> {
  const store = await openSqliteEventStore({ path: file });
  try {
    const all: RecordedEvent[] = [];
    for (;;) {
      const page = await store.readAll({ ...(all.length ? { after: all.at(-1)!.position } : {}), maxCount: 1000 });
      all.push(...page);
      if (page.length < 1000) return all;
    }
  } finally {
    await store.close();
  }
}

export const isoDate = (daysFromToday: number): string => new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);
