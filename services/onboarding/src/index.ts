// Public API of @ejp/onboarding: the routes for a host process, the pure
// decider and the configuration schema. The generic write side is @ejp/command-kit.
export { type OnboardingConfig, onboardingConfigSchema } from './config.ts';
export type * from './domain/commands.ts';
export { decide } from './domain/decide.ts';
export { onboardingDecider } from './domain/decider.ts';
export { defaultPlan, TOUCHPOINT_TASKS } from './domain/default-plan.ts';
export { ONBOARDING_ERROR_CODES, OnboardingError, type OnboardingErrorCode } from './domain/errors.ts';
export { dueDate, evolve, type HiredState, initialState, type OnboardingState, stageOf, type TaskState } from './domain/state.ts';
export { onboardingCommandRoutes, OnboardingErrors, type OnboardingRoutesOptions, registerOnboardingRoutes } from './http/routes.ts';
export { startOnboarding } from './main.ts';
