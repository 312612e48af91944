// Renders the README's configuration table from the services' zod config
// schemas (the single source), so the documentation cannot drift from what
// the processes actually validate at start.
import { baseConfigSchema, describeConfig } from '@ejp/service-kit';
import { serviceConfigSchemas } from '../deploy/service-configs.ts';

export const TABLE_START = '<!-- config-table:start -->';
export const TABLE_END = '<!-- config-table:end -->';

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderConfigTable(): string {
  const base = new Set(describeConfig(baseConfigSchema).map((row) => row.name));
  const rows = new Map<string, { services: string[]; requiredBy: string[]; defaults: Map<string, string>; description: string }>();
  for (const [service, schema] of Object.entries(serviceConfigSchemas)) {
    for (const row of describeConfig(schema)) {
      const known = rows.get(row.name);
      const entry = known ?? { services: [] as string[], requiredBy: [] as string[], defaults: new Map<string, string>(), description: row.description };
      entry.services.push(service);
      if (row.required) entry.requiredBy.push(service);
      if (row.default !== undefined) entry.defaults.set(service, row.default);
      rows.set(row.name, entry);
    }
  }
  const names = [...rows.keys()].sort((a, b) => Number(base.has(b)) - Number(base.has(a)) || a.localeCompare(b));
  const allServices = Object.keys(serviceConfigSchemas).length;
  const lines = ['| variable | services | required | default | description |', '|---|---|---|---|---|'];
  for (const name of names) {
    const row = rows.get(name)!;
    const services = row.services.length === allServices ? 'all' : row.services.join(', ');
    // Services may default one variable differently (e.g. KAFKA_CLIENT_ID): name each then.
    const distinct = new Set(row.defaults.values());
    const fallback =
      distinct.size <= 1
        ? [...distinct].map((value) => `\`${value}\``).join('')
        : [...row.defaults].map(([service, value]) => `${service}: \`${value}\``).join('<br>');
    // Required by some of the services only (KAFKA_BROKERS: optional for feedback): name those.
    const required = row.requiredBy.length === 0 ? 'no' : row.requiredBy.length === row.services.length ? 'yes' : row.requiredBy.join(', ');
    lines.push(`| \`${name}\` | ${services} | ${required} | ${escapeCell(fallback)} | ${escapeCell(row.description)} |`);
  }
  return lines.join('\n');
}

/** The README with its table section replaced by a freshly rendered one. */
export function withConfigTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${TABLE_START} ... ${TABLE_END} markers`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${renderConfigTable()}\n${readme.slice(end)}`;
}
