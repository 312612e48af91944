import { organisationConfigShape } from '@ejp/contracts';
import { checkShreddingEventStoreConfig, eventStoreConfigShape, keyStoreConfigShape } from '@ejp/eventstore';
import { baseConfigSchema } from '@ejp/service-kit';
import type { z } from 'zod';

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
    ...organisationConfigShape,
  })
  // Runs even when another variable is invalid: one start-up attempt reports every problem.
  .superRefine(checkShreddingEventStoreConfig, { when: () => true });

export type RecognitionConfig = z.output<typeof recognitionConfigSchema>;
