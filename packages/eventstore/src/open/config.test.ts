import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EVENTSTORE_FILE,
  eventStoreConfigSchema,
  eventStoreLocation,
  keyStoreBackendOf,
  keyStoreLocation,
  shreddingEventStoreConfigSchema,
} from './config.ts';

/** The problems a schema reports for an environment, as `VARIABLE: message` (what loadConfig prints). */
function problems(schema: typeof eventStoreConfigSchema | typeof shreddingEventStoreConfigSchema, env: Record<string, string>): string[] {
  const result = schema.safeParse(env);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const parse = (env: Record<string, string>) => shreddingEventStoreConfigSchema.parse(env);
const MASTER = { KEYSTORE_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') };

describe('EVENTSTORE_* (eventStoreConfigShape)', () => {
  it('defaults to the embedded SQLite file data/events.db', () => {
    const config = eventStoreConfigSchema.parse({});
    expect(config).toEqual({ EVENTSTORE_BACKEND: 'sqlite', EVENTSTORE_SCHEMA: 'eventstore' });
    expect(eventStoreLocation(config)).toBe(DEFAULT_EVENTSTORE_FILE);
    expect(DEFAULT_EVENTSTORE_FILE).toBe('data/events.db');
  });

  it('takes EVENTSTORE_URL as the file path for sqlite and the connection string for postgres and esdb', () => {
    expect(eventStoreLocation(eventStoreConfigSchema.parse({ EVENTSTORE_URL: '/var/lib/ejp/events.db' }))).toBe('/var/lib/ejp/events.db');
    for (const [backend, url] of [
      ['postgres', 'postgres://u:p@db:5432/ejp'],
      ['postgres', 'postgresql://db/ejp'],
      ['esdb', 'esdb://es:2113?tls=false'],
      ['esdb', 'esdb+discover://cluster:2113'],
    ] as const) {
      expect(problems(eventStoreConfigSchema, { EVENTSTORE_BACKEND: backend, EVENTSTORE_URL: url }), url).toEqual([]);
      expect(eventStoreLocation(eventStoreConfigSchema.parse({ EVENTSTORE_BACKEND: backend, EVENTSTORE_URL: url }))).toBe(url);
    }
  });

  it('names EVENTSTORE_URL when a server backend has none', () => {
    expect(problems(eventStoreConfigSchema, { EVENTSTORE_BACKEND: 'postgres' })).toEqual(['EVENTSTORE_URL: is required when EVENTSTORE_BACKEND=postgres']);
    expect(problems(eventStoreConfigSchema, { EVENTSTORE_BACKEND: 'esdb' })).toEqual(['EVENTSTORE_URL: is required when EVENTSTORE_BACKEND=esdb']);
    expect(() => eventStoreLocation({ EVENTSTORE_BACKEND: 'postgres' })).toThrow(/EVENTSTORE_URL is required/);
  });

  it('names EVENTSTORE_URL when it does not fit the backend', () => {
    expect(problems(eventStoreConfigSchema, { EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: 'data/events.db' })).toEqual([
      'EVENTSTORE_URL: must be a postgres:// or postgresql:// URL when EVENTSTORE_BACKEND=postgres',
    ]);
    expect(problems(eventStoreConfigSchema, { EVENTSTORE_BACKEND: 'esdb', EVENTSTORE_URL: 'postgres://db/ejp' })).toEqual([
      'EVENTSTORE_URL: must be an esdb:// or esdb+discover:// URL when EVENTSTORE_BACKEND=esdb',
    ]);
    // The likely slip: a server URL with the backend left at its default.
    expect(problems(eventStoreConfigSchema, { EVENTSTORE_URL: 'postgres://db/ejp' })).toEqual([
      'EVENTSTORE_URL: must be a file path when EVENTSTORE_BACKEND=sqlite (a URL needs the backend set to match it)',
    ]);
  });

  it('names EVENTSTORE_BACKEND and EVENTSTORE_SCHEMA when their values are wrong', () => {
    expect(problems(eventStoreConfigSchema, { EVENTSTORE_BACKEND: 'mongodb' })).toEqual([expect.stringMatching(/^EVENTSTORE_BACKEND: /)]);
    expect(problems(eventStoreConfigSchema, { EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: 'postgres://db/ejp', EVENTSTORE_SCHEMA: 'Event-Store' })).toEqual([
      'EVENTSTORE_SCHEMA: must be a lower-case SQL identifier of at most 50 characters',
    ]);
  });
});

describe('KEYSTORE_* (keyStoreConfigShape)', () => {
  it('keeps the keys in the event store database when it is sqlite or postgres', () => {
    expect(keyStoreLocation(parse({}))).toBe(DEFAULT_EVENTSTORE_FILE);
    const sqlite = parse({ EVENTSTORE_URL: '/srv/events.db' });
    expect([keyStoreBackendOf(sqlite), keyStoreLocation(sqlite)]).toEqual(['sqlite', '/srv/events.db']);
    const postgres = parse({ EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: 'postgres://db/ejp', ...MASTER });
    expect([keyStoreBackendOf(postgres), keyStoreLocation(postgres)]).toEqual(['postgres', 'postgres://db/ejp']);
  });

  it('next to EventStoreDB, defaults to sqlite in data/events.db, or takes KEYSTORE_URL', () => {
    const esdb = { EVENTSTORE_BACKEND: 'esdb', EVENTSTORE_URL: 'esdb://es:2113' };
    expect(keyStoreLocation(parse(esdb))).toBe(DEFAULT_EVENTSTORE_FILE);
    const postgresKeys = parse({ ...esdb, KEYSTORE_BACKEND: 'postgres', KEYSTORE_URL: 'postgres://db/keys', ...MASTER });
    expect([keyStoreBackendOf(postgresKeys), keyStoreLocation(postgresKeys)]).toEqual(['postgres', 'postgres://db/keys']);
  });

  it('names KEYSTORE_URL when a postgres key store has no database to default to', () => {
    expect(problems(shreddingEventStoreConfigSchema, { EVENTSTORE_BACKEND: 'esdb', EVENTSTORE_URL: 'esdb://es:2113', KEYSTORE_BACKEND: 'postgres', ...MASTER })).toEqual([
      'KEYSTORE_URL: is required when KEYSTORE_BACKEND=postgres and the event store is not PostgreSQL',
    ]);
    expect(problems(shreddingEventStoreConfigSchema, { KEYSTORE_BACKEND: 'postgres', ...MASTER })).toEqual([
      'KEYSTORE_URL: is required when KEYSTORE_BACKEND=postgres and the event store is not PostgreSQL',
    ]);
  });

  it('names KEYSTORE_URL when it does not fit the key store backend', () => {
    expect(problems(shreddingEventStoreConfigSchema, { KEYSTORE_URL: 'postgres://db/keys' })).toEqual([
      'KEYSTORE_URL: must be a file path when KEYSTORE_BACKEND=sqlite (a URL needs the backend set to match it)',
    ]);
    expect(problems(shreddingEventStoreConfigSchema, { KEYSTORE_BACKEND: 'postgres', KEYSTORE_URL: 'keys.db', ...MASTER })).toEqual([
      'KEYSTORE_URL: must be a postgres:// or postgresql:// URL when KEYSTORE_BACKEND=postgres',
    ]);
  });

  it('reports a missing EVENTSTORE_URL once, not again for the key store that defaults to it', () => {
    expect(problems(shreddingEventStoreConfigSchema, { EVENTSTORE_BACKEND: 'postgres', ...MASTER })).toEqual(['EVENTSTORE_URL: is required when EVENTSTORE_BACKEND=postgres']);
  });

  it('names KEYSTORE_MASTER_KEY when a postgres key store has no master key, or it is given twice or malformed', () => {
    expect(problems(shreddingEventStoreConfigSchema, { EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: 'postgres://db/ejp' })).toEqual([
      'KEYSTORE_MASTER_KEY: is required (or KEYSTORE_MASTER_KEY_FILE) when KEYSTORE_BACKEND=postgres: data keys are stored only wrapped by it',
    ]);
    expect(problems(shreddingEventStoreConfigSchema, { ...MASTER, KEYSTORE_MASTER_KEY_FILE: '/run/secrets/master.key' })).toEqual([
      'KEYSTORE_MASTER_KEY_FILE: and KEYSTORE_MASTER_KEY are both set: give the master key one way',
    ]);
    expect(problems(shreddingEventStoreConfigSchema, { KEYSTORE_MASTER_KEY: 'c2hvcnQ=', KEYSTORE_PREVIOUS_MASTER_KEYS: `${MASTER.KEYSTORE_MASTER_KEY},nope` })).toEqual([
      'KEYSTORE_MASTER_KEY: must be the base64 of 32 bytes (openssl rand -base64 32)',
      'KEYSTORE_PREVIOUS_MASTER_KEYS: must be base64 master keys separated by commas',
    ]);
  });
});
