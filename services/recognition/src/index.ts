// Public API of @ejp/recognition: the routes for a host process, the pure
// deciders and the configuration schema. The generic write side is @ejp/command-kit.
export { type RecognitionConfig, recognitionConfigSchema } from './config.ts';
export { allowanceMonthOf, isTimeZone } from '@ejp/contracts';
export type * from './domain/commands.ts';
export { RECOGNITION_ERROR_CODES, RecognitionError, type RecognitionErrorCode } from './domain/errors.ts';
export { allowanceLeft, createGivingDecider, type GivingDeciderOptions } from './domain/giving.ts';
export { evolveGiving, type Given, type GivingState, initialGivingState, type PointsSplit } from './domain/giving-state.ts';
export { reactionDecider, type ReactionState } from './domain/reactions.ts';
export {
  activeValueIds,
  type CompanyValue,
  DEFAULT_MONTHLY_ALLOWANCE,
  DEFAULT_WITHDRAW_WINDOW_HOURS,
  initialSettings,
  organisationSettingsDecider,
  type SettingsState,
} from './domain/settings.ts';
export { RecognitionErrors, type RecognitionRoutesOptions, registerRecognitionRoutes } from './http/routes.ts';
