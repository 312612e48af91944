import { openAccessDirectory } from '@ejp/access';
import { openShreddingEventStore } from '@ejp/eventstore';
import { createServiceApp, main, type ProcessControl, runService } from '@ejp/service-kit';
import { growthConfigSchema } from './config.ts';
import { registerGrowthRoutes } from './http/routes.ts';

export interface StartOptions {
  env?: Record<string, string | undefined>;
  process?: ProcessControl;
}

export async function startGrowth(options: StartOptions = {}) {
  return runService({
    name: 'growth',
    configSchema: growthConfigSchema,
    ...options,
    build: async ({ config, logger, resources }) => {
      // The one place where configuration picks adapters; routes and domain see only the port.
      const { store } = await openShreddingEventStore(config, resources, {}, { logger });
      // The reporting lines the access check reads, where the projector writes them (READSTORE_*).
      const access = await openAccessDirectory(config, resources);
      const app = await createServiceApp({
        name: 'growth',
        version: '0.1.0',
        description: 'Growth centre commands: development plans, mentor matching, internal moves and learning records.',
        config,
        logger,
        readinessChecks: [
          { name: 'eventstore', check: () => store.ping(), timeoutMs: 1_000 },
          { name: 'readstore', check: () => access.ping(), timeoutMs: 1_000 },
        ],
        accessDirectory: access.directory,
      });
      registerGrowthRoutes(app, { store });
      return app;
    },
  });
}

if (import.meta.main) main(() => startGrowth());
