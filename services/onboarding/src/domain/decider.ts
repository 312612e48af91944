import type { Decider } from '@ejp/command-kit';
import type { OnboardingCommand } from './commands.ts';
import { decide } from './decide.ts';
import { evolve, initialState, type JourneyEvent, type OnboardingState } from './state.ts';

/** Decides onboarding's commands; folds the whole journey stream (offboarding's departure and rehire too). */
export const onboardingDecider: Decider<OnboardingCommand, OnboardingState, JourneyEvent> = {
  decide,
  evolve,
  initialState,
};
