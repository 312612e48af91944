import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

/** The production budget of the first page (issue 19): what the browser must fetch before anything shows. */
const FIRST_PAGE_BUDGET_BYTES = 250 * 1024;

const web = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'ejp-web-dist-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the production build', () => {
  it('keeps the first page under 250 KB gzipped, the chart library out of it', { timeout: 120_000 }, () => {
    execFileSync('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], { cwd: web, stdio: 'pipe' });
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    // The entry script, its static imports (modulepreload) and the stylesheet: everything index.html names.
    const firstPage = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(firstPage.some((path) => path.endsWith('.js'))).toBe(true);
    const sizes = firstPage.map((path) => gzipSync(readFileSync(join(out, path))).length);
    const total = gzipSync(html).length + sizes.reduce((a, b) => a + b, 0);
    console.log(`first page: ${(total / 1024).toFixed(1)} KB gzipped (budget ${FIRST_PAGE_BUDGET_BYTES / 1024} KB): ${firstPage.join(', ')}`);
    expect(total).toBeLessThan(FIRST_PAGE_BUDGET_BYTES);
    // Chart.js marks the objects it owns with `$chartjs`: present in the build, absent from the first page.
    const chunks = readdirSync(join(out, 'assets')).filter((name) => name.endsWith('.js'));
    expect(chunks.some((name) => readFileSync(join(out, 'assets', name), 'utf8').includes('$chartjs'))).toBe(true);
    for (const path of firstPage) expect(readFileSync(join(out, path), 'utf8'), path).not.toContain('$chartjs');
  });
});
