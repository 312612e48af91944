import type { z } from 'zod';
import type { EventDefinition } from './define-event.ts';
import { personalDataPathsOf } from './personal-data.ts';

export class UnknownEventTypeError extends Error {
  override name = 'UnknownEventTypeError';
  readonly code = 'EJP_UNKNOWN_EVENT_TYPE';
  readonly type: string;
  constructor(type: string) {
    super(`unknown event type ${type}`);
    this.type = type;
  }
}

/** A version the catalogue does not know: older than its first or newer than its current (a reader behind its writers). */
export class UnknownEventVersionError extends Error {
  override name = 'UnknownEventVersionError';
  readonly code = 'EJP_UNKNOWN_EVENT_VERSION';
  readonly type: string;
  readonly version: number;
  constructor(type: string, version: number, known: readonly number[]) {
    super(`event type ${type} has no version ${version} (known: ${known.join(', ')})`);
    this.type = type;
    this.version = version;
  }
}

export interface UpcastResult {
  /** Always the current version of the type. */
  version: number;
  data: Record<string, unknown>;
}

/** The set of event types a reader understands, with every version of each. */
export class EventCatalogue {
  readonly #definitions = new Map<string, EventDefinition>();

  constructor(definitions: Iterable<EventDefinition>) {
    for (const definition of definitions) {
      if (this.#definitions.has(definition.type)) throw new Error(`event type ${definition.type} is defined twice`);
      this.#definitions.set(definition.type, definition);
    }
  }

  /** Every type, sorted. */
  types(): string[] {
    return [...this.#definitions.keys()].sort();
  }

  has(type: string): boolean {
    return this.#definitions.has(type);
  }

  definition(type: string): EventDefinition {
    const definition = this.#definitions.get(type);
    if (!definition) throw new UnknownEventTypeError(type);
    return definition;
  }

  latestVersion(type: string): number {
    return this.definition(type).version;
  }

  schemaFor(type: string, version: number): z.ZodType {
    const definition = this.definition(type);
    const found = definition.versions.find((v) => v.version === version);
    if (!found) throw new UnknownEventVersionError(type, version, definition.versions.map((v) => v.version));
    return found.schema;
  }

  /** Validates data of the given version (not only the current one); throws a ZodError. */
  parse(type: string, version: number, data: unknown): unknown {
    return this.schemaFor(type, version).parse(data);
  }

  /**
   * Brings data of any known version to the current one by chaining upcasters
   * (v1 -> v2 -> v3). Pure: the input is not modified and nothing is
   * re-validated, because stored data was validated when it was written and
   * may now carry REDACTED markers that its schema would reject.
   */
  upcast(type: string, version: number, data: Record<string, unknown>): UpcastResult {
    this.schemaFor(type, version); // unknown versions fail here, before any upcaster runs
    const definition = this.definition(type);
    let current = structuredClone(data);
    for (const step of definition.upcasters) {
      if (step.from >= version) current = step.up(current);
    }
    return { version: definition.version, data: current };
  }

  /** JSON paths of the personal-data fields of one version (see personal-data.ts). */
  personalDataPaths(type: string, version: number): string[] {
    return personalDataPathsOf(this.schemaFor(type, version));
  }

  /** Every (type, version) pair, sorted by type then version. */
  *entries(): Generator<{ definition: EventDefinition; version: number; schema: z.ZodType }> {
    for (const type of this.types()) {
      const definition = this.definition(type);
      for (const { version, schema } of definition.versions) yield { definition, version, schema };
    }
  }
}
