// A package's runtime import graph, read from its TypeScript sources without
// running them: enough to tell whether a production entry point reaches test
// support. Type-only imports are left out (they vanish when Node strips types).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const STATIC_IMPORT = /\b(?:import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The specifiers a module imports at run time, in source order. */
export function runtimeImportsOf(source: string): string[] {
  // Comments may quote import statements; string contents like URLs must stay intact.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const [, typeOnly, specifier] of code.matchAll(STATIC_IMPORT)) if (!typeOnly) found.push(specifier!);
  for (const [, specifier] of code.matchAll(DYNAMIC_IMPORT)) found.push(specifier!);
  return found;
}

export interface ReachedImport {
  /** The module that imports it. */
  from: string;
  specifier: string;
  /** Absolute path when the specifier is relative. */
  file?: string;
}

/** Every import reachable from `entry` through relative imports (other packages are not followed). */
export function reachableImports(entry: string): ReachedImport[] {
  const seen = new Set<string>();
  const reached: ReachedImport[] = [];
  const pending = [resolve(entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of runtimeImportsOf(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) {
        reached.push({ from: file, specifier });
        continue;
      }
      const target = resolve(dirname(file), specifier);
      reached.push({ from: file, specifier, file: target });
      if (target.endsWith('.ts') && existsSync(target)) pending.push(target);
    }
  }
  return reached;
}
