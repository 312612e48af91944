// Public API of @ejp/offboarding: the routes and the access-removal scheduler for a
// host process, the pure decider and the configuration schema.
export {
  type AccessRemovalScheduler,
  type AccessRemovalSchedulerOptions,
  createAccessRemovalScheduler,
  type PendingLastDay,
  SCHEDULER_ACTOR,
} from './access-removal-scheduler.ts';
export { type OffboardingConfig, offboardingConfigSchema } from './config.ts';
export type * from './domain/commands.ts';
export { offboardingDecider } from './domain/decider.ts';
export { defaultPlan, withBuddyHandovers } from './domain/default-plan.ts';
export { OFFBOARDING_ERROR_CODES, OffboardingError, type OffboardingErrorCode } from './domain/errors.ts';
export { dueDate, evolve, type HiredState, initialState, type JourneyEvent, type OffboardingState } from './domain/state.ts';
export {
  createOffboardingHandler,
  offboardingCommandRoutes,
  OffboardingErrors,
  type OffboardingHandler,
  type OffboardingRoutesOptions,
  registerOffboardingRoutes,
} from './http/routes.ts';
export { startOffboarding } from './main.ts';
