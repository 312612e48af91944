import type { OnboardingEvent } from '@ejp/contracts';
import type { Decider } from '../command-handler.ts';
import type { OnboardingCommand } from './commands.ts';
import { decide } from './decide.ts';
import { evolve, initialState, type OnboardingState } from './state.ts';

export type { Decider } from '../command-handler.ts';

export const onboardingDecider: Decider<OnboardingCommand, OnboardingState, OnboardingEvent> = {
  decide,
  evolve,
  initialState,
};
