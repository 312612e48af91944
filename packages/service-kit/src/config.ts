import { z } from 'zod';

// Configuration comes only from environment variables, validated once at
// start. A bad value must stop the process with a message naming the
// variable, instead of surfacing later as a confusing runtime failure.

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const AUTH_MODES = ['jwks', 'hs256', 'off'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];
/** Signature algorithms a JWKS may sign with: asymmetric only (an HS* key in a public JWKS would let anyone sign). */
export const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
/** The longest a clock of the identity provider may be off from ours before a token is refused. */
export const MAX_CLOCK_TOLERANCE_S = 60;

export type JwksAlgorithm = (typeof JWKS_ALGORITHMS)[number];

// `RS256,ES256` in the environment; each name must be an allowed algorithm.
const algorithmList = z.string().transform((value, ctx): JwksAlgorithm[] => {
  const names = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.filter((name) => !(JWKS_ALGORITHMS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a comma-separated list of ${JWKS_ALGORITHMS.join(', ')}${unknown.length > 0 ? ` (not ${unknown.join(', ')})` : ''}`,
    });
    return z.NEVER;
  }
  return names as JwksAlgorithm[];
});

const baseConfigShape = {
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('TCP port the HTTP server listens on.'),
  HOST: z.string().min(1).default('0.0.0.0').describe('Network interface the HTTP server binds to.'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info').describe('Lowest pino log level that is written.'),
  AUTH_MODE: z
    .enum(AUTH_MODES)
    .default('jwks')
    .describe(
      'How bearer tokens are verified: `jwks` (keys from AUTH_JWKS_URL), `hs256` (shared AUTH_HS256_SECRET, for development), `off` (no verification, every request acts as a user with all roles; local standalone use only).',
    ),
  AUTH_JWKS_URL: z.url().optional().describe('JWKS endpoint of the identity provider. Required when AUTH_MODE=jwks.'),
  AUTH_HS256_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters long')
    .optional()
    .describe('Shared secret that signs HS256 tokens (at least 32 characters). Required when AUTH_MODE=hs256.'),
  AUTH_ISSUER: z
    .string()
    .min(1)
    .optional()
    .describe('Expected `iss` claim of tokens. Required when AUTH_MODE=jwks; with hs256, not checked when unset.'),
  AUTH_AUDIENCE: z
    .string()
    .min(1)
    .optional()
    .describe('Expected `aud` claim of tokens. Required when AUTH_MODE=jwks; with hs256, not checked when unset.'),
  AUTH_ALGORITHMS: algorithmList
    .prefault('RS256,PS256,ES256,EdDSA')
    .describe(
      `Comma-separated signature algorithms accepted from the JWKS (any of ${JWKS_ALGORITHMS.join(', ')}); a token signed otherwise is refused. hs256 mode accepts HS256 only.`,
    ),
  AUTH_MAX_TOKEN_LIFETIME_S: z.coerce
    .number()
    .int()
    .positive()
    .default(43_200)
    .describe(
      'Longest token lifetime accepted, in seconds (default 12 hours): `exp - iat`, or `exp - now` for a token without `iat`. Tokens without `exp` are always refused.',
    ),
  AUTH_CLOCK_TOLERANCE_S: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_CLOCK_TOLERANCE_S)
    .default(5)
    .describe(`Seconds of clock drift allowed when checking \`exp\`, \`nbf\` and \`iat\` (at most ${MAX_CLOCK_TOLERANCE_S}).`),
  RATE_LIMIT_MAX: z.coerce
    .number()
    .int()
    .positive()
    .default(600)
    .describe(
      'Requests one caller (token subject, else client address) may make to one route per RATE_LIMIT_WINDOW_MS; more get 429 with Retry-After. Routes may set their own limit.',
    ),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(60_000).describe('The window RATE_LIMIT_MAX counts requests in (ms).'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1_048_576)
    .describe('Largest request body accepted, in bytes (default 1 MiB); larger ones get 413. Routes may set a smaller one.'),
  ACCESS_MANAGER_DEPTH: z.coerce
    .number()
    .int()
    .min(1)
    .max(10)
    .default(1)
    .describe(
      'How far up the reporting line a manager reaches an employee: 1 = direct reports only, 2 = skip-level too, and so on. HR reaches everyone whatever this says.',
    ),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url()
    .optional()
    .describe('Base URL of an OTLP/HTTP collector, e.g. `http://otel-collector:4318`. Traces and metrics are off when unset.'),
  OTEL_SERVICE_NAME: z
    .string()
    .min(1)
    .optional()
    .describe('`service.name` of traces, metrics and logs; defaults to the name the service gives itself.'),
  METRICS_PORT: z.coerce
    .number()
    .int()
    .min(1)
    .max(65535)
    .optional()
    .describe('Port of a Prometheus scrape endpoint (`GET /metrics`, every metric of docs/operations.md), beside or instead of OTLP. Off when unset.'),
  OTEL_FASTIFY_HOOK_SPANS: z
    .stringbool()
    .default(false)
    .describe('`true` adds a span per Fastify hook (onRequest, preHandler...) to every request trace; off by default, as they drown the command spans.'),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(10_000)
    .describe('How long a graceful shutdown may take (in-flight requests, then resources) before the process exits with 1.'),
};

/**
 * Variables every service reads. Services add their own with
 * `baseConfigSchema.extend({ EVENTSTORE_URL: z.url().describe('...') })`
 * (the cross-variable checks below are kept by `extend`).
 */
export const baseConfigSchema = z.object(baseConfigShape).superRefine(
  (config, ctx) => {
    if (config.AUTH_MODE === 'jwks' && !config.AUTH_JWKS_URL) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_URL'], message: 'is required when AUTH_MODE=jwks' });
    }
    // A JWKS of a shared identity provider signs tokens for other applications too:
    // without iss and aud checks, any of those tokens would be accepted here.
    for (const variable of ['AUTH_ISSUER', 'AUTH_AUDIENCE'] as const) {
      if (config.AUTH_MODE === 'jwks' && !config[variable]) {
        ctx.addIssue({ code: 'custom', path: [variable], message: 'is required when AUTH_MODE=jwks' });
      }
    }
    if (config.AUTH_MODE === 'hs256' && !config.AUTH_HS256_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_HS256_SECRET'], message: 'is required when AUTH_MODE=hs256' });
    }
  },
  // Run even when another variable is already invalid, so one start-up
  // attempt reports every problem at once.
  { when: () => true },
);

export type BaseConfig = z.output<typeof baseConfigSchema>;

export interface ConfigIssue {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.variable}: ${issue.message}`);
    super(`Invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/**
 * Parses the environment with a schema; returns typed config or throws a
 * ConfigError naming every bad or missing variable. Empty values count as
 * unset (`FOO=` in a compose file usually means "no value"). Values are never
 * echoed in messages: some of them are secrets.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.output<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue): ConfigIssue => {
    const variable = issue.path.length > 0 ? issue.path.map(String).join('.') : '(environment)';
    const missing = issue.code === 'invalid_type' && present[variable] === undefined;
    return { variable, message: missing ? 'is required but not set' : issue.message };
  });
  throw new ConfigError(issues);
}

export interface ConfigVariableDescription {
  name: string;
  required: boolean;
  /** The default as it would be written in the environment, if there is one. */
  default: string | undefined;
  description: string;
}

/** One row per variable, for generating the README configuration table. */
export function describeConfig(schema: z.ZodType): ConfigVariableDescription[] {
  // JSON Schema of the *input* side: that is what an operator writes.
  const jsonSchema = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { description?: string; default?: unknown }>;
    required?: string[];
  };
  const required = new Set(jsonSchema.required ?? []);
  const rows = Object.entries(jsonSchema.properties ?? {}).map(([name, property]) => ({
    name,
    required: required.has(name),
    default: property.default === undefined ? undefined : String(property.default),
    description: property.description ?? '',
  }));
  const undescribed = rows.filter((row) => row.description === '').map((row) => row.name);
  if (undescribed.length > 0) {
    throw new Error(`config variables without a .describe() text: ${undescribed.join(', ')}`);
  }
  return rows;
}
