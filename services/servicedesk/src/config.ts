import { checkShreddingEventStoreConfig, eventStoreConfigShape, keyStoreConfigShape } from '@ejp/eventstore';
import { baseConfigSchema } from '@ejp/service-kit';
import { z } from 'zod';

/**
 * The service desk's environment: the kit's base variables, where events and
 * crypto-shredding keys live, the organisation whose catalogue applies, and
 * how often the SLA watcher looks at deadlines. Only main.ts turns these into adapters.
 */
export const servicedeskConfigSchema = baseConfigSchema
  .extend({
    ...eventStoreConfigShape,
    ...keyStoreConfigShape,
    ORG_ID: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and hyphens')
      .default('default')
      .describe('The organisation whose service catalogue (`servicecatalogue-<ORG_ID>` stream) applies.'),
    SLA_CHECK_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(3_600)
      .default(60)
      .describe('How often the SLA watcher looks for deadlines that have passed and policies that changed (the lag of a breach at most).'),
  })
  // Runs even when another variable is invalid: one start-up attempt reports every problem.
  .superRefine(checkShreddingEventStoreConfig, { when: () => true });

export type ServicedeskConfig = z.output<typeof servicedeskConfigSchema>;
