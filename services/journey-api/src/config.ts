import { DEFAULT_MIN_GROUP_SIZE, LOWEST_MIN_GROUP_SIZE, organisationConfigShape } from '@ejp/contracts';
import { checkReadStoreConfig, readStoreConfigShape } from '@ejp/readstore';
import { baseConfigSchema } from '@ejp/service-kit';
import { webConfigShape } from '@ejp/web';
import { z } from 'zod';

/** The journey API's environment: the service kit's variables, the read store's (the projector's), plus these. */
export const journeyApiConfigSchema = baseConfigSchema
  .extend({
    ...readStoreConfigShape,
    ...organisationConfigShape,
    // The web app it serves at / (sign-in with OpenID Connect against AUTH_ISSUER).
    ...webConfigShape,
    READ_WAIT_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(30_000)
      .default(2_000)
      .describe('How long a request with `minRevision` waits for the projection to catch up before answering 503 (ms; 0 = no wait).'),
    READ_WAIT_POLL_MS: z.coerce
      .number()
      .int()
      .min(5)
      .max(1_000)
      .default(25)
      .describe('How often the journey statuses that requests wait for are read, one read per journey for all its waiters (ms).'),
    ANALYTICS_MIN_GROUP_SIZE: z.coerce
      .number()
      .int()
      .min(LOWEST_MIN_GROUP_SIZE)
      .max(1_000)
      .default(DEFAULT_MIN_GROUP_SIZE)
      .describe('The smallest group of people analytics show below company level (attrition): smaller groups, and groups whose complement is smaller, are withheld.'),
  })
  // Runs even when another variable is invalid: one start-up attempt reports every problem.
  .superRefine(checkReadStoreConfig, { when: () => true });

export type JourneyApiConfig = z.output<typeof journeyApiConfigSchema>;
