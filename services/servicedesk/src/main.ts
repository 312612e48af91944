import { openShreddingEventStore } from '@ejp/eventstore';
import { createServiceApp, main, type ProcessControl, runService } from '@ejp/service-kit';
import { servicedeskConfigSchema } from './config.ts';
import { createRequestHandler, registerServicedeskRoutes } from './routes.ts';
import { createSlaWatcher } from './sla-watcher.ts';

export async function startServicedesk(options: { env?: Record<string, string | undefined>; process?: ProcessControl } = {}) {
  return runService({
    name: 'servicedesk',
    configSchema: servicedeskConfigSchema,
    ...(options.env ? { env: options.env } : {}),
    ...(options.process ? { process: options.process } : {}),
    build: async ({ config, logger, resources }) => {
      // The one place where configuration picks adapters; routes, watcher and domain see only the port.
      const { store } = await openShreddingEventStore(config, resources);
      const handler = createRequestHandler(store);
      const organisationId = config.ORG_ID;
      const watcher = createSlaWatcher({ store, handler, organisationId, logger, checkEveryMs: config.SLA_CHECK_SECONDS * 1_000 });
      await watcher.start();
      // Stops before the store closes (resources close newest first).
      resources.add('sla-watcher', () => watcher.stop());
      const app = await createServiceApp({
        name: 'servicedesk',
        version: '0.1.0',
        description: 'The employee service desk: request catalogue, requests with approvals, comments and ratings, SLA clocks in business hours, live progress.',
        config,
        logger,
        readinessChecks: [{ name: 'eventstore', check: () => store.ping(), timeoutMs: 1_000 }],
      });
      registerServicedeskRoutes(app, { store, organisationId, handler });
      return app;
    },
  });
}

if (import.meta.main) main(() => startServicedesk());
