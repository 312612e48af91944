// Public API of @ejp/webhooks-service: the routes for a host process, the decider and the configuration.
export { type WebhookCommand, webhookDecider, WEBHOOK_ERROR_CODES, WebhookError, type WebhookErrorCode } from './domain.ts';
export { startWebhooks, webhooksServiceConfigSchema } from './main.ts';
export { registerWebhookRoutes, webhookCommandRoutes, WebhookErrors, type WebhookRoutesOptions } from './routes.ts';
