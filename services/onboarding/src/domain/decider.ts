import type { Decider } from '@ejp/command-kit';
import type { OnboardingEvent } from '@ejp/contracts';
import type { OnboardingCommand } from './commands.ts';
import { decide } from './decide.ts';
import { evolve, initialState, type OnboardingState } from './state.ts';

export const onboardingDecider: Decider<OnboardingCommand, OnboardingState, OnboardingEvent> = {
  decide,
  evolve,
  initialState,
};
