import { checkShreddingEventStoreConfig, eventStoreConfigShape, keyStoreConfigShape } from '@ejp/eventstore';
import { baseConfigSchema } from '@ejp/service-kit';
import { z } from 'zod';
import { isTimeZone } from './domain/allowance-month.ts';

/**
 * The recognition service's environment: the kit's base variables, where
 * events and crypto-shredding keys live (the event store's fragments), and
 * the organisation: its id (the settings stream) and its time zone (when
 * allowances refresh). Only main.ts turns these into adapters.
 */
export const recognitionConfigSchema = baseConfigSchema
  .extend({
    ...eventStoreConfigShape,
    ...keyStoreConfigShape,
    ORG_TIMEZONE: z
      .string()
      .default('UTC')
      .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')
      .describe("The organisation's time zone (IANA, e.g. `Europe/Berlin`): recognition allowances refresh on the 1st there."),
    ORG_ID: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and hyphens')
      .default('default')
      .describe('The organisation whose settings (`organisation-<ORG_ID>` stream: company values, allowance, withdraw window) apply.'),
  })
  // Runs even when another variable is invalid: one start-up attempt reports every problem.
  .superRefine(checkShreddingEventStoreConfig, { when: () => true });

export type RecognitionConfig = z.output<typeof recognitionConfigSchema>;
