/**
 * What a personal-data field reads as once the employee's key has been erased
 * (crypto-shredding). It lives here, not in the event store, because every
 * reader of events (upcasters, projectors, APIs) has to recognise it.
 *
 * An object rather than a sentinel string such as "[erased]": no real value of
 * any field can ever be mistaken for it, and a string field holding it fails
 * validation loudly instead of being displayed as if it were a name.
 */
export type Redacted = { readonly $redacted: true };

export const REDACTED: Redacted = Object.freeze({ $redacted: true });

export function isRedacted(value: unknown): value is Redacted {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    (value as Record<string, unknown>).$redacted === true &&
    Object.keys(value).length === 1
  );
}
