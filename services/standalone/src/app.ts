import { join } from 'node:path';
import { readStoreAccessDirectory } from '@ejp/access';
import { registerGrowthRoutes } from '@ejp/growth';
import { employeeIdOfStream, journeyStream } from '@ejp/contracts';
import { registerFeedbackReadRoutes, registerFeedbackRoutes, registerOneToOneRoutes, registerSuggestionRoutes, startSuggestionEscalation, startSurveyCompletion, createSurveyCalendar } from '@ejp/feedback';
import { registerJourneyApiRoutes, RevisionWaiters } from '@ejp/journey-api';
import { InProcessBus, type JourneyEventHandler } from '@ejp/messaging';
import { createAccessRemovalScheduler, createOffboardingHandler, registerOffboardingRoutes } from '@ejp/offboarding';
import { registerOnboardingRoutes } from '@ejp/onboarding';
import { formatProgress, type ProjectionRunner, rebuildProjections, StaleProjectionsError } from '@ejp/projection-kit';
import { createProjector } from '@ejp/projector';
import { registerRecognitionRoutes } from '@ejp/recognition';
import { openWebhookDispatcher } from '@ejp/webhooks';
import { registerWebhookRoutes } from '@ejp/webhooks-service';
import { createServiceApp, type Logger, type ServiceAppOptions, type ServiceContext, type ServiceApp } from '@ejp/service-kit';
import type { StandaloneConfig } from './config.ts';
import { mountServicedesk } from './servicedesk.ts';
import { EVENTS_FILE, openStandaloneStorage, type StandaloneStorage } from './storage.ts';

export const SERVICE_NAME = 'standalone';
export const SERVICE_VERSION = '0.1.0';
/** How long the in-process bus lets a burst of events gather before projecting it (ms). */
const BUS_SETTLE_MAX_WAIT_MS = 20;

export interface StandaloneApp {
  app: ServiceApp;
  storage: StandaloneStorage;
}

export interface BuildOptions {
  /** The clock onboarding and offboarding commands are decided at; the demo seeding simulates past days through it. */
  commandClock?: () => Date;
  /** Under AUTH_MODE=off, whom a request acts as instead of the dev user while the demo seeds (SimulatedCaller). */
  actingUser?: ServiceAppOptions['actingUser'];
}

/**
 * Every service of the platform in one Fastify app, on embedded storage:
 * the onboarding and offboarding command routes append through the crypto-shredding store,
 * the in-process bus feeds the projector (timeline and journey status, on
 * the projection kit) from the event store's subscription, and the journey
 * API reads what the projections wrote. The
 * routes are the very ones the distributed services mount, so /docs is one
 * OpenAPI document with all of them.
 */
export async function buildStandaloneApp(
  { config, logger, resources }: ServiceContext<StandaloneConfig>,
  options: BuildOptions = {},
): Promise<StandaloneApp> {
  const storage = await openStandaloneStorage(config, resources, logger);
  const { rawEvents, events, readStore, checkpoints } = storage;

  const projector = createProjector(readStore, { logger });
  await initProjector(projector, storage, logger);
  // The bus follows the RAW store, as the relay does for Kafka: the projections
  // are written for ciphertext (they withhold every personal field either way),
  // and need no key store, so an erased or missing key can never stall them.
  // Settled batches: the projection shares this loop with the command routes, so under load it waits
  // until a burst of appends is over (at most 20 ms) and writes the burst in one handle() call.
  // minRevision waiters are woken by the projector itself after each batch: nothing polls the read store.
  const revisions = new RevisionWaiters();
  const bus = new InProcessBus({ store: rawEvents, checkpoints, handlers: [notifyingHandler(projector, revisions)], logger, settleMaxWaitMs: BUS_SETTLE_MAX_WAIT_MS });
  // Registered after the stores, so shutdown stops it (flushing its checkpoint) before they close.
  resources.add('bus', () => bus.stop());
  bus.start();

  const app = await createServiceApp({
    name: SERVICE_NAME,
    version: SERVICE_VERSION,
    description:
      'The Employee Journey Platform in one process: onboarding and offboarding commands, the journey API (timelines, status) and health, on embedded SQLite storage with an in-process event bus.',
    config,
    logger,
    readinessChecks: [
      { name: 'eventstore', check: () => rawEvents.ping(), timeoutMs: 1_000 },
      { name: 'readstore', check: () => readStore.ping(), timeoutMs: 1_000 },
    ],
    // In-process: the reporting lines the projector writes into the embedded read store.
    accessDirectory: readStoreAccessDirectory(readStore),
    ...(options.actingUser ? { actingUser: options.actingUser } : {}),
  });
  const clock = options.commandClock ? { clock: options.commandClock } : {};
  registerOnboardingRoutes(app, { store: events, ...clock });
  // Offboarding on the same store; its scheduler announces access removal on the (real) last day.
  const offboarding = createOffboardingHandler(events);
  registerOffboardingRoutes(app, { store: events, handler: offboarding, ...clock });
  const scheduler = createAccessRemovalScheduler({ store: events, handler: offboarding, logger });
  await scheduler.start();
  resources.add('access-removal-scheduler', () => scheduler.stop());
  registerJourneyApiRoutes(app, {
    readStore,
    readWaitTimeoutMs: config.READ_WAIT_TIMEOUT_MS,
    revisions,
    organisationId: config.ORG_ID,
    timeZone: config.ORG_TIMEZONE,
    // The write side is in this process: a minRevision nobody wrote is answered at once, not after the wait.
    writtenRevision: async (employeeId) => {
      const [last] = await rawEvents.readStream(journeyStream(employeeId), { direction: 'backwards', maxCount: 1 });
      return last === undefined ? undefined : Number(last.revision);
    },
  });
  // Recognition commands (give, shout-outs, reactions, withdrawals, the organisation's values) on the same store.
  registerRecognitionRoutes(app, {
    store: events,
    timeZone: config.ORG_TIMEZONE,
    organisationId: config.ORG_ID,
    ...(options.commandClock ? { clock: options.commandClock } : {}),
  });
  // The service desk (catalogue, requests, SLA watcher) on the same store.
  await mountServicedesk(app, { store: events, organisationId: config.ORG_ID, logger, resources, ...clock });
  // The growth centre (development plans, mentoring rounds, internal moves, courses) on the same store.
  registerGrowthRoutes(app, { store: events, ...clock });
  // Need surveys on the same store; their secrets in their own key-store table; results from the read store.
  registerFeedbackRoutes(app, { store: events, secrets: storage.surveySecrets, ...clock });
  registerFeedbackReadRoutes(app, { readStore, events, secrets: storage.surveySecrets });
  const surveyCompletion = startSurveyCompletion({ store: events, secrets: storage.surveySecrets, logger });
  resources.add('survey-completion', () => surveyCompletion.stop());
  const suggestions = registerSuggestionRoutes(app, { store: events, secrets: storage.surveySecrets, ...clock });
  resources.add('suggestion-escalation', startSuggestionEscalation({ store: events, handler: suggestions, logger }));
  registerOneToOneRoutes(app, { store: events, ...clock });
  // The survey calendar (onboarding surveys at day 30 and 90, scheduled surveys opening and closing), on a bus subscription of its own.
  const calendar = await createSurveyCalendar({ store: events, secrets: storage.surveySecrets, readStore, logger });
  const calendarBus = new InProcessBus({ store: rawEvents, checkpoints, handlers: [calendar.handler], logger });
  resources.add('survey-calendar-bus', () => calendarBus.stop());
  calendarBus.start();
  resources.add('survey-calendar', calendar.start(config.SURVEY_CALENDAR_CHECK_INTERVAL_MS));
  // Signed webhooks, delivered from the raw store (personal fields encrypted, as on Kafka); checkpoints beside the events.
  const webhooks = await openWebhookDispatcher({ ...config, EVENTSTORE_BACKEND: 'sqlite', EVENTSTORE_URL: join(config.DATA_DIR, EVENTS_FILE) }, resources, { store: rawEvents, logger });
  registerWebhookRoutes(app, { store: rawEvents, ...webhooks });
  return { app, storage };
}

/** The projector, telling the journeys' waiters after each batch it wrote (its name, hence its checkpoint, unchanged). */
function notifyingHandler(projector: ProjectionRunner, revisions: RevisionWaiters): JourneyEventHandler {
  return {
    name: projector.name,
    async handle(events) {
      await projector.handle(events);
      for (const event of events) {
        const employeeId = employeeIdOfStream(event.stream);
        if (employeeId !== undefined) revisions.notify(employeeId, Number(event.revision));
      }
    },
  };
}

/**
 * A projection whose version changed (an upgrade) is rebuilt from the event
 * store before the bus starts: one process owns the read models here, so
 * nothing else writes them meanwhile. The bus then resumes from its
 * checkpoint, and what the rebuild already applied is skipped as a redelivery.
 */
async function initProjector(projector: ProjectionRunner, { rawEvents, readStore }: StandaloneStorage, logger: Logger): Promise<void> {
  try {
    await projector.init();
  } catch (error) {
    if (!(error instanceof StaleProjectionsError)) throw error;
    const names = error.projections.map((p) => p.name);
    logger.warn({ projections: names }, 'read models of another projection version: rebuilding them from the event store');
    const result = await rebuildProjections({ events: rawEvents, readStore, projections: error.projections });
    logger.info({ projections: names, skipped: result.skipped.length }, formatProgress(result));
    await projector.init();
  }
}
