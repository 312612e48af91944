import { readStoreAccessDirectory } from '@ejp/access';
import { DEFAULT_MIN_GROUP_SIZE, LOWEST_MIN_GROUP_SIZE } from '@ejp/contracts';
import { checkShreddingEventStoreConfig, eventStoreConfigShape, keyStoreConfigShape, openKeyStore, openShreddingEventStore } from '@ejp/eventstore';
import { checkReadStoreConfig, openReadStore, readStoreConfigShape } from '@ejp/readstore';
import { baseConfigSchema, createServiceApp, main, type ProcessControl, runService } from '@ejp/service-kit';
import { z } from 'zod';
import { registerOneToOneRoutes } from './one-to-ones.ts';
import { registerFeedbackReadRoutes } from './read-routes.ts';
import { registerFeedbackRoutes } from './routes.ts';
import { registerSuggestionRoutes, startSuggestionEscalation } from './suggestions.ts';
import { startSurveyCompletion } from './survey-round.ts';

/** The survey secrets live next to the employees' keys (KEYSTORE_*), in a table of their own. */
export const SURVEY_SECRETS = { table: 'survey_secrets', name: 'survey-secrets' } as const;

export const feedbackConfigSchema = baseConfigSchema
  .extend({
    ...eventStoreConfigShape,
    ...keyStoreConfigShape,
    ...readStoreConfigShape,
    SURVEY_MIN_GROUP_SIZE: z.coerce.number().int().min(LOWEST_MIN_GROUP_SIZE).max(50).default(DEFAULT_MIN_GROUP_SIZE).describe('The minimum group size of survey results when a survey names none (never below 3).'),
  })
  .superRefine(checkShreddingEventStoreConfig, { when: () => true })
  .superRefine(checkReadStoreConfig, { when: () => true });

export async function startFeedback(options: { env?: Record<string, string | undefined>; process?: ProcessControl } = {}) {
  return runService({
    name: 'feedback',
    configSchema: feedbackConfigSchema,
    ...(options.env ? { env: options.env } : {}),
    ...(options.process ? { process: options.process } : {}),
    build: async ({ config, logger, resources }) => {
      const { store } = await openShreddingEventStore(config, resources, {}, { logger });
      const secrets = await openKeyStore(config, resources, { table: SURVEY_SECRETS });
      const readStore = await openReadStore(config, resources);
      const completion = startSurveyCompletion({ store, secrets, logger });
      resources.add('survey-completion', () => completion.stop());
      const app = await createServiceApp({
        name: 'feedback',
        version: '0.1.0',
        description: 'Need surveys with eNPS, anonymous by construction, and their results behind the suppression rules; suggestions to leadership that always get an answer; one-to-one check-ins.',
        config,
        logger,
        readinessChecks: [
          { name: 'eventstore', check: () => store.ping(), timeoutMs: 1_000 },
          { name: 'readstore', check: () => readStore.ping(), timeoutMs: 1_000 },
        ],
        // One-to-ones are the employee's and their line manager's: the reporting lines in the same read store.
        accessDirectory: readStoreAccessDirectory(readStore),
      });
      registerFeedbackRoutes(app, { store, secrets, minGroupSize: config.SURVEY_MIN_GROUP_SIZE });
      registerFeedbackReadRoutes(app, { readStore, events: store, secrets });
      const suggestions = registerSuggestionRoutes(app, { store, secrets });
      resources.add('suggestion-escalation', startSuggestionEscalation({ store, handler: suggestions, logger }));
      registerOneToOneRoutes(app, { store });
      return app;
    },
  });
}

if (import.meta.main) main(() => startFeedback());
