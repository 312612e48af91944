import { type EventCatalogue, type EventDefinition, expandJsonPath, formatJsonPath, isRedacted, type JsonPathSegment, REDACTED } from '@ejp/contracts';

/** An event's data at the catalogue's current version, with no personal data left in it. */
export interface SafeEvent {
  definition: EventDefinition;
  version: number;
  data: Record<string, unknown>;
  /** Concrete JSON paths (`$.email`) of the personal fields that were left out of `data`. */
  withheld: string[];
}

/**
 * Makes stored data fit for a read model. On the bus personal fields are
 * ciphertext (the relay publishes the raw store); in a rebuild from a
 * decrypting store they may be plaintext. Read models hold neither, so:
 *  1. every path the catalogue marks personal in the STORED version becomes
 *     REDACTED before upcasting: upcasters are written to carry REDACTED over
 *     and would choke on ciphertext (EmployeeHired v1 splits `fullName`);
 *  2. the data is upcast to the current version;
 *  3. the current version's personal fields, REDACTED markers and any
 *     ciphertext the catalogue does not know about (a field marked after it
 *     was written) are left out, and their paths listed in `withheld`. Left
 *     out rather than kept as REDACTED: the read store refuses `$` keys, and
 *     a read model has nothing personal to erase later.
 * Returns undefined for a type the catalogue does not know (a newer service's
 * event): its personal fields cannot be located, so it is not shown. A known
 * type with an unknown version throws: the reader is behind its writers, and
 * the event must go to the dead letters rather than vanish silently.
 */
export function toSafeEvent(catalogue: EventCatalogue, type: string, version: number, data: Record<string, unknown>): SafeEvent | undefined {
  if (!catalogue.has(type)) return undefined;
  const stored = structuredClone(data);
  for (const path of catalogue.personalDataPaths(type, version)) {
    for (const match of expandJsonPath(stored, path)) (match.parent as Record<string | number, unknown>)[match.key] = REDACTED;
  }
  const upcast = catalogue.upcast(type, version, stored);
  for (const path of catalogue.personalDataPaths(type, upcast.version)) {
    for (const match of expandJsonPath(upcast.data, path)) (match.parent as Record<string | number, unknown>)[match.key] = REDACTED;
  }
  const withheld: string[] = [];
  const safe = withhold(upcast.data, [], withheld) as Record<string, unknown>;
  return { definition: catalogue.definition(type), version: upcast.version, data: safe, withheld };
}

/** Any object carrying `$enc` is a crypto-shredding field (see @ejp/eventstore), whatever version of that format. */
const isCiphertext = (value: object) => Object.hasOwn(value, '$enc');

const LEFT_OUT = Symbol('left out');

/** A copy without REDACTED markers and ciphertext; object keys are removed, array items become null (indexes keep their meaning). */
function withhold(value: unknown, at: JsonPathSegment[], withheld: string[]): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (isRedacted(value) || isCiphertext(value)) {
    withheld.push(formatJsonPath(at));
    return LEFT_OUT;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => {
      const kept = withhold(item, [...at, { index }], withheld);
      return kept === LEFT_OUT ? null : kept;
    });
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const kept = withhold(item, [...at, { key }], withheld);
    if (kept !== LEFT_OUT) out[key] = kept;
  }
  return out;
}
