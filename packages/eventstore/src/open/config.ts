import { z } from 'zod';
import { isEsdbUrl, isPostgresUrl, isUrl } from './locations.ts';

// The event store's (and its key store's) environment variables, declared
// once: every service composes these fragments into its config schema
// (`baseConfigSchema.extend({ ...eventStoreConfigShape, ... })`) and adds the
// matching check to its superRefine, and openEventStore reads nothing else.

export const EVENTSTORE_BACKENDS = ['sqlite', 'postgres', 'esdb'] as const;
export type EventStoreBackend = (typeof EVENTSTORE_BACKENDS)[number];
export const KEYSTORE_BACKENDS = ['sqlite', 'postgres'] as const;

/** The embedded event store's file when EVENTSTORE_URL is unset (relative to the working directory). */
export const DEFAULT_EVENTSTORE_FILE = 'data/events.db';

export const eventStoreConfigShape = {
  EVENTSTORE_BACKEND: z
    .enum(EVENTSTORE_BACKENDS)
    .default('sqlite')
    .describe('Event store adapter: `sqlite` (embedded file), `postgres` or `esdb` (EventStoreDB / KurrentDB), at EVENTSTORE_URL.'),
  EVENTSTORE_URL: z
    .string()
    .min(1)
    .optional()
    .describe(
      `Where the events are: for sqlite a file path (default \`${DEFAULT_EVENTSTORE_FILE}\`; its directory is created), for postgres \`postgres://user:pass@host:5432/db\`, for esdb \`esdb://host:2113?tls=false\` (required for both).`,
    ),
  EVENTSTORE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,49}$/, 'must be a lower-case SQL identifier of at most 50 characters')
    .default('eventstore')
    .describe('PostgreSQL schema of the event store tables (EVENTSTORE_BACKEND=postgres).'),
};

/** A master key as configured: the base64 of 32 random bytes (`openssl rand -base64 32`). */
const base64MasterKey = z
  .string()
  .trim()
  .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32, 'must be the base64 of 32 bytes (openssl rand -base64 32)');

/**
 * The master key that wraps the data keys (envelope encryption): from the
 * environment, or a file outside the database. Standalone composes it alone;
 * keyStoreConfigShape includes it.
 */
export const masterKeyConfigShape = {
  KEYSTORE_MASTER_KEY: base64MasterKey
    .optional()
    .describe(
      'The master key that wraps every crypto-shredding data key (base64 of 32 bytes: `openssl rand -base64 32`); the key store holds no key in clear. Or KEYSTORE_MASTER_KEY_FILE. Required for a postgres key store.',
    ),
  KEYSTORE_MASTER_KEY_FILE: z
    .string()
    .min(1)
    .optional()
    .describe(
      'A file holding the master key (base64, one per line: the first wraps, later lines are previous keys still accepted during a rotation). Default for a sqlite key store: `master.key` beside the key database, created (mode 0600) on first start.',
    ),
  KEYSTORE_PREVIOUS_MASTER_KEYS: z
    .string()
    .optional()
    .refine((value) => value === undefined || value.split(',').every((key) => base64MasterKey.safeParse(key).success), 'must be base64 master keys separated by commas')
    .describe(
      'Rotation: earlier master keys (base64, comma-separated) still accepted; at start every data key they wrap is re-wrapped by the current one, after which they can be removed. Events are never re-encrypted.',
    ),
};

/** The crypto-shredding keys of the personal fields: only services that append personal data compose it. */
export const keyStoreConfigShape = {
  ...masterKeyConfigShape,
  KEYSTORE_BACKEND: z
    .enum(KEYSTORE_BACKENDS)
    .optional()
    .describe('Where the per-employee crypto-shredding keys live: `sqlite` or `postgres`. Default: `postgres` when EVENTSTORE_BACKEND=postgres, else `sqlite`.'),
  KEYSTORE_URL: z
    .string()
    .min(1)
    .optional()
    .describe(
      `The key store: a file path for sqlite, \`postgres://...\` for postgres. Default: the event store's database when it is of the same kind, else (sqlite) \`${DEFAULT_EVENTSTORE_FILE}\`; required for a postgres key store next to another event store.`,
    ),
};

export type EventStoreConfig = z.output<z.ZodObject<typeof eventStoreConfigShape>>;
export type KeyStoreConfig = z.output<z.ZodObject<typeof keyStoreConfigShape>>;
export type MasterKeyConfig = z.output<z.ZodObject<typeof masterKeyConfigShape>>;
/** Both fragments: what a service that appends personal data composes. */
export type ShreddingEventStoreConfig = EventStoreConfig & KeyStoreConfig;

type Ctx = z.core.$RefinementCtx;

// The service kit's schemas run their checks even when a variable is
// invalid (so one start reports every problem); fields may then be missing.

/** The cross-variable rules of eventStoreConfigShape; call it from the service's superRefine. */
export function checkEventStoreConfig(config: Partial<EventStoreConfig>, ctx: Ctx): void {
  const backend = config.EVENTSTORE_BACKEND;
  if (!isOneOf(EVENTSTORE_BACKENDS, backend)) return; // an unknown backend is reported by its own schema
  checkLocation(ctx, 'EVENTSTORE_URL', `EVENTSTORE_BACKEND=${backend}`, backend, config.EVENTSTORE_URL);
}

/** The rules of keyStoreConfigShape (with the event store's, which it defaults to). */
export function checkKeyStoreConfig(config: Partial<ShreddingEventStoreConfig>, ctx: Ctx): void {
  const backend = keyStoreBackendOf(config);
  if (!isOneOf(EVENTSTORE_BACKENDS, config.EVENTSTORE_BACKEND) || !isOneOf(KEYSTORE_BACKENDS, backend)) return;
  const rule = `KEYSTORE_BACKEND=${backend}`;
  if (config.KEYSTORE_URL !== undefined) {
    checkLocation(ctx, 'KEYSTORE_URL', rule, backend, config.KEYSTORE_URL);
  } else if (backend === 'postgres' && config.EVENTSTORE_BACKEND !== 'postgres') {
    // Without KEYSTORE_URL a key store of the event store's kind is in its database, whose URL the event store check covers.
    ctx.addIssue({ code: 'custom', path: ['KEYSTORE_URL'], message: 'is required when KEYSTORE_BACKEND=postgres and the event store is not PostgreSQL' });
  }
  checkMasterKeyConfig(config, ctx);
  if (backend === 'postgres' && config.KEYSTORE_MASTER_KEY === undefined && config.KEYSTORE_MASTER_KEY_FILE === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['KEYSTORE_MASTER_KEY'],
      message: 'is required (or KEYSTORE_MASTER_KEY_FILE) when KEYSTORE_BACKEND=postgres: data keys are stored only wrapped by it',
    });
  }
}

/** The rules of masterKeyConfigShape: one source of the current master key. */
export function checkMasterKeyConfig(config: Partial<MasterKeyConfig>, ctx: Ctx): void {
  if (config.KEYSTORE_MASTER_KEY !== undefined && config.KEYSTORE_MASTER_KEY_FILE !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['KEYSTORE_MASTER_KEY_FILE'], message: 'and KEYSTORE_MASTER_KEY are both set: give the master key one way' });
  }
}

/** Checks both fragments: for a schema that composes the two. */
export function checkShreddingEventStoreConfig(config: Partial<ShreddingEventStoreConfig>, ctx: Ctx): void {
  checkEventStoreConfig(config, ctx);
  checkKeyStoreConfig(config, ctx);
}

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => values.includes(value as T);

const urlForms: Record<Exclude<EventStoreBackend, 'sqlite'>, { test: (location: string) => boolean; form: string }> = {
  postgres: { test: isPostgresUrl, form: 'a postgres:// or postgresql:// URL' },
  esdb: { test: isEsdbUrl, form: 'an esdb:// or esdb+discover:// URL' },
};

function checkLocation(ctx: Ctx, variable: string, rule: string, backend: EventStoreBackend, location: string | undefined): void {
  const issue = (message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });
  if (backend === 'sqlite') {
    if (location !== undefined && isUrl(location)) issue(`must be a file path when ${rule} (a URL needs the backend set to match it)`);
    return;
  }
  if (location === undefined) issue(`is required when ${rule}`);
  else if (!urlForms[backend].test(location)) issue(`must be ${urlForms[backend].form} when ${rule}`);
}

/** The event store's location: EVENTSTORE_URL, else the sqlite default. Throws (naming the variable) when a server has no URL. */
export function eventStoreLocation(config: Pick<EventStoreConfig, 'EVENTSTORE_BACKEND' | 'EVENTSTORE_URL'>): string {
  if (config.EVENTSTORE_URL) return config.EVENTSTORE_URL;
  if (config.EVENTSTORE_BACKEND === 'sqlite') return DEFAULT_EVENTSTORE_FILE;
  throw new Error(`EVENTSTORE_URL is required when EVENTSTORE_BACKEND=${config.EVENTSTORE_BACKEND}`);
}

export function keyStoreBackendOf(config: Partial<ShreddingEventStoreConfig>): 'sqlite' | 'postgres' {
  return config.KEYSTORE_BACKEND ?? (config.EVENTSTORE_BACKEND === 'postgres' ? 'postgres' : 'sqlite');
}

/** The key store's location, defaulted as KEYSTORE_URL's description says. */
export function keyStoreLocation(config: ShreddingEventStoreConfig): string {
  if (config.KEYSTORE_URL) return config.KEYSTORE_URL;
  const backend = keyStoreBackendOf(config);
  if (backend === config.EVENTSTORE_BACKEND) return eventStoreLocation(config);
  if (backend === 'sqlite') return DEFAULT_EVENTSTORE_FILE;
  throw new Error('KEYSTORE_URL is required when KEYSTORE_BACKEND=postgres and the event store is not PostgreSQL');
}

/** The fragments as whole schemas: openEventStore parses with them (one source of defaults and rules). */
export const eventStoreConfigSchema = z.object(eventStoreConfigShape).superRefine(checkEventStoreConfig, { when: () => true });
export const shreddingEventStoreConfigSchema = z
  .object({ ...eventStoreConfigShape, ...keyStoreConfigShape })
  .superRefine(checkShreddingEventStoreConfig, { when: () => true });

/** Parses settings a program passes (a service's loaded config, or a literal like standalone's). */
export function parseStoreSettings<S extends z.ZodType>(schema: S, settings: unknown, what: string): z.output<S> {
  const result = schema.safeParse(settings);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(settings)'}: ${issue.message}`);
  throw new Error(`invalid ${what} configuration: ${problems.join('; ')}`);
}
