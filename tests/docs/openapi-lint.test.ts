import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standaloneOpenApiDocument } from './standalone-openapi.ts';

const REDOCLY = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
const CONFIG = fileURLToPath(new URL('../../redocly.yaml', import.meta.url));

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

const workDir = mkdtempSync(join(tmpdir(), 'ejp-redocly-'));
let document: Record<string, unknown>;
let problems: LintProblem[];

beforeAll(async () => {
  document = await standaloneOpenApiDocument();
  const file = join(workDir, 'openapi.json');
  writeFileSync(file, JSON.stringify(document, null, 2));
  // The same Node that runs the tests; no telemetry or update check leaves the machine.
  const result = spawnSync(process.execPath, [REDOCLY, 'lint', file, '--config', CONFIG, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  });
  const start = result.stdout.indexOf('{');
  if (start < 0) throw new Error(`redocly printed no report (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  problems = JSON.parse(result.stdout.slice(start)).problems;
}, 60_000);
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const summary = (list: LintProblem[]) => list.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`).join('\n');

describe('the standalone OpenAPI document', () => {
  it('passes redocly lint with the recommended rules without an error', () => {
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors, summary(errors)).toEqual([]);
  });

  it('names every operation with a unique camelCase operationId', () => {
    const ids = Object.values(document.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((item) =>
      Object.values(item).map((operation) => operation.operationId),
    );
    expect(ids.length).toBeGreaterThanOrEqual(14);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares every tag it uses, with a description', () => {
    const used = new Set(
      Object.values(document.paths as Record<string, Record<string, { tags?: string[] }>>).flatMap((item) =>
        Object.values(item).flatMap((operation) => operation.tags ?? []),
      ),
    );
    const declared = document.tags as { name: string; description: string }[];
    expect(declared.map((tag) => tag.name).sort()).toEqual([...used].sort());
    for (const tag of declared) expect(tag.description, tag.name).not.toBe('');
  });

  it('marks personal data only with the x-personal-data extension', () => {
    const text = JSON.stringify(document);
    expect(text).toContain('"x-personal-data":true');
    expect(text).not.toContain('"personalData"');
  });
});
