import { openShreddingEventStore } from '@ejp/eventstore';
import { createServiceApp, main, type ProcessControl, runService } from '@ejp/service-kit';
import { recognitionConfigSchema } from './config.ts';
import { registerRecognitionRoutes } from './http/routes.ts';

export async function startRecognition(options: { env?: Record<string, string | undefined>; process?: ProcessControl } = {}) {
  return runService({
    name: 'recognition',
    configSchema: recognitionConfigSchema,
    ...(options.env ? { env: options.env } : {}),
    ...(options.process ? { process: options.process } : {}),
    build: async ({ config, logger, resources }) => {
      // The one place where configuration picks adapters; routes and domain see only the port.
      const { store } = await openShreddingEventStore(config, resources);
      const app = await createServiceApp({
        name: 'recognition',
        version: '0.1.0',
        description: 'Recognition commands: give, team shout-outs, reactions, withdrawals, allowance boosts and the organisation settings.',
        config,
        logger,
        readinessChecks: [{ name: 'eventstore', check: () => store.ping(), timeoutMs: 1_000 }],
      });
      registerRecognitionRoutes(app, { store, timeZone: config.ORG_TIMEZONE, organisationId: config.ORG_ID });
      return app;
    },
  });
}

if (import.meta.main) main(() => startRecognition());
