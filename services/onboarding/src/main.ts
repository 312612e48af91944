import { openAccessDirectory } from '@ejp/access';
import { openShreddingEventStore } from '@ejp/eventstore';
import { createServiceApp, main, type ProcessControl, runService } from '@ejp/service-kit';
import { onboardingConfigSchema } from './config.ts';
import { registerOnboardingRoutes } from './http/routes.ts';

export async function startOnboarding(options: { env?: Record<string, string | undefined>; process?: ProcessControl } = {}) {
  return runService({
    name: 'onboarding',
    configSchema: onboardingConfigSchema,
    ...(options.env ? { env: options.env } : {}),
    ...(options.process ? { process: options.process } : {}),
    build: async ({ config, logger, resources }) => {
      // The one place where configuration picks adapters; routes and domain see only the port.
      const { store } = await openShreddingEventStore(config, resources, {}, { logger });
      // The reporting lines the access check reads, where the projector writes them (READSTORE_*).
      const access = await openAccessDirectory(config, resources);
      const app = await createServiceApp({
        name: 'onboarding',
        version: '0.1.0',
        description: 'Onboarding commands: hire, plan, buddy, welcome, tasks, check-ins, start date, completion, probation.',
        config,
        logger,
        readinessChecks: [
          { name: 'eventstore', check: () => store.ping(), timeoutMs: 1_000 },
          { name: 'readstore', check: () => access.ping(), timeoutMs: 1_000 },
        ],
        accessDirectory: access.directory,
      });
      registerOnboardingRoutes(app, { store });
      return app;
    },
  });
}

if (import.meta.main) main(() => startOnboarding());
