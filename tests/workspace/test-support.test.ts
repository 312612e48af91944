import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reachableImports, runtimeImportsOf } from './import-graph.ts';
import { REPO_ROOT, workspacePackages } from './workspace-packages.ts';

/** Test tooling that must never be installed or loaded in production. */
const TEST_ONLY_PACKAGES = ['vitest', 'fast-check', '@ejp/testkit', '@grpc/grpc-js'];

const packages = workspacePackages();
const isTestingEntry = (subpath: string) => subpath === './testing' || subpath.startsWith('./testing/');

/** Why an import is test support, or undefined when it is production code. */
function testSupportReason(specifier: string, file: string | undefined, packageDir: string): string | undefined {
  if (file !== undefined) {
    const inPackage = relative(packageDir, file).split(sep);
    if (inPackage[0] === 'test') return 'a file of the test/ folder';
    if (/\.test\.ts$/.test(file)) return 'a test file';
    return undefined;
  }
  const bare = TEST_ONLY_PACKAGES.find((name) => specifier === name || specifier.startsWith(`${name}/`));
  if (bare) return `the test-only package ${bare}`;
  if (/^@ejp\/[^/]+\/testing(\/|$)/.test(specifier)) return 'a testing entry point';
  return undefined;
}

function testSupportReachedFrom(packageDir: string, target: string): string[] {
  return reachableImports(join(packageDir, target)).flatMap(({ from, specifier, file }) => {
    const reason = testSupportReason(specifier, file, packageDir);
    return reason ? [`${relative(REPO_ROOT, from)} imports '${specifier}' (${reason})`] : [];
  });
}

describe('test support stays out of production', () => {
  it('found the workspace packages', () => {
    expect(packages.map((p) => p.manifest.name)).toEqual(expect.arrayContaining(['@ejp/eventstore', '@ejp/readstore', '@ejp/onboarding']));
  });

  it.each(packages.map((p) => [p.manifest.name, p] as const))('%s has no test-only package in its production dependencies', (_, { manifest }) => {
    const production = Object.keys(manifest.dependencies ?? {});
    expect(production.filter((name) => TEST_ONLY_PACKAGES.includes(name))).toEqual([]);
  });

  // @ejp/testkit is test support as a whole: it is checked by never being a production dependency.
  const productionPackages = packages.filter((p) => !TEST_ONLY_PACKAGES.includes(p.manifest.name));
  const entryPoints = productionPackages.flatMap(({ dir, manifest }) =>
    Object.entries(manifest.exports ?? {})
      .filter(([subpath]) => !isTestingEntry(subpath))
      .map(([subpath, target]) => [`${manifest.name}${subpath.slice(1)}`, dir, target] as const),
  );

  it.each(entryPoints)('production entry point %s imports no test support', (_, dir, target) => {
    expect(testSupportReachedFrom(dir, target)).toEqual([]);
  });

  it('would notice: the testing entry points do reach test-only packages', () => {
    const eventstore = packages.find((p) => p.manifest.name === '@ejp/eventstore')!;
    const found = testSupportReachedFrom(eventstore.dir, eventstore.manifest.exports!['./testing']!).join('\n');
    for (const name of ['vitest', 'fast-check', '@ejp/testkit', '@grpc/grpc-js']) expect(found).toContain(`'${name}'`);
  });
});

describe('runtimeImportsOf', () => {
  it('reads static, re-exported, side-effect and dynamic imports but not type-only ones', () => {
    const source = [
      "import type { A } from './types.ts';",
      "import { type B, c } from './c.ts';",
      'import {\n  d,\n  e,\n} from "./d.ts";',
      "export { f } from './f.ts';",
      "export type { G } from './g.ts';",
      "export * as h from '@ejp/h';",
      "import './side-effect.ts';",
      "// import { nope } from './commented.ts';",
      "const later = await import('@ejp/eventstore/esdb');",
      "const url = 'http://example.com/import';",
    ].join('\n');
    expect(runtimeImportsOf(source)).toEqual(['./c.ts', './d.ts', './f.ts', '@ejp/h', './side-effect.ts', '@ejp/eventstore/esdb']);
  });
});
