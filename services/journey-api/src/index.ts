// Public API of @ejp/journey-api: the routes (mounted by main.ts in distributed
// mode and by the standalone process) and the configuration schema.
export { type JourneyApiConfig, journeyApiConfigSchema } from './config.ts';
export { JourneyApiErrors } from './errors.ts';
export { type JourneyApiOptions, registerJourneyApiRoutes } from './routes.ts';
export { pollStatuses, RevisionWaiters } from './revision-waiters.ts';
