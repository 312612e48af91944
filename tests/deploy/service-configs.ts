// The one registry of the services' configuration schemas, for the deploy
// tests: each deployed SERVICE name -> the zod schema its main.ts loads.
// A service whose package exports no schema yet is left out (see
// `pendingServices` and tests/deploy/service-env.test.ts).
import { growthConfigSchema } from '@ejp/growth';
import { feedbackConfigSchema } from '@ejp/feedback';
import { journeyApiConfigSchema } from '@ejp/journey-api';
import { offboardingConfigSchema } from '@ejp/offboarding';
import { onboardingConfigSchema } from '@ejp/onboarding';
import { projectorConfigSchema } from '@ejp/projector';
import { recognitionConfigSchema } from '@ejp/recognition';
import { relayConfigSchema } from '@ejp/relay';
import { servicedeskConfigSchema } from '@ejp/servicedesk';
import { standaloneConfigSchema } from '@ejp/standalone';
import { webhooksServiceConfigSchema } from '@ejp/webhooks-service';
import type { z } from 'zod';

export const serviceConfigSchemas: Readonly<Record<string, z.ZodType>> = {
  onboarding: onboardingConfigSchema,
  offboarding: offboardingConfigSchema,
  relay: relayConfigSchema,
  projector: projectorConfigSchema,
  'journey-api': journeyApiConfigSchema,
  standalone: standaloneConfigSchema,
  recognition: recognitionConfigSchema,
  servicedesk: servicedeskConfigSchema,
  growth: growthConfigSchema,
  feedback: feedbackConfigSchema,
  webhooks: webhooksServiceConfigSchema,
};

/** Deployed (docker-compose.yml) but without an exported config schema yet. */
export const pendingServices: readonly string[] = [];

/** Read by the image's entrypoint (deploy/docker/entrypoint.sh), not by a service. */
export const entrypointVariables: readonly string[] = ['SERVICE'];
