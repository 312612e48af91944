export { type Account, AccountList } from './accounts.ts';
export { type PersonalDetails, PersonalDetailsError, personalDetailsClient } from './personal-details.ts';
export { Provisioner, type ProvisionerOptions, toCloudEvent, WATCHED_TYPES } from './provisioner.ts';
export { type DeliveredEvent, WebhookReceiver, type WebhookReceiverOptions } from './webhook-receiver.ts';
