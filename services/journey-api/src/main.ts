import { readStoreAccessDirectory } from '@ejp/access';
import { openReadStore } from '@ejp/readstore';
import { createServiceApp, main, runService } from '@ejp/service-kit';
import { mountWebApp, webAppConfigOf } from '@ejp/web';
import { type JourneyApiConfig, journeyApiConfigSchema } from './config.ts';
import { registerJourneyApiRoutes } from './routes.ts';

/** Distributed mode: the journey API on its own, reading the read models the projector writes (READSTORE_*: MongoDB in the deployments). */
main(() =>
  runService<JourneyApiConfig>({
    name: 'journey-api',
    configSchema: journeyApiConfigSchema,
    build: async ({ config, logger, resources }) => {
      const readStore = await openReadStore(config, resources);
      const app = await createServiceApp({
        name: 'journey-api',
        version: '0.1.0',
        description: 'Journey timelines and status, offboarding progress, attrition analytics and the alumni directory, read from the projector\'s read models.',
        config,
        logger,
        readinessChecks: [{ name: 'readstore', check: () => readStore.ping(), timeoutMs: 1_000 }],
        // The reporting lines live beside the journeys it serves: the same read store.
        accessDirectory: readStoreAccessDirectory(readStore),
      });
      registerJourneyApiRoutes(app, {
        readStore,
        readWaitTimeoutMs: config.READ_WAIT_TIMEOUT_MS,
        readWaitPollMs: config.READ_WAIT_POLL_MS,
        minGroupSize: config.ANALYTICS_MIN_GROUP_SIZE,
        organisationId: config.ORG_ID,
        timeZone: config.ORG_TIMEZONE,
      });
      // The people-facing web app at / (no demo personas here: sign-in is OpenID Connect or a token).
      mountWebApp(app, webAppConfigOf(config, false));
      return app;
    },
  }),
);
