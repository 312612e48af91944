import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, waitUntil } from '../../test/contract/helpers.ts';
import { openDatabase } from './database.ts';
import { openSqliteEventStore } from './event-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'ejp-sqlite-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const child = join(import.meta.dirname, '../../test/fixtures/append-forever.ts');

/** Starts the appending child; resolves with the acknowledged ids once it has been SIGKILLed after `acks` of them. */
function appendThenKill(path: string, acks: number, onAck?: (id: string) => void): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buffered = '';
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        acked.push(line.replace(/^ack /, ''));
        onAck?.(acked.at(-1)!);
      }
      // Killed right after reading the ack, while the child is already inside its next append.
      if (acked.length >= acks && proc.exitCode === null) proc.kill('SIGKILL');
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`child exited ${code}: ${stderr}`)),
    );
  });
}

describe('sqlite durability', () => {
  it('opens in WAL mode with synchronous=FULL', () => {
    const db = openDatabase({ path: join(dir, 'pragmas.db') });
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2n }); // 2 = FULL
    db.close();
  });

  it('keeps every acknowledged append when the writing process is SIGKILLed', { timeout: 30_000 }, async () => {
    const path = join(dir, 'killed.db');
    const acked = await appendThenKill(path, 25);
    expect(acked.length).toBeGreaterThanOrEqual(25);

    const raw = new DatabaseSync(path);
    expect(raw.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    raw.close();
    const store = await openSqliteEventStore({ path });
    const stored = (await store.readStream('durability')).map((e) => e.id);
    expect(stored.slice(0, acked.length)).toEqual(acked); // the kill may have landed after one more commit
    const next = await store.appendToStream('durability', [{ id: crypto.randomUUID(), type: 'AfterCrash', data: {} }]);
    expect(next.nextExpectedRevision).toBe(BigInt(stored.length));
    await store.close();
  });

  it('delivers live to a subscriber in this process what another process appends (polling)', { timeout: 30_000 }, async () => {
    const path = join(dir, 'shared.db');
    const store = await openSqliteEventStore({ path, pollIntervalMs: 20 });
    const subscriber = collect(store, { filter: { streamPrefixes: ['durability'] } });
    const acked = await appendThenKill(path, 5);
    await waitUntil(() => subscriber.delivered.length >= acked.length, 10_000, 'deliveries from the other process');
    await subscriber.subscription.stop();
    expect(subscriber.delivered.map((e) => e.id).slice(0, acked.length)).toEqual(acked);
    await store.close();
  });
});
