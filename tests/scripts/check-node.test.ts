import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/check-node.mjs', import.meta.url));
const ROOT_MANIFEST = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
// The distribution's own Node (v20 on the project's machines): a real old Node, not a simulated version.
const SYSTEM_NODE = '/usr/bin/node';

function versionOf(node: string): string {
  return execFileSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
}

function run(node: string) {
  return spawnSync(node, [SCRIPT], { encoding: 'utf8' });
}

/** The script's pure check, called in a child process: it is plain JavaScript without type declarations. */
function problemFor(versions: string[], range: string): (string | null)[] {
  const code = `import { nodeVersionProblem } from ${JSON.stringify(`file://${SCRIPT}`)};
    console.log(JSON.stringify(${JSON.stringify(versions)}.map((v) => nodeVersionProblem(v, ${JSON.stringify(range)}) ?? null)));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }));
}

const systemNodeIsOld = existsSync(SYSTEM_NODE) && problemFor([versionOf(SYSTEM_NODE)], ROOT_MANIFEST.engines.node)[0] !== null;

describe('scripts/check-node.mjs (run before npm start, demo and test)', () => {
  it('is chained in front of start, demo and test', () => {
    for (const name of ['start', 'demo', 'test']) expect(ROOT_MANIFEST.scripts[name], name).toMatch(/^node scripts\/check-node\.mjs && /);
  });

  it('says nothing and exits 0 on this Node', () => {
    const result = run(process.execPath);
    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).toBe('');
  });

  it.skipIf(!systemNodeIsOld)(`prints one line naming the needed version and how to get it on ${SYSTEM_NODE}`, () => {
    const result = run(SYSTEM_NODE);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('needs Node.js 22.22 or newer');
    expect(lines[0]).toContain(`this is v${versionOf(SYSTEM_NODE)}`);
    expect(lines[0]).toContain('https://nodejs.org/en/download');
  });

  it('compares major, minor and patch against the engines range', () => {
    const [old20, old22, exact, newer22, newer24] = problemFor(['20.20.2', '22.21.9', '22.22.0', 'v22.23.1', '24.0.0'], '>=22.22');
    expect(old20).toMatch(/needs Node.js 22.22 or newer \(this is v20.20.2\)/);
    expect(old22).toMatch(/this is v22.21.9/);
    expect([exact, newer22, newer24]).toEqual([null, null, null]);
    expect(problemFor(['22.22.0', '22.22.1'], '>=22.22.1')[0]).toMatch(/needs Node.js 22.22.1 or newer/);
  });
});
