import { readFileSync } from 'node:fs';
import { ConfigError, describeConfig, loadConfig } from '@ejp/service-kit';
import { describe, expect, it } from 'vitest';
import { standaloneConfigSchema } from '../src/config.ts';

describe('standaloneConfigSchema', () => {
  it('defaults to local use: no auth, data in ./data, port 3000', () => {
    expect(loadConfig(standaloneConfigSchema, {})).toMatchObject({ AUTH_MODE: 'off', DATA_DIR: 'data', PORT: 3000 });
  });

  it('keeps the kit cross-variable rules and names every bad variable', () => {
    expect(() => loadConfig(standaloneConfigSchema, { AUTH_MODE: 'hs256', READ_WAIT_TIMEOUT_MS: '-1' })).toThrow(ConfigError);
    try {
      loadConfig(standaloneConfigSchema, { AUTH_MODE: 'hs256', READ_WAIT_TIMEOUT_MS: '-1' });
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.variable).sort()).toEqual(['AUTH_HS256_SECRET', 'READ_WAIT_TIMEOUT_MS']);
    }
  });

  it('describes every variable, and the README lists each of them', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const variable of describeConfig(standaloneConfigSchema)) expect(readme).toContain(`| \`${variable.name}\` |`);
  });
});
