import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, baseConfigSchema, describeConfig, loadConfig } from './config.ts';

const devAuth = { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: 'a-development-secret-of-32-chars!!' };

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('returns typed values with defaults applied', () => {
    const config = loadConfig(baseConfigSchema, { ...devAuth, PORT: '8080' });
    expect(config.PORT).toBe(8080);
    expect(config.HOST).toBe('0.0.0.0');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(10_000);
    expect(config.AUTH_MODE).toBe('hs256');
  });

  it('names every bad or missing variable in one error', () => {
    const error = configErrorOf(() => loadConfig(baseConfigSchema, { PORT: 'eighty', LOG_LEVEL: 'loud', AUTH_MODE: 'jwks' }));
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual(['AUTH_AUDIENCE', 'AUTH_ISSUER', 'AUTH_JWKS_URL', 'LOG_LEVEL', 'PORT']);
    expect(error.message).toContain('Invalid configuration (5 problems)');
    expect(error.message).toContain('- PORT: ');
    expect(error.message).toContain('- LOG_LEVEL: ');
    expect(error.message).toContain('- AUTH_JWKS_URL: is required when AUTH_MODE=jwks');
  });

  it('says "required but not set" for a missing variable of a service schema', () => {
    const schema = baseConfigSchema.extend({ EVENTSTORE_URL: z.url().describe('Event store connection string') });
    const error = configErrorOf(() => loadConfig(schema, devAuth));
    expect(error.issues).toEqual([{ variable: 'EVENTSTORE_URL', message: 'is required but not set' }]);
  });

  it('keeps the auth cross-checks in extended schemas', () => {
    const schema = baseConfigSchema.extend({ EXTRA: z.string().optional().describe('x') });
    const error = configErrorOf(() => loadConfig(schema, { AUTH_MODE: 'hs256' }));
    expect(error.issues).toEqual([{ variable: 'AUTH_HS256_SECRET', message: 'is required when AUTH_MODE=hs256' }]);
  });

  it('treats empty values as unset and never echoes values (secrets)', () => {
    expect(loadConfig(baseConfigSchema, { ...devAuth, PORT: '' }).PORT).toBe(3000);
    const error = configErrorOf(() => loadConfig(baseConfigSchema, { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: 'hunter2' }));
    expect(error.message).toContain('AUTH_HS256_SECRET: must be at least 32 characters long');
    expect(error.message).not.toContain('hunter2');
  });
});

describe('token policy variables', () => {
  it('require iss and aud checks in jwks mode, cap the clock tolerance at 60 s and name unknown algorithms', () => {
    const jwks = { AUTH_MODE: 'jwks', AUTH_JWKS_URL: 'https://id.example/jwks.json' };
    const missing = configErrorOf(() => loadConfig(baseConfigSchema, jwks));
    expect(missing.issues).toEqual([
      { variable: 'AUTH_ISSUER', message: 'is required when AUTH_MODE=jwks' },
      { variable: 'AUTH_AUDIENCE', message: 'is required when AUTH_MODE=jwks' },
    ]);
    const bad = configErrorOf(() =>
      loadConfig(baseConfigSchema, { ...jwks, AUTH_ISSUER: 'https://id.example', AUTH_AUDIENCE: 'ejp', AUTH_CLOCK_TOLERANCE_S: '300', AUTH_ALGORITHMS: 'RS256,none' }),
    );
    expect(bad.issues.map((issue) => issue.variable).sort()).toEqual(['AUTH_ALGORITHMS', 'AUTH_CLOCK_TOLERANCE_S']);
    expect(bad.message).toContain('(not none)');
  });

  it('defaults to a 12-hour lifetime, 5 s of drift and asymmetric algorithms', () => {
    const config = loadConfig(baseConfigSchema, { ...devAuth, AUTH_ALGORITHMS: ' ES256 , EdDSA' });
    expect(config).toMatchObject({ AUTH_MAX_TOKEN_LIFETIME_S: 43_200, AUTH_CLOCK_TOLERANCE_S: 5, AUTH_ALGORITHMS: ['ES256', 'EdDSA'] });
    expect(loadConfig(baseConfigSchema, devAuth).AUTH_ALGORITHMS).toEqual(['RS256', 'PS256', 'ES256', 'EdDSA']);
  });
});

describe('describeConfig', () => {
  it('lists each variable with required, default and description', () => {
    const schema = baseConfigSchema.extend({ EVENTSTORE_URL: z.url().describe('Event store connection string') });
    const rows = describeConfig(schema);
    expect(rows.find((row) => row.name === 'PORT')).toEqual({
      name: 'PORT',
      required: false,
      default: '3000',
      description: 'TCP port the HTTP server listens on.',
    });
    expect(rows.find((row) => row.name === 'EVENTSTORE_URL')).toEqual({
      name: 'EVENTSTORE_URL',
      required: true,
      default: undefined,
      description: 'Event store connection string',
    });
    expect(rows.map((row) => row.name)).toEqual([
      'PORT',
      'HOST',
      'LOG_LEVEL',
      'AUTH_MODE',
      'AUTH_JWKS_URL',
      'AUTH_HS256_SECRET',
      'AUTH_ISSUER',
      'AUTH_AUDIENCE',
      'AUTH_ALGORITHMS',
      'AUTH_MAX_TOKEN_LIFETIME_S',
      'AUTH_CLOCK_TOLERANCE_S',
      'RATE_LIMIT_MAX',
      'RATE_LIMIT_WINDOW_MS',
      'BODY_LIMIT_BYTES',
      'ACCESS_MANAGER_DEPTH',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_SERVICE_NAME',
      'METRICS_PORT',
      'OTEL_FASTIFY_HOOK_SPANS',
      'SHUTDOWN_TIMEOUT_MS',
      'EVENTSTORE_URL',
    ]);
  });

  it('refuses variables without a description', () => {
    const schema = baseConfigSchema.extend({ MYSTERY: z.string() });
    expect(() => describeConfig(schema)).toThrow('config variables without a .describe() text: MYSTERY');
  });
});
