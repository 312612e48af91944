import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  catalogueShreddingPolicy,
  type EventStore,
  type KeyStore,
  openPostgresEventStore,
  openPostgresKeyStore,
  openSqliteEventStore,
  openSqliteKeyStore,
  type ShreddingEventStore,
  withCryptoShredding,
} from '@ejp/eventstore';
import { createServiceApp, main, type ProcessControl, type ResourceStack, runService } from '@ejp/service-kit';
import { keyStoreBackendOf, keyStoreUrlOf, type OnboardingConfig, onboardingConfigSchema } from './config.ts';
import { registerOnboardingRoutes } from './http/routes.ts';

/** The one place where configuration picks adapters; routes and domain see only the port. */
export async function openOnboardingStore(config: OnboardingConfig, resources: ResourceStack): Promise<ShreddingEventStore> {
  const sqliteFile = () => {
    mkdirSync(config.DATA_DIR, { recursive: true });
    return join(config.DATA_DIR, 'events.db');
  };

  let raw: EventStore;
  switch (config.EVENTSTORE_BACKEND) {
    case 'sqlite':
      raw = await openSqliteEventStore({ path: sqliteFile() });
      break;
    case 'postgres':
      raw = await openPostgresEventStore({ connectionString: config.EVENTSTORE_URL!, schema: config.EVENTSTORE_SCHEMA });
      break;
    case 'esdb': {
      // Imported only when chosen: the gRPC client costs ~200 ms at start-up.
      const { openEsdbEventStore } = await import('@ejp/eventstore/esdb');
      raw = await openEsdbEventStore({ connectionString: config.EVENTSTORE_URL! });
      break;
    }
  }
  resources.add('eventstore', () => raw.close());

  const keys: KeyStore =
    keyStoreBackendOf(config) === 'postgres'
      ? await openPostgresKeyStore({ connectionString: keyStoreUrlOf(config)! })
      : await openSqliteKeyStore({ path: sqliteFile() });
  // Registered after the store, so closed before it: nothing decrypts with a closed key store.
  resources.add('keystore', () => keys.close());

  return withCryptoShredding(raw, { keys, ...catalogueShreddingPolicy() });
}

export async function startOnboarding(options: { env?: Record<string, string | undefined>; process?: ProcessControl } = {}) {
  return runService({
    name: 'onboarding',
    configSchema: onboardingConfigSchema,
    ...(options.env ? { env: options.env } : {}),
    ...(options.process ? { process: options.process } : {}),
    build: async ({ config, logger, resources }) => {
      const store = await openOnboardingStore(config, resources);
      const app = await createServiceApp({
        name: 'onboarding',
        version: '0.1.0',
        description: 'Onboarding commands: hire, plan, buddy, welcome, tasks, check-ins, start date, completion, probation.',
        config,
        logger,
        readinessChecks: [{ name: 'eventstore', check: () => store.ping(), timeoutMs: 1_000 }],
      });
      registerOnboardingRoutes(app, { store });
      return app;
    },
  });
}

if (import.meta.main) main(() => startOnboarding());
