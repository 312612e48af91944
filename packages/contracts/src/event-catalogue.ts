import { EventCatalogue } from './catalogue.ts';
import { feedbackEvents } from './events/feedback.ts';
import { offboardingEvents } from './events/offboarding.ts';
import { onboardingEvents } from './events/onboarding.ts';
import { recognitionEvents } from './events/recognition.ts';

/** Every event type of the platform. A service adds its types in events/<area>.ts and lists them here. */
export const eventCatalogue = new EventCatalogue([...onboardingEvents, ...offboardingEvents, ...recognitionEvents, ...feedbackEvents]);

/** JSON paths of the personal-data fields of one version of a platform event type. */
export function personalDataPaths(type: string, version: number): string[] {
  return eventCatalogue.personalDataPaths(type, version);
}
