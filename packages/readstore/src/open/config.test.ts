import { describe, expect, it } from 'vitest';
import { DEFAULT_READSTORE_FILE, readStoreConfigSchema, readStoreLocation } from './config.ts';

/** The problems the schema reports for an environment, as `VARIABLE: message` (what loadConfig prints). */
function problems(env: Record<string, string>): string[] {
  const result = readStoreConfigSchema.safeParse(env);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('READSTORE_* (readStoreConfigShape)', () => {
  it('defaults to the embedded SQLite file data/read-models.db, database ejp, prefix rm_', () => {
    const config = readStoreConfigSchema.parse({});
    expect(config).toEqual({ READSTORE_BACKEND: 'sqlite', READSTORE_DATABASE: 'ejp', READSTORE_PREFIX: 'rm_' });
    expect(readStoreLocation(config)).toBe(DEFAULT_READSTORE_FILE);
    expect(DEFAULT_READSTORE_FILE).toBe('data/read-models.db');
  });

  it('takes READSTORE_URL as the file path for sqlite and the connection string for mongodb', () => {
    expect(readStoreLocation(readStoreConfigSchema.parse({ READSTORE_URL: '/srv/rm.db' }))).toBe('/srv/rm.db');
    for (const url of ['mongodb://mongo:27017/?replicaSet=rs0', 'mongodb+srv://cluster.example.com/ejp']) {
      expect(problems({ READSTORE_BACKEND: 'mongodb', READSTORE_URL: url })).toEqual([]);
      expect(readStoreLocation(readStoreConfigSchema.parse({ READSTORE_BACKEND: 'mongodb', READSTORE_URL: url }))).toBe(url);
    }
  });

  it('names READSTORE_URL when mongodb has none, or it does not fit the backend', () => {
    expect(problems({ READSTORE_BACKEND: 'mongodb' })).toEqual(['READSTORE_URL: is required when READSTORE_BACKEND=mongodb']);
    expect(problems({ READSTORE_BACKEND: 'mongodb', READSTORE_URL: 'postgres://db/ejp' })).toEqual([
      'READSTORE_URL: must be a mongodb:// or mongodb+srv:// URL when READSTORE_BACKEND=mongodb',
    ]);
    // The likely slip: a MongoDB URL with the backend left at its default.
    expect(problems({ READSTORE_URL: 'mongodb://mongo:27017' })).toEqual([
      'READSTORE_URL: must be a file path when READSTORE_BACKEND=sqlite (a URL needs READSTORE_BACKEND=mongodb)',
    ]);
    expect(() => readStoreLocation({ READSTORE_BACKEND: 'mongodb' })).toThrow(/READSTORE_URL is required/);
  });

  it('names READSTORE_BACKEND and READSTORE_PREFIX when their values are wrong', () => {
    expect(problems({ READSTORE_BACKEND: 'postgres' })).toEqual([expect.stringMatching(/^READSTORE_BACKEND: /)]);
    expect(problems({ READSTORE_PREFIX: 'Read-Models' })).toEqual(['READSTORE_PREFIX: must be a lower-case letter, then up to 15 of [a-z0-9_]']);
  });
});
