/**
 * Stream categories, declared once. A stream name is `<prefix><id>`; the
 * category says what the id means for everything that reads streams without
 * knowing a domain: the relay and the in-process bus (which prefixes to
 * carry), the CloudEvents mapping and the Kafka key (the subject), the
 * crypto-shredding policy (whose personal data an event carries) and the
 * projections. No code outside this module compares stream names by hand.
 */

export interface StreamCategoryInput {
  /** Lower-case word; the stream prefix is `<name>-`. */
  name: string;
  description: string;
  /** What the id is, for documents (the AsyncAPI key): `'the employee id'`. Default `'the <name> id'`. */
  idDescription?: string;
  /**
   * Whose personal data events of this stream may carry (the key that
   * encrypts it, erased on request): `'id'` when the stream id IS that
   * employee, `'none'` when the stream must never hold personal data (an
   * anonymous survey: a personal field there is refused, not stored), or
   * `{ field }` when the stream is about one thing of one employee (a
   * service-desk request): the employee is named by that top-level field of
   * every event's data that carries personal data (the requester's key then
   * encrypts an agent's comment too; erasing the requester erases it).
   */
  personalDataOwner: 'id' | 'none' | { field: string };
  /**
   * Carried to Kafka by the relay and to in-process subscribers (default
   * true). Off for streams that only their own service reads.
   */
  published?: boolean;
}

export interface StreamCategory {
  readonly name: string;
  readonly prefix: string;
  readonly description: string;
  readonly idDescription: string;
  readonly published: boolean;
  /** The stream of one id: `journey-<employeeId>`. */
  streamOf(id: string): string;
  /** The id of a stream of this category, or undefined for any other stream. */
  idOf(streamName: string): string | undefined;
  /** True when the stream belongs to this category. */
  owns(streamName: string): boolean;
  /**
   * The subject of an event in the stream: the Kafka key (order is kept per
   * subject) and the CloudEvents `subject`. It is the stream id: one stream,
   * one key, so order per stream holds on the bus too.
   */
  subjectOf(streamName: string): string;
  /**
   * The employee whose personal data an event of the stream carries (its
   * `data` is read when the category names the owner by a field), or
   * undefined when it may carry none. Throws when the owner is declared by a
   * field the data lacks: whose would it be?
   */
  personalDataOwnerOf(streamName: string, data?: Readonly<Record<string, unknown>>): string | undefined;
}

const NAME = /^[a-z][a-z0-9]*$/;

export function defineStreamCategory(input: StreamCategoryInput): StreamCategory {
  if (!NAME.test(input.name)) throw new Error(`stream category ${input.name}: use one lower-case word (letters, digits)`);
  const prefix = `${input.name}-`;
  const idOf = (streamName: string): string | undefined => {
    if (!streamName.startsWith(prefix)) return undefined;
    const id = streamName.slice(prefix.length);
    return id.length > 0 ? id : undefined;
  };
  const requireId = (streamName: string): string => {
    const id = idOf(streamName);
    if (id === undefined) throw new Error(`stream ${streamName} is not a ${input.name} stream (${prefix}<id>)`);
    return id;
  };
  return Object.freeze({
    name: input.name,
    prefix,
    description: input.description,
    idDescription: input.idDescription ?? `the ${input.name} id`,
    published: input.published ?? true,
    streamOf(id: string) {
      if (id.length === 0) throw new Error(`${input.name} stream: the id must not be empty`);
      return `${prefix}${id}`;
    },
    idOf,
    owns: (streamName: string) => idOf(streamName) !== undefined,
    subjectOf: requireId,
    personalDataOwnerOf: (streamName: string, data?: Readonly<Record<string, unknown>>) => {
      const owner = input.personalDataOwner;
      if (owner === 'none') return undefined;
      if (owner === 'id') return requireId(streamName);
      requireId(streamName);
      const value = data?.[owner.field];
      if (typeof value !== 'string' || value.length === 0) {
        throw new Error(`stream ${streamName} names its personal-data owner by ${owner.field}, which the data lacks`);
      }
      return value;
    },
  });
}

/** Every event about one employee lives in one stream, so order per employee is guaranteed. */
export const JourneyStreams = defineStreamCategory({
  name: 'journey',
  description: "One employee's journey, chapter by chapter: hire, onboarding, check-ins, offboarding, alumni, rehire.",
  idDescription: 'the employee id',
  personalDataOwner: 'id',
});

/**
 * The organisation's settings (company values, recognition allowance,
 * withdraw window): one stream per organisation. It holds no personal data;
 * who changed a setting is the envelope's actor.
 */
export const OrganisationStreams = defineStreamCategory({
  name: 'organisation',
  description: "The organisation's settings: company values, the monthly recognition allowance and the withdraw window.",
  idDescription: 'the organisation id',
  personalDataOwner: 'none',
});

/**
 * The service desk's catalogue for one organisation: agent teams, business
 * calendars and request items with their forms, approval chains and SLA
 * policies. Admin settings: no personal data (who changed what is the actor).
 */
export const ServiceCatalogueStreams = defineStreamCategory({
  name: 'servicecatalogue',
  description: "The service desk's catalogue: agent teams, business-hours calendars, request items with their forms, approvals and SLA policies.",
  idDescription: 'the organisation id',
  personalDataOwner: 'none',
});

/**
 * One service-desk request, from submission to closure: its approvals,
 * comments, SLA clocks and rating. Its personal data (title, answers,
 * comments, reasons) is the requester's, named by `requesterId` in every
 * event, whoever wrote it.
 */
export const ServiceRequestStreams = defineStreamCategory({
  name: 'servicerequest',
  description: 'One service-desk request: submission, approvals, assignment, progress, comments, SLA clocks and breaches, resolution and rating.',
  idDescription: 'the request id',
  personalDataOwner: { field: 'requesterId' },
});

/**
 * The registry of categories. A service with a category of its own (a
 * survey, a suggestion) declares it in contracts and lists it here, once.
 */
export class StreamCategories {
  readonly #byName = new Map<string, StreamCategory>();

  constructor(categories: Iterable<StreamCategory>) {
    for (const category of categories) {
      // Prefixes are `<word>-`, so two distinct names can never be prefixes of one another.
      if (this.#byName.has(category.name)) throw new Error(`stream category ${category.name} is declared twice`);
      this.#byName.set(category.name, category);
    }
  }

  all(): StreamCategory[] {
    return [...this.#byName.values()];
  }

  /** The category of a stream, or undefined for streams the platform does not know (`$ejp-…` internals). */
  of(streamName: string): StreamCategory | undefined {
    for (const category of this.#byName.values()) if (category.owns(streamName)) return category;
    return undefined;
  }

  /** Like `of`, but an unknown stream is an error (fail closed: the caller cannot tell whose event it is). */
  require(streamName: string): StreamCategory {
    const category = this.of(streamName);
    if (!category) throw new Error(`stream ${streamName} belongs to no declared stream category`);
    return category;
  }

  /** The prefixes the relay and the in-process bus follow. */
  publishedPrefixes(): string[] {
    return this.all()
      .filter((category) => category.published)
      .map((category) => category.prefix);
  }
}

/** Every stream category of the platform. */
export const streamCategories = new StreamCategories([JourneyStreams, OrganisationStreams, ServiceCatalogueStreams, ServiceRequestStreams]);

/** `journey-<employeeId>`. */
export function journeyStream(employeeId: string): string {
  return JourneyStreams.streamOf(employeeId);
}

/** The employee id of a `journey-<employeeId>` stream, or undefined for any other stream. */
export function employeeIdOfStream(streamName: string): string | undefined {
  return JourneyStreams.idOf(streamName);
}

/** `organisation-<orgId>`. */
export function organisationStream(organisationId: string): string {
  return OrganisationStreams.streamOf(organisationId);
}
