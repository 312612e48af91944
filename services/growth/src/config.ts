import { checkShreddingEventStoreConfig, eventStoreConfigShape, keyStoreConfigShape } from '@ejp/eventstore';
import { checkReadStoreConfig, readStoreConfigShape } from '@ejp/readstore';
import { baseConfigSchema } from '@ejp/service-kit';
import type { z } from 'zod';

/** The growth service's environment: the kit's base variables, where events and crypto-shredding keys live, and the read store holding the reporting lines access is checked against. */
export const growthConfigSchema = baseConfigSchema
  .extend({ ...eventStoreConfigShape, ...keyStoreConfigShape, ...readStoreConfigShape })
  // Runs even when another variable is invalid: one start-up attempt reports every problem.
  .superRefine(checkShreddingEventStoreConfig, { when: () => true })
  .superRefine(checkReadStoreConfig, { when: () => true });

export type GrowthConfig = z.output<typeof growthConfigSchema>;
