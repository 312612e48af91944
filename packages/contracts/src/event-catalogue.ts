import { EventCatalogue } from './catalogue.ts';
import { growthEvents } from './events/growth.ts';
import { feedbackEvents } from './events/feedback.ts';
import { offboardingEvents } from './events/offboarding.ts';
import { disclosureEvents, onboardingEvents } from './events/onboarding.ts';
import { recognitionEvents } from './events/recognition.ts';
import { servicedeskEvents } from './events/servicedesk.ts';
import { webhookEvents } from './events/webhooks.ts';

/** Every event type of the platform. A service adds its types in events/<area>.ts and lists them here. */
export const eventCatalogue = new EventCatalogue([...onboardingEvents, ...offboardingEvents, ...recognitionEvents, ...servicedeskEvents, ...growthEvents, ...feedbackEvents, ...disclosureEvents, ...webhookEvents]);

/** JSON paths of the personal-data fields of one version of a platform event type. */
export function personalDataPaths(type: string, version: number): string[] {
  return eventCatalogue.personalDataPaths(type, version);
}
