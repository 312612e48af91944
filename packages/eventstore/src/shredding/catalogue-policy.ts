import { type EventCatalogue, employeeIdOfStream, eventCatalogue } from '@ejp/contracts';
import type { CryptoShreddingOptions } from './crypto-shredding.ts';

/**
 * The platform's wiring of `withCryptoShredding`: personal fields come from
 * the event catalogue's schema marks for the version in the metadata, and the
 * subject is the employee of the `journey-<employeeId>` stream. Both fail
 * closed: an event the catalogue does not know, or personal data outside a
 * journey stream, is refused rather than stored in clear.
 */
export function catalogueShreddingPolicy(
  catalogue: EventCatalogue = eventCatalogue,
): Pick<CryptoShreddingOptions, 'personalPaths' | 'subjectOf'> {
  return {
    personalPaths(type, _data, metadata) {
      const version = metadata.version;
      if (typeof version !== 'number') throw new Error(`event ${type}: metadata.version is missing, so its personal fields are unknown`);
      return catalogue.personalDataPaths(type, version); // throws for unknown types and versions
    },
    subjectOf(streamName) {
      const employeeId = employeeIdOfStream(streamName);
      if (!employeeId) throw new Error(`stream ${streamName} is not a journey stream: whose personal data is this?`);
      return employeeId;
    },
  };
}
