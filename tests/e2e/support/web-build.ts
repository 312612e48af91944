import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const LOCK = `${ROOT}packages/web/.build-lock`;

/**
 * The web app the browser tests open is the one in the sources now: built
 * when stale (packages/web/scripts/build-if-stale.ts), one test file at a
 * time (vitest runs files in parallel workers; mkdir is the lock).
 */
export function buildWebApp(): void {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${LOCK} held for two minutes: remove it if no build runs`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    execFileSync(process.execPath, ['packages/web/scripts/build-if-stale.ts'], { cwd: ROOT, stdio: 'ignore' });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
