import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serviceConfigSchemas } from '../deploy/service-configs.ts';
import { renderConfigTable, withConfigTable } from './config-table.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README configuration table', () => {
  it('matches the services zod config schemas (run `npm run docs:config` to update)', () => {
    expect(readme).toBe(withConfigTable(readme));
  });

  it('lists every variable of every service schema', () => {
    const table = renderConfigTable();
    for (const schema of Object.values(serviceConfigSchemas)) {
      const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
      for (const name of Object.keys(shape ?? {})) expect(table).toContain(`\`${name}\``);
    }
    expect(table).toContain('`AUTH_MODE`');
  });
});
