import { checkShreddingEventStoreConfig, eventStoreConfigShape, keyStoreConfigShape } from '@ejp/eventstore';
import { baseConfigSchema } from '@ejp/service-kit';
import type { z } from 'zod';

/** The growth service's environment: the kit's base variables and where events and crypto-shredding keys live. */
export const growthConfigSchema = baseConfigSchema
  .extend({ ...eventStoreConfigShape, ...keyStoreConfigShape })
  // Runs even when another variable is invalid: one start-up attempt reports every problem.
  .superRefine(checkShreddingEventStoreConfig, { when: () => true });

export type GrowthConfig = z.output<typeof growthConfigSchema>;
