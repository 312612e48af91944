// Public API of @ejp/onboarding: the routes for a host process, the pure
// decider, the generic command handler and the configuration schema.
export {
  type CommandHandler,
  type CommandHandlerOptions,
  createCommandHandler,
  type Decider,
  type EventCodec,
  type HandledEvent,
  type HandleOptions,
  type HandleResult,
  IdempotencyKeyReusedError,
} from './command-handler.ts';
export { type OnboardingConfig, onboardingConfigSchema } from './config.ts';
export { commandEventId, uuidV5 } from './deterministic-ids.ts';
export type * from './domain/commands.ts';
export { decide } from './domain/decide.ts';
export { onboardingDecider } from './domain/decider.ts';
export { type DeciderSpec, deciderSpec } from './domain/decider-spec.ts';
export { defaultPlan, TOUCHPOINT_TASKS } from './domain/default-plan.ts';
export { ONBOARDING_ERROR_CODES, OnboardingError, type OnboardingErrorCode } from './domain/errors.ts';
export { dueDate, evolve, type HiredState, initialState, type OnboardingPhase, type OnboardingState, stageOf, type TaskState } from './domain/state.ts';
export { onboardingEventCodec } from './event-codec.ts';
export { OnboardingErrors } from './http/errors.ts';
export { type OnboardingRoutesOptions, registerOnboardingRoutes } from './http/routes.ts';
