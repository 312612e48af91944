import type { EventCatalogue } from './catalogue.ts';
import { eventCatalogue } from './event-catalogue.ts';

/**
 * The audit trail as the catalogue declares it: an event definition marked
 * `audit: { action }` is a privileged action. A service marks its own events
 * in its contracts module; nothing else needs to change for them to be listed.
 */

/** The catalogue types marked audited (some only for some payloads: see `auditActionOf`). */
export function auditedTypes(catalogue: EventCatalogue = eventCatalogue): string[] {
  return catalogue.types().filter((type) => catalogue.definition(type).audit !== undefined);
}

/** The audit action of one event (its data without personal fields), or undefined when it is not audited. */
export function auditActionOf(type: string, data: Record<string, unknown>, catalogue: EventCatalogue = eventCatalogue): string | undefined {
  if (!catalogue.has(type)) return undefined;
  const audit = catalogue.definition(type).audit as { action: string; when?: (data: Record<string, unknown>) => boolean } | undefined;
  if (!audit) return undefined;
  return audit.when === undefined || audit.when(data) ? audit.action : undefined;
}

/** The types whose append erases the subject (right to erasure). */
export function erasureTypes(catalogue: EventCatalogue = eventCatalogue): string[] {
  return catalogue.types().filter((type) => catalogue.definition(type).erasesSubject === true);
}
