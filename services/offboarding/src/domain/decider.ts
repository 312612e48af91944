import type { Decider } from '@ejp/command-kit';
import type { OffboardingCommand } from './commands.ts';
import { decide } from './decide.ts';
import { evolve, initialState, type JourneyEvent, type OffboardingState } from './state.ts';

/**
 * The offboarding decider. `decide` appends only offboarding events; `evolve`
 * folds the whole journey stream (onboarding's events too), hence the wider
 * event type: the codec that feeds it must decode both.
 */
export const offboardingDecider: Decider<OffboardingCommand, OffboardingState, JourneyEvent> = {
  decide,
  evolve,
  initialState,
};
