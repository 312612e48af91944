import { decide } from './decide.ts';
import { evolve, initialState } from './state.ts';

/**
 * The offboarding decider: `decide` appends only offboarding events, while
 * `evolve` folds the whole journey stream (onboarding's events too). It has
 * the command kit's `Decider` shape; the kit's type is applied once the kit is merged.
 */
export const offboardingDecider = { decide, evolve, initialState };
