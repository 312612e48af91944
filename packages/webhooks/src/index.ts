// Public API of @ejp/webhooks: Standard Webhooks signatures, derived secrets, and the dispatcher.
export { type DeliveryResult, WebhookDispatcher, type WebhookDispatcherOptions } from './dispatcher.ts';
export { loadWebhookSecretKey, type WebhookSecretKeyConfig, webhookSecretKeyConfigShape } from './secret-key.ts';
export { deriveSecret, SECRET_PREFIX, signatureOf, webhookHeaders } from './signature.ts';
export { openWebhookDispatcher, type WebhooksConfig, webhooksConfigShape } from './open.ts';
