// Public API of @ejp/service-kit. Anything not exported here is internal.

export { signDevToken, type DevTokenOptions } from './auth/dev-token.ts';
export {
  type AccessDirectory,
  type AccessGrant,
  type AccessPolicy,
  managesWithin,
  type ReportingLine,
} from './auth/access-policy.ts';
export { DEV_USER, FORBIDDEN_DETAIL } from './auth/route-access.ts';
export { ROLES, type AuthenticatedUser, type Role } from './auth/token-verifier.ts';
export {
  AUTH_MODES,
  baseConfigSchema,
  ConfigError,
  describeConfig,
  loadConfig,
  type AuthMode,
  type BaseConfig,
  type ConfigIssue,
  type ConfigVariableDescription,
} from './config.ts';
export {
  createServiceApp,
  type ServiceApp,
  type ServiceAppConfig,
  type ServiceAppOptions,
} from './create-service-app.ts';
export { AppError, isAppError, type AppErrorOptions } from './errors/app-error.ts';
export {
  defineErrors,
  ErrorCodes,
  listErrors,
  lookupError,
  type BuiltInErrorCode,
  type CatalogueEntry,
  type ErrorCode,
  type ErrorDefinition,
} from './errors/error-catalogue.ts';
export { PROBLEM_CONTENT_TYPE, ProblemSchema, type FieldError, type Problem } from './errors/problem.ts';
export type { ReadinessCheck } from './health.ts';
export { ResourceStack, installShutdownHandlers, type ProcessControl, type Resource } from './lifecycle.ts';
export { createLogger, type Logger, type LoggerOptions } from './logger.ts';
export { type ApiServer, declareTags, problemResponse } from './openapi.ts';
export { EmployeeParams, EmployeeTaskParams } from './path-params.ts';
export { CORRELATION_ID_HEADER, REQUEST_ID_HEADER } from './request-context.ts';
export { main, runService, type RunningService, type RunServiceOptions, type ServiceContext } from './run-service.ts';
export { startTelemetry, type Telemetry, type TelemetrySettings } from './telemetry.ts';
