import { checkShreddingEventStoreConfig, eventStoreConfigShape, keyStoreConfigShape } from '@ejp/eventstore';
import { checkReadStoreConfig, readStoreConfigShape } from '@ejp/readstore';
import { baseConfigSchema } from '@ejp/service-kit';
import type { z } from 'zod';

/**
 * The onboarding service's environment: the kit's base variables plus where
 * events and crypto-shredding keys live (the event store's fragments). Only
 * main.ts turns these into adapters.
 */
export const onboardingConfigSchema = baseConfigSchema
  .extend({ ...eventStoreConfigShape, ...keyStoreConfigShape, ...readStoreConfigShape })
  // Runs even when another variable is invalid: one start-up attempt reports every problem.
  .superRefine(checkShreddingEventStoreConfig, { when: () => true })
  .superRefine(checkReadStoreConfig, { when: () => true });

export type OnboardingConfig = z.output<typeof onboardingConfigSchema>;
