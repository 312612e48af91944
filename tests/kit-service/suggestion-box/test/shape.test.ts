import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The claim of the guide (docs/adding-a-service.md): a service is a domain
// module, a route table and a main of about 40 lines, and nothing else.
const serviceDir = new URL('../', import.meta.url);
const source = (file: string) => readFileSync(new URL(file, serviceDir), 'utf8');
const importsOf = (file: string) => [...source(file).matchAll(/^import (type )?[^;]*? from '([^']+)';$/gms)].map((m) => ({ typeOnly: m[1] !== undefined, from: m[2]! }));

describe('the suggestion box service', () => {
  it('is domain.ts, routes.ts and main.ts, beside its tests', () => {
    expect(readdirSync(serviceDir).sort()).toEqual(['domain.ts', 'main.ts', 'routes.ts', 'test']);
    const tests = readdirSync(new URL('test/', serviceDir));
    expect(tests.filter((name) => !name.endsWith('.test.ts'))).toEqual([]);
  });

  it('has a main of about 40 lines', () => {
    expect(source('main.ts').trimEnd().split('\n').length).toBeLessThanOrEqual(50);
  });

  it('has a pure domain module: the kit, the contracts and nothing that does I/O', () => {
    expect(new Set(importsOf('domain.ts').map((i) => i.from))).toEqual(new Set(['@ejp/command-kit', '@ejp/contracts', '../contracts/suggestion-box.ts']));
  });

  it('leaves the choice of adapters to main: the route table sees the event store port only', () => {
    const imports = importsOf('routes.ts');
    expect(imports.filter((i) => i.from === '@ejp/eventstore')).toEqual([{ typeOnly: true, from: '@ejp/eventstore' }]);
    expect(importsOf('main.ts').map((i) => i.from)).toContain('@ejp/eventstore');
  });
});
