import { readStoreAccessDirectory } from '@ejp/access';
import { DEFAULT_MIN_GROUP_SIZE, LOWEST_MIN_GROUP_SIZE } from '@ejp/contracts';
import { checkShreddingEventStoreConfig, eventStoreConfigShape, keyStoreConfigShape, openKeyStore, openShreddingEventStore } from '@ejp/eventstore';
import { DEFAULT_JOURNEY_TOPIC, KafkaBrokers, KafkaConsumerRuntime, kafkaClientConfigShape, openKafkaClient } from '@ejp/messaging';
import { checkReadStoreConfig, openReadStore, readStoreConfigShape } from '@ejp/readstore';
import { baseConfigSchema, createServiceApp, main, type ProcessControl, runService } from '@ejp/service-kit';
import { z } from 'zod';
import { createSurveyCalendar } from './survey-calendar.ts';
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
    KAFKA_BROKERS: KafkaBrokers.optional()
      .describe('Kafka bootstrap brokers (host:port, comma-separated) the survey calendar consumes journey events from; unset: no survey opens or closes by itself.'),
    ...kafkaClientConfigShape,
    KAFKA_CLIENT_ID: z.string().min(1).default('ejp-feedback').describe('Kafka client id of the survey calendar.'),
    SURVEY_CALENDAR_TOPIC: z.string().min(1).default(DEFAULT_JOURNEY_TOPIC).describe('Topic of journey events the survey calendar consumes (the relay publishes there).'),
    SURVEY_CALENDAR_GROUP_ID: z.string().min(1).default('ejp-feedback-survey-calendar').describe('Consumer group of the survey calendar; a new group replays the topic from its start.'),
    SURVEY_CALENDAR_CHECK_INTERVAL_MS: z.coerce
      .number()
      .int()
      .min(1_000)
      .max(86_400_000)
      .default(60_000)
      .describe('How often the survey calendar checks for due launches and closes: onboarding surveys at day 30 and 90, scheduled surveys opening and closing.'),
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
      if (config.KAFKA_BROKERS) {
        // In the service itself rather than a deployment of its own: it issues the service's own commands,
        // and replicas share the consumer group's partitions while every command stays idempotent.
        const calendar = await createSurveyCalendar({ store, secrets, readStore, logger, minGroupSize: config.SURVEY_MIN_GROUP_SIZE });
        const kafka = openKafkaClient({ client: config.KAFKA_CLIENT, clientId: config.KAFKA_CLIENT_ID, brokers: config.KAFKA_BROKERS });
        const consumer = new KafkaConsumerRuntime({ kafka, handler: calendar.handler, groupId: config.SURVEY_CALENDAR_GROUP_ID, topic: config.SURVEY_CALENDAR_TOPIC, logger });
        resources.add('survey-calendar-consumer', () => consumer.stop());
        await consumer.start();
        resources.add('survey-calendar', calendar.start(config.SURVEY_CALENDAR_CHECK_INTERVAL_MS));
      } else {
        logger.warn('KAFKA_BROKERS is not set: the survey calendar is off (no onboarding survey at day 30 and 90, no scheduled survey opens or closes by itself)');
      }
      return app;
    },
  });
}

if (import.meta.main) main(() => startFeedback());
