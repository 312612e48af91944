export { type Account, AccountList } from './accounts.ts';
export { type PersonalDetails, PersonalDetailsError, personalDetailsClient } from './personal-details.ts';
export { Provisioner, type ProvisionerOptions, toCloudEvent, WATCHED_TYPES } from './provisioner.ts';
