import { openAccessDirectory } from '@ejp/access';
import { openShreddingEventStore } from '@ejp/eventstore';
import { createServiceApp, main, type ProcessControl, runService } from '@ejp/service-kit';
import { createAccessRemovalScheduler } from './access-removal-scheduler.ts';
import { offboardingConfigSchema } from './config.ts';
import { createOffboardingHandler, registerOffboardingRoutes } from './http/routes.ts';

export async function startOffboarding(options: { env?: Record<string, string | undefined>; process?: ProcessControl } = {}) {
  return runService({
    name: 'offboarding',
    configSchema: offboardingConfigSchema,
    ...(options.env ? { env: options.env } : {}),
    ...(options.process ? { process: options.process } : {}),
    build: async ({ config, logger, resources }) => {
      // The one place where configuration picks adapters; routes, scheduler and domain see only the port.
      const { store } = await openShreddingEventStore(config, resources, {}, { logger });
      // The reporting lines the access check reads, where the projector writes them (READSTORE_*).
      const access = await openAccessDirectory(config, resources);
      const handler = createOffboardingHandler(store);
      const scheduler = createAccessRemovalScheduler({ store, handler, logger, checkEveryMs: config.ACCESS_REMOVAL_CHECK_SECONDS * 1_000 });
      await scheduler.start();
      // Stops before the store closes (resources close newest first).
      resources.add('access-removal-scheduler', () => scheduler.stop());
      const app = await createServiceApp({
        name: 'offboarding',
        version: '0.1.0',
        description: 'Offboarding commands: start, withdrawal, plan, tasks, last day, access removal, exit interview, departure, alumni and rehire.',
        config,
        logger,
        readinessChecks: [
          { name: 'eventstore', check: () => store.ping(), timeoutMs: 1_000 },
          { name: 'readstore', check: () => access.ping(), timeoutMs: 1_000 },
        ],
        accessDirectory: access.directory,
      });
      registerOffboardingRoutes(app, { store, handler });
      return app;
    },
  });
}

if (import.meta.main) main(() => startOffboarding());
