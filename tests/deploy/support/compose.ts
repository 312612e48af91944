import { parse } from 'yaml';
import { parseEnvFile, readRepoFile } from './paths.ts';

// biome-ignore lint/suspicious/noExplicitAny: the compose file is walked as plain data
export type ComposeFile = { services: Record<string, any>; [key: string]: any };

/**
 * Compose's variable interpolation: `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?error}`, `${VAR:+alt}`, `$VAR`, `$$` (a literal $).
 */
export function interpolate(text: string, vars: Record<string, string | undefined>): string {
  const pattern = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
  return text.replace(pattern, (match, name?: string, op?: string, arg = '', bare?: string) => {
    if (match === '$$') return '$';
    if (bare) return vars[bare] ?? '';
    const value = vars[name!];
    const unset = op?.startsWith(':') ? !value : value === undefined;
    switch (op?.replace(':', '')) {
      case '-':
        return unset ? interpolate(arg, vars) : value!;
      case '?':
        if (unset) throw new Error(`${name}: ${arg || 'required'}`);
        return value!;
      case '+':
        return unset ? '' : interpolate(arg, vars);
      default:
        return value ?? '';
    }
  });
}

function interpolateDeep(value: unknown, vars: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') return interpolate(value, vars);
  if (Array.isArray(value)) return value.map((item) => interpolateDeep(item, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, vars)]));
  }
  return value;
}

/** docker-compose.yml as compose sees it: YAML merge keys resolved, variables interpolated from `vars`. */
export function loadCompose(vars: Record<string, string | undefined> = {}): ComposeFile {
  const raw = parse(readRepoFile('docker-compose.yml'), { merge: true });
  return interpolateDeep(raw, vars) as ComposeFile;
}

const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value as string]);

/** A service's environment: env_file entries, then `environment` (which wins), as strings. */
// biome-ignore lint/suspicious/noExplicitAny: a compose service definition
export function serviceEnv(service: any): Record<string, string> {
  const env: Record<string, string> = {};
  for (const file of asList(service.env_file)) {
    const path = typeof file === 'string' ? file : (file as { path: string }).path;
    Object.assign(env, parseEnvFile(readRepoFile(path)));
  }
  const environment = service.environment ?? {};
  const entries: [string, unknown][] = Array.isArray(environment)
    ? environment.map((line: string) => {
        const eq = line.indexOf('=');
        return eq < 0 ? [line, ''] : [line.slice(0, eq), line.slice(eq + 1)];
      })
    : Object.entries(environment);
  for (const [name, value] of entries) env[name] = value === null || value === undefined ? '' : String(value);
  return env;
}
