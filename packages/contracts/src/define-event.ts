import type { z } from 'zod';
import { appendMetadata, type CausationContext, type JsonObject, newEventId } from './envelope.ts';
import type { JourneyStage } from './vocabulary.ts';
import type { JourneyStageEffect } from './journey-stage-effect.ts';

/** Event data is always a JSON object. */
export type DataSchema = z.ZodType<Record<string, unknown>>;

/**
 * Turns data of version `from` into data of version `from + 1`. Upcasters run
 * on read and never rewrite stored events. They receive data as stored, after
 * decryption: a personal field of an erased employee is the REDACTED marker
 * (see redaction.ts) instead of its declared type, and must be carried over
 * as REDACTED, never parsed.
 */
export interface Upcaster<S extends z.ZodType = z.ZodType> {
  from: number;
  /** Schema of version `from`: documents old events and locates their personal data. */
  schema: S;
  // Method syntax on purpose: it lets an Upcaster<SomeSchema> sit in an Upcaster[] list.
  up(data: z.output<S>): Record<string, unknown>;
}

/** Identity helper that types `up`'s argument from `schema`. */
export function upcaster<S extends z.ZodType>(definition: Upcaster<S>): Upcaster<S> {
  return definition;
}

export interface EventVersion {
  version: number;
  schema: z.ZodType;
}

/**
 * Marks a privileged action (an erasure, a settings or threshold change, an
 * override, a role or manager change): the audit-trail projection lists every
 * event so marked, and only those. `when` narrows it to some payloads (a
 * departure is audited only when it set a rule aside); it sees the data
 * without its personal fields, as projections do.
 */
export interface EventAudit<D = Record<string, unknown>> {
  /** The kind of action, kebab-case (`erasure`, `settings-change`, `override`): what admins filter the trail by. */
  action: string;
  when?: (data: D) => boolean;
}

export interface EventDefinitionInput<T extends string, S extends DataSchema> {
  /** Dotted lower-case name, e.g. `journey.employee.hired`. */
  type: T;
  /** The current version, written by new appends. */
  version: number;
  /** Schema of the current version's data. */
  schema: S;
  /** One per older version, contiguous up to `version - 1`. */
  upcasters?: Upcaster[];
  title: string;
  description?: string;
  stage?: JourneyStage;
  /** How the event moves the employee's journey stage (read by the one stage fold, journey-stage.ts). */
  journey?: JourneyStageEffect<z.output<S>>;
  /** The service that appends it (becomes the CloudEvents `source`). */
  source?: string;
  /** A privileged action: listed in the audit trail (see EventAudit). */
  audit?: EventAudit<z.output<S>>;
  /**
   * Appending it erases the subject (right to erasure): the crypto-shredding
   * store destroys the subject's key with it, and every later command on the
   * subject's stream is refused (410).
   */
  erasesSubject?: true;
}

export interface EventDefinition<T extends string = string, S extends DataSchema = DataSchema> {
  readonly type: T;
  readonly version: number;
  readonly schema: S;
  readonly title: string;
  readonly description?: string;
  readonly stage?: JourneyStage;
  readonly journey?: JourneyStageEffect<z.output<S>>;
  readonly source?: string;
  readonly audit?: EventAudit<z.output<S>>;
  readonly erasesSubject?: true;
  /** Every known version, oldest first; the last is the current one. */
  readonly versions: readonly EventVersion[];
  /** Sorted by `from`. */
  readonly upcasters: readonly Upcaster[];
  /** Validates data of the current version; throws a ZodError. */
  parse(data: unknown): z.output<S>;
}

/** `{ type, data }` of one event definition, or a union of them for a union of definitions. */
export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? { type: T; data: z.output<S> } : never;
export type EventData<D extends EventDefinition> = z.output<D['schema']>;

const EVENT_TYPE = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

export function defineEvent<const T extends string, S extends DataSchema>(input: EventDefinitionInput<T, S>): EventDefinition<T, S> {
  if (!EVENT_TYPE.test(input.type)) throw new Error(`event type ${input.type}: use dotted lower-case words, e.g. journey.employee.hired`);
  if (!Number.isInteger(input.version) || input.version < 1) throw new Error(`event type ${input.type}: version must be an integer >= 1`);
  const upcasters = [...(input.upcasters ?? [])].sort((a, b) => a.from - b.from);
  // The chain must reach the current version without a hole, or an old event could not be read.
  upcasters.forEach((u, i) => {
    const expected = input.version - upcasters.length + i;
    if (u.from !== expected) {
      throw new Error(`event type ${input.type}: upcasters must cover versions ${input.version - upcasters.length}..${input.version - 1} contiguously (found from=${u.from})`);
    }
  });
  if (upcasters.length > 0 && upcasters[0]!.from < 1) throw new Error(`event type ${input.type}: versions start at 1`);
  const versions: EventVersion[] = [
    ...upcasters.map((u) => ({ version: u.from, schema: u.schema })),
    { version: input.version, schema: input.schema },
  ];
  const schema = input.schema;
  return Object.freeze({
    type: input.type,
    version: input.version,
    schema,
    title: input.title,
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.stage === undefined ? {} : { stage: input.stage }),
    ...(input.journey === undefined ? {} : { journey: input.journey }),
    ...(input.source === undefined ? {} : { source: input.source }),
    ...(input.audit === undefined ? {} : { audit: input.audit }),
    ...(input.erasesSubject === undefined ? {} : { erasesSubject: input.erasesSubject }),
    versions,
    upcasters,
    parse: (data: unknown) => schema.parse(data),
  });
}

/** An event ready for `EventStore.appendToStream` (structurally the port's EventToAppend). */
export interface NewEvent {
  id: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}

/**
 * Validates data against the current version and builds the event with its
 * envelope metadata. Pass `id` when retrying a command so the append stays idempotent.
 */
export function newEvent<D extends EventDefinition>(
  definition: D,
  data: z.input<D['schema']>,
  context: CausationContext & { id?: string },
): NewEvent {
  const parsed = definition.parse(data);
  return {
    id: context.id ?? newEventId(),
    type: definition.type,
    // A JSON round trip drops `undefined` optionals so the stored data is plain JSON.
    data: JSON.parse(JSON.stringify(parsed)) as JsonObject,
    metadata: appendMetadata(definition.version, context),
  };
}
