import { checkShreddingEventStoreConfig, eventStoreConfigShape, keyStoreConfigShape, openShreddingEventStore } from '@ejp/eventstore';
import { baseConfigSchema, createServiceApp, main, type ProcessControl, runService } from '@ejp/service-kit';
import { boxCatalogue, boxCategories } from '../contracts/suggestion-box.ts';
import { registerSuggestionBoxRoutes } from './routes.ts';

/** The service's environment: the kit's base variables and the event store's fragments (EVENTSTORE_*, KEYSTORE_*). */
export const suggestionBoxConfigSchema = baseConfigSchema
  .extend({ ...eventStoreConfigShape, ...keyStoreConfigShape })
  // Runs even when another variable is invalid: one start-up attempt reports every problem.
  .superRefine(checkShreddingEventStoreConfig, { when: () => true });

export interface StartOptions {
  env?: Record<string, string | undefined>;
  process?: ProcessControl;
}

export async function startSuggestionBox(options: StartOptions = {}) {
  return runService({
    name: 'suggestion-box',
    configSchema: suggestionBoxConfigSchema,
    ...options,
    build: async ({ config, logger, resources }) => {
      // The one place where configuration picks adapters. The box's own catalogue and
      // categories stand in for the platform's: a product service passes no third argument.
      const { store } = await openShreddingEventStore(config, resources, { catalogue: boxCatalogue, categories: boxCategories });
      const app = await createServiceApp({
        name: 'suggestion-box',
        version: '0.1.0',
        description: 'Suggestion boxes: a manager opens one, employees drop suggestions, each gets an answer.',
        config,
        logger,
        readinessChecks: [{ name: 'eventstore', check: () => store.ping(), timeoutMs: 1_000 }],
      });
      registerSuggestionBoxRoutes(app, { store });
      return app;
    },
  });
}

if (import.meta.main) main(() => startSuggestionBox());
