// Public API of @ejp/servicedesk: the routes and the SLA watcher for a host
// process, the pure deciders and the configuration schema.
export { type ServicedeskConfig, servicedeskConfigSchema } from './config.ts';
export { addBusinessMinutes, ALWAYS_OPEN, businessMinutesBetween } from './domain/business-hours.ts';
export { type CatalogueState, catalogueDecider } from './domain/catalogue.ts';
export type * from './domain/commands.ts';
export { SERVICEDESK_ERROR_CODES, ServicedeskError, type ServicedeskErrorCode } from './domain/errors.ts';
export { requestDecider } from './domain/request.ts';
export { REQUEST_STATUSES, type RequestState, type RequestStatus } from './domain/request-state.ts';
export {
  createRequestHandler,
  type RequestHandler,
  registerServicedeskRoutes,
  ServicedeskErrors,
  type ServicedeskRoutesOptions,
} from './routes.ts';
export { createSlaWatcher, SLA_WATCHER_ACTOR, type SlaWatcher, type SlaWatcherOptions } from './sla-watcher.ts';
export { startServicedesk } from './main.ts';
