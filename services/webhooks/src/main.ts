import { checkEventStoreConfig, eventStoreConfigShape, openEventStore } from '@ejp/eventstore';
import { baseConfigSchema, createServiceApp, main, type ProcessControl, runService } from '@ejp/service-kit';
import { openWebhookDispatcher, webhooksConfigShape } from '@ejp/webhooks';
import { registerWebhookRoutes } from './routes.ts';

/** The service's environment: the kit's base variables, the event store's (EVENTSTORE_*) and the webhooks' (WEBHOOKS_*). */
export const webhooksServiceConfigSchema = baseConfigSchema
  .extend({ ...eventStoreConfigShape, ...webhooksConfigShape })
  // Runs even when another variable is invalid: one start-up attempt reports every problem.
  .superRefine(checkEventStoreConfig, { when: () => true });

export interface StartOptions {
  env?: Record<string, string | undefined>;
  process?: ProcessControl;
  /** The clock of signatures and of the retry period (tests move it). */
  clock?: () => Date;
}

export async function startWebhooks(options: StartOptions = {}) {
  return runService({
    name: 'webhooks',
    configSchema: webhooksServiceConfigSchema,
    ...(options.env ? { env: options.env } : {}),
    ...(options.process ? { process: options.process } : {}),
    build: async ({ config, logger, resources }) => {
      // The raw store: subscriptions hold no personal data, and deliveries carry personal fields encrypted, as Kafka does.
      const store = await openEventStore(config, resources);
      const { dispatcher, secretKey } = await openWebhookDispatcher(config, resources, { store, logger, ...(options.clock ? { clock: options.clock } : {}) });
      const app = await createServiceApp({
        name: 'webhooks',
        version: '0.1.0',
        description: 'Signed webhooks (Standard Webhooks): subscriptions by event type and department, delivered from the event store in order, at least once.',
        config,
        logger,
        readinessChecks: [{ name: 'eventstore', check: () => store.ping(), timeoutMs: 1_000 }],
      });
      registerWebhookRoutes(app, { store, dispatcher, secretKey, ...(options.clock ? { clock: options.clock } : {}) });
      return app;
    },
  });
}

if (import.meta.main) main(() => startWebhooks());
