import { checkShreddingEventStoreConfig, eventStoreConfigShape, keyStoreConfigShape } from '@ejp/eventstore';
import { checkReadStoreConfig, readStoreConfigShape } from '@ejp/readstore';
import { baseConfigSchema } from '@ejp/service-kit';
import { z } from 'zod';

/**
 * The offboarding service's environment: the kit's base variables, where
 * events and crypto-shredding keys live, and how often the access-removal
 * scheduler looks for last days that have come. Only main.ts turns these into adapters.
 */
export const offboardingConfigSchema = baseConfigSchema
  .extend({
    ...eventStoreConfigShape,
    ...keyStoreConfigShape,
    // The projector's read store: the access check reads the reporting lines there.
    ...readStoreConfigShape,
    ACCESS_REMOVAL_CHECK_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(3_600)
      .default(60)
      .describe('How often the access-removal scheduler looks for last days that have come (the lag after midnight UTC at most).'),
  })
  // Runs even when another variable is invalid: one start-up attempt reports every problem.
  .superRefine(checkShreddingEventStoreConfig, { when: () => true })
  .superRefine(checkReadStoreConfig, { when: () => true });

export type OffboardingConfig = z.output<typeof offboardingConfigSchema>;
