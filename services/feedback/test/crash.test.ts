import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SurveyResponseStreams } from '@ejp/contracts';
import { openSqliteEventStore } from '@ejp/eventstore';
import { signDevToken } from '@ejp/service-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { answersOf, people, questions } from './support.ts';

const MAIN = new URL('../src/main.ts', import.meta.url).pathname;
const SECRET = 'feedback-crash-test-secret-of-32-characters';
let child: ChildProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

function start(dataDir: string): Promise<string> {
  child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      AUTH_MODE: 'hs256',
      AUTH_HS256_SECRET: SECRET,
      EVENTSTORE_BACKEND: 'sqlite',
      EVENTSTORE_URL: join(dataDir, 'events.db'),
      READSTORE_URL: join(dataDir, 'read.db'),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not listening within 30 s:\n${output}`)), 30_000);
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child!.stdout!.on('data', seen);
    child!.stderr!.on('data', seen);
    child!.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

async function post(base: string, path: string, subject: string, roles: string[], body: unknown) {
  const token = await signDevToken({ secret: SECRET, subject, roles });
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { events: { id: string }[] } };
}

describe('a crash of the feedback process', () => {
  it('loses no acknowledged response: SIGKILL in the middle of a burst, every 201 is on disk', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ejp-feedback-crash-'));
    const base = await start(dir);
    const roster = people(40);
    const surveyId = randomUUID();
    expect((await post(base, '/surveys', 'hr-1', ['hr'], { surveyId, title: 'Pulse', kind: 'pulse', audience: { kind: 'everyone' }, questions })).status).toBe(201);
    expect((await post(base, `/surveys/${surveyId}/launch`, 'hr-1', ['hr'], { roster })).status).toBe(200);
    const acknowledged: string[] = [];
    const burst = roster.map(async (person, i) => {
      try {
        const answered = await post(base, `/surveys/${surveyId}/responses`, person.employeeId, ['employee'], { answers: answersOf(1 + (i % 5)) });
        if (answered.status === 201) {
          acknowledged.push(answered.body.events[0]!.id);
          if (acknowledged.length === 10) child!.kill('SIGKILL');
        }
      } catch {
        // The process died under this request: it was never acknowledged.
      }
    });
    await Promise.all(burst);
    expect(acknowledged.length).toBeGreaterThanOrEqual(10);

    const store = await openSqliteEventStore({ path: join(dir, 'events.db') });
    try {
      const stored = await store.readAll({ filter: { streamPrefixes: [SurveyResponseStreams.streamOf(`${surveyId}.`)] } });
      expect(stored.map((e) => e.id)).toEqual(expect.arrayContaining(acknowledged));
    } finally {
      await store.close();
    }
  }, 60_000);
});
