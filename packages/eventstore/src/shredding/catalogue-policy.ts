import { type EventCatalogue, eventCatalogue, type StreamCategories, streamCategories } from '@ejp/contracts';
import type { CryptoShreddingOptions } from './crypto-shredding.ts';
import { NoPersonalDataOwnerError } from './errors.ts';

export interface CatalogueShreddingPolicyOptions {
  /** Where personal fields are found (default: the platform's event catalogue). */
  catalogue?: EventCatalogue;
  /** Whose personal data a stream holds (default: the platform's stream categories). */
  categories?: StreamCategories;
}

/**
 * The platform's wiring of `withCryptoShredding`: personal fields come from
 * the event catalogue's schema marks for the version in the metadata, and the
 * subject is the personal-data owner the stream's category declares (the
 * employee of `journey-<employeeId>`). Both fail closed: an event the
 * catalogue does not know, personal data in a stream of no declared category,
 * or in a category that may hold none (an anonymous survey), is refused
 * rather than stored in clear.
 */
export function catalogueShreddingPolicy(
  options: CatalogueShreddingPolicyOptions = {},
): Pick<CryptoShreddingOptions, 'personalPaths' | 'subjectOf'> {
  const catalogue = options.catalogue ?? eventCatalogue;
  const categories = options.categories ?? streamCategories;
  return {
    personalPaths(type, _data, metadata) {
      const version = metadata.version;
      if (typeof version !== 'number') throw new Error(`event ${type}: metadata.version is missing, so its personal fields are unknown`);
      return catalogue.personalDataPaths(type, version); // throws for unknown types and versions
    },
    subjectOf(streamName, event) {
      const category = categories.of(streamName);
      if (!category) throw new NoPersonalDataOwnerError(streamName, event.type, 'belongs to no declared stream category: whose is it?');
      let owner: string | undefined;
      try {
        owner = category.personalDataOwnerOf(streamName, event.data);
      } catch (error) {
        throw new NoPersonalDataOwnerError(streamName, event.type, `names no owner in this event (${(error as Error).message})`);
      }
      if (owner === undefined) throw new NoPersonalDataOwnerError(streamName, event.type, `is a ${category.name} stream, which may hold none`);
      return owner;
    },
  };
}
