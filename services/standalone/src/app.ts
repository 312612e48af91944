import { registerJourneyApiRoutes } from '@ejp/journey-api';
import { InProcessBus } from '@ejp/messaging';
import { registerOnboardingRoutes } from '@ejp/onboarding';
import { createTimelineProjection } from '@ejp/projector';
import { createServiceApp, type ServiceContext, type ServiceApp } from '@ejp/service-kit';
import type { StandaloneConfig } from './config.ts';
import { openStandaloneStorage, type StandaloneStorage } from './storage.ts';

export const SERVICE_NAME = 'standalone';
export const SERVICE_VERSION = '0.1.0';

export interface StandaloneApp {
  app: ServiceApp;
  storage: StandaloneStorage;
}

export interface BuildOptions {
  /** The clock onboarding commands are decided at; the demo seeding simulates past days through it. */
  commandClock?: () => Date;
}

/**
 * Every service of the platform in one Fastify app, on embedded storage:
 * the onboarding command routes append through the crypto-shredding store,
 * the in-process bus feeds the timeline projection from the event store's
 * subscription, and the journey API reads what the projection wrote. The
 * routes are the very ones the distributed services mount, so /docs is one
 * OpenAPI document with all of them.
 */
export async function buildStandaloneApp(
  { config, logger, resources }: ServiceContext<StandaloneConfig>,
  options: BuildOptions = {},
): Promise<StandaloneApp> {
  const storage = await openStandaloneStorage(config.DATA_DIR, resources);
  const { rawEvents, events, readStore, checkpoints } = storage;

  const projection = createTimelineProjection(readStore, { logger });
  await projection.init();
  // The bus follows the RAW store, as the relay does for Kafka: the projection
  // is written for ciphertext (it withholds every personal field either way),
  // and needs no key store, so an erased or missing key can never stall it.
  const bus = new InProcessBus({ store: rawEvents, checkpoints, handlers: [projection], logger });
  // Registered after the stores, so shutdown stops it (flushing its checkpoint) before they close.
  resources.add('bus', () => bus.stop());
  bus.start();

  const app = await createServiceApp({
    name: SERVICE_NAME,
    version: SERVICE_VERSION,
    description:
      'The Employee Journey Platform in one process: onboarding commands, the journey API (timelines, status) and health, on embedded SQLite storage with an in-process event bus.',
    config,
    logger,
    readinessChecks: [
      { name: 'eventstore', check: () => rawEvents.ping(), timeoutMs: 1_000 },
      { name: 'readstore', check: () => readStore.ping(), timeoutMs: 1_000 },
    ],
  });
  registerOnboardingRoutes(app, { store: events, ...(options.commandClock ? { clock: options.commandClock } : {}) });
  registerJourneyApiRoutes(app, {
    readStore,
    readWaitTimeoutMs: config.READ_WAIT_TIMEOUT_MS,
    readWaitPollMs: config.READ_WAIT_POLL_MS,
  });
  return { app, storage };
}
