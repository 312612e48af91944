import { baseConfigSchema } from '@ejp/service-kit';
import { z } from 'zod';

export const EVENTSTORE_BACKENDS = ['sqlite', 'postgres', 'esdb'] as const;
export const KEYSTORE_BACKENDS = ['sqlite', 'postgres'] as const;

/**
 * The onboarding service's environment: the kit's base variables plus where
 * events and crypto-shredding keys live. Only main.ts turns these into adapters.
 */
export const onboardingConfigSchema = baseConfigSchema
  .extend({
    EVENTSTORE_BACKEND: z
      .enum(EVENTSTORE_BACKENDS)
      .default('sqlite')
      .describe('Event store adapter: `sqlite` (embedded file in DATA_DIR), `postgres` or `esdb` (EventStoreDB) at EVENTSTORE_URL.'),
    EVENTSTORE_URL: z
      .url()
      .optional()
      .describe('Connection string of the event store, e.g. `postgres://user:pass@host:5432/ejp`. Required unless EVENTSTORE_BACKEND=sqlite.'),
    EVENTSTORE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a plain lower-case SQL identifier')
      .default('eventstore')
      .describe('PostgreSQL schema of the event store tables (EVENTSTORE_BACKEND=postgres).'),
    DATA_DIR: z
      .string()
      .min(1)
      .default('data')
      .describe('Directory of the embedded SQLite database (`events.db`: events and, with KEYSTORE_BACKEND=sqlite, keys). Created when missing.'),
    KEYSTORE_BACKEND: z
      .enum(KEYSTORE_BACKENDS)
      .optional()
      .describe('Where the per-employee crypto-shredding keys live. Default: `postgres` when EVENTSTORE_BACKEND=postgres, else `sqlite` in DATA_DIR.'),
    KEYSTORE_URL: z
      .url()
      .optional()
      .describe('PostgreSQL connection string of the key store (KEYSTORE_BACKEND=postgres). Default: EVENTSTORE_URL when EVENTSTORE_BACKEND=postgres.'),
  })
  .superRefine(
    (config, ctx) => {
      if (config.EVENTSTORE_BACKEND !== 'sqlite' && !config.EVENTSTORE_URL) {
        ctx.addIssue({ code: 'custom', path: ['EVENTSTORE_URL'], message: `is required when EVENTSTORE_BACKEND=${config.EVENTSTORE_BACKEND}` });
      }
      if (keyStoreBackendOf(config) === 'postgres' && !keyStoreUrlOf(config)) {
        ctx.addIssue({ code: 'custom', path: ['KEYSTORE_URL'], message: 'is required when KEYSTORE_BACKEND=postgres and the event store is not PostgreSQL' });
      }
    },
    { when: () => true },
  );

export type OnboardingConfig = z.output<typeof onboardingConfigSchema>;

type StorageSettings = Pick<OnboardingConfig, 'EVENTSTORE_BACKEND' | 'EVENTSTORE_URL' | 'KEYSTORE_BACKEND' | 'KEYSTORE_URL'>;

export function keyStoreBackendOf(config: Partial<StorageSettings>): 'sqlite' | 'postgres' {
  return config.KEYSTORE_BACKEND ?? (config.EVENTSTORE_BACKEND === 'postgres' ? 'postgres' : 'sqlite');
}

export function keyStoreUrlOf(config: Partial<StorageSettings>): string | undefined {
  return config.KEYSTORE_URL ?? (config.EVENTSTORE_BACKEND === 'postgres' ? config.EVENTSTORE_URL : undefined);
}
