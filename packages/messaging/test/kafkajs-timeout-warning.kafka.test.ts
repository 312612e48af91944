import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findServer, urlOf } from '@ejp/testkit';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const kafkaServer = await findServer('kafka');
const probe = new URL('./support/negative-timeout-probe.ts', import.meta.url).pathname;

/** The warnings a fresh process reports (Node reports a negative timeout once per process, hence one process each). */
async function warningsOf(filter: 'on' | 'off', trigger: 'kafkajs' | 'own'): Promise<string[]> {
  const { stdout } = await run(process.execPath, ['--no-warnings=ExperimentalWarning', probe, urlOf(kafkaServer), filter, trigger], { timeout: 30_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as string[];
}

describe.runIf(kafkaServer.available)("kafkajs's negative timeout on Node 24", () => {
  it('is reported by a bare kafkajs connection, not once the adapter filters it; anyone else\'s still is', async () => {
    expect(await warningsOf('off', 'kafkajs')).toContain('TimeoutNegativeWarning'); // the cause is real
    expect(await warningsOf('on', 'kafkajs')).not.toContain('TimeoutNegativeWarning');
    expect(await warningsOf('on', 'own')).toContain('TimeoutNegativeWarning');
  });
});
