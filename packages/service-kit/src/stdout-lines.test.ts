import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('../test/fixtures/log-then-exit.ts', import.meta.url));

async function run(env: Record<string, string>): Promise<{ code: number | null; lines: Array<Record<string, unknown>> }> {
  const child = spawn(process.execPath, [FIXTURE], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, lines: out.split('\n').filter((text) => text !== '').map((text) => JSON.parse(text) as Record<string, unknown>) };
}

describe('stdout log lines gathered per loop turn', () => {
  it('writes every line, whole and in order, when the process exits right after logging', async () => {
    // 20,000 lines of ~120 characters overflow the 64 KiB gather limit and the pipe's buffer many times.
    const { code, lines } = await run({ LINES: '20000' });
    expect(code).toBe(0);
    expect(lines).toHaveLength(20_001);
    expect(lines.slice(0, -1).map((line) => line.index)).toEqual(Array.from({ length: 20_000 }, (_, index) => index));
    expect(lines.at(-1)).toMatchObject({ msg: 'exiting', service: 'log-then-exit' });
    // Two loggers of one process share the destination, so their lines interleave in the order written.
    expect(lines[10_001]).toMatchObject({ index: 10_001, service: 'log-then-exit-second' });
  }, 30_000);

  it('flushes the last line before exit 1 too', async () => {
    const { code, lines } = await run({ LINES: '2', EXIT_CODE: '1' });
    expect(code).toBe(1);
    expect(lines.map((line) => line.msg)).toEqual(['same turn', 'next turn', 'exiting']);
  }, 30_000);
});
