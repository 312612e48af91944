import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS_FILE, importablePackages, loadErrorCatalogue, renderErrorCatalogue } from './error-catalogue.ts';

const documented = readFileSync(ERRORS_FILE, 'utf8');
const entries = await loadErrorCatalogue();
const codesInDocs = [...documented.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((match) => match[1]!);

describe('docs/errors.md (run `npm run docs:errors` to update)', () => {
  it('lists every code the catalogue defines, with its status and title', () => {
    const missing = entries.filter((entry) => !codesInDocs.includes(entry.code)).map((entry) => entry.code);
    expect(missing, 'defined but not in docs/errors.md').toEqual([]);
    for (const entry of entries) expect(documented).toContain(`| \`${entry.code}\` | ${entry.status} | ${entry.title.replace(/\|/g, '\\|')} |`);
  });

  it('lists no code that is no longer defined', () => {
    const defined = new Set(entries.map((entry) => entry.code));
    expect(codesInDocs.filter((code) => !defined.has(code)), 'in docs/errors.md but not defined').toEqual([]);
  });

  it('is exactly what the generator writes', () => {
    expect(documented).toBe(renderErrorCatalogue(entries));
  });

  it('loaded the services, not only the kit', () => {
    const from = new Set(entries.map((entry) => entry.definedIn));
    expect(importablePackages().map((p) => p.name)).toEqual(expect.arrayContaining(['@ejp/service-kit', '@ejp/onboarding', '@ejp/journey-api']));
    expect([...from]).toEqual(expect.arrayContaining(['@ejp/service-kit', '@ejp/onboarding', '@ejp/journey-api']));
    expect(entries.find((entry) => entry.code === 'EJP_VALIDATION')).toMatchObject({ status: 400, definedIn: '@ejp/service-kit' });
  });
});
