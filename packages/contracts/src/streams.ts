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
  /**
   * How finely the store may time the events (default `'instant'`). `'day'`:
   * every adapter records the event at midnight UTC of its day, for streams
   * whose timing would identify a person (anonymous survey responses).
   */
  timestampPrecision?: TimestampPrecision;
  /**
   * The subject of a stream id (default: the id itself): the Kafka key, so
   * what shares a subject keeps its order on the bus. A survey's responses,
   * one stream each, share the survey as their subject.
   */
  subjectOfId?: (id: string) => string;
}

export type TimestampPrecision = 'instant' | 'day';

export interface StreamCategory {
  readonly name: string;
  readonly prefix: string;
  readonly description: string;
  readonly idDescription: string;
  readonly published: boolean;
  readonly timestampPrecision: TimestampPrecision;
  /** The stream of one id: `journey-<employeeId>`. */
  streamOf(id: string): string;
  /** The id of a stream of this category, or undefined for any other stream. */
  idOf(streamName: string): string | undefined;
  /** True when the stream belongs to this category. */
  owns(streamName: string): boolean;
  /**
   * The subject of an event in the stream: the Kafka key (order is kept per
   * subject) and the CloudEvents `subject`. The stream id unless the category
   * says otherwise (`subjectOfId`): one stream, one key, so order per stream
   * holds on the bus too.
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
    timestampPrecision: input.timestampPrecision ?? 'instant',
    streamOf(id: string) {
      if (id.length === 0) throw new Error(`${input.name} stream: the id must not be empty`);
      return `${prefix}${id}`;
    },
    idOf,
    owns: (streamName: string) => idOf(streamName) !== undefined,
    subjectOf: (streamName: string) => (input.subjectOfId ?? ((id: string) => id))(requireId(streamName)),
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

/** A mentoring round: its mentors, mentees, proposed pairs, answers and sessions (people as ids, no personal data). */
export const MentoringStreams = defineStreamCategory({
  name: 'mentoring',
  description: 'A mentoring round: mentors and their capacity, mentees and their goals, the proposed pairs, their answers and sessions.',
  idDescription: 'the mentoring round id',
  personalDataOwner: 'none',
});

/** An internal opening (rotation, transfer, promotion) and its applications with their approvals. */
export const OpeningStreams = defineStreamCategory({
  name: 'opening',
  description: 'An internal opening and the applications to it, with the manager and HR approvals.',
  idDescription: 'the opening id',
  personalDataOwner: 'none',
});

/** A course of the learning catalogue, its enrolments and completions. */
export const CourseStreams = defineStreamCategory({
  name: 'course',
  description: 'A course of the learning catalogue (internal or external), its enrolments and completions.',
  idDescription: 'the course id',
  personalDataOwner: 'none',
});

/** One need survey: its questions, audience, lifecycle and minimum group size. */
export const SurveyStreams = defineStreamCategory({
  name: 'survey',
  description: 'One need survey: drafted, scheduled, launched to its audience, reminded, closed; its minimum group size.',
  idDescription: 'the survey id',
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
 * One anonymous survey response per stream, `surveyresponse-<surveyId>.<token>`:
 * the token is unlinkable once the survey's secret is destroyed, and the
 * stores time these events to the day only.
 */
export const SurveyResponseStreams = defineStreamCategory({
  name: 'surveyresponse',
  description: 'One survey response, named by the survey and an unlinkable response token; timed to the day.',
  idDescription: 'the survey id (the stream id is `<surveyId>.<token>`)',
  personalDataOwner: 'none',
  timestampPrecision: 'day',
  // The survey: its responses stay in order on one Kafka partition, and the key names no token.
  subjectOfId: (id) => id.split('.')[0]!,
});

/**
 * One suggestion to leadership, `suggestion-<suggestionId>`: submitted named
 * or anonymously, acknowledged, answered, replied to, escalated when overdue.
 * Timed to the day, so an anonymous submission cannot be lined up with its request.
 */
export const SuggestionStreams = defineStreamCategory({
  name: 'suggestion',
  description: 'One suggestion to leadership and its answers; timed to the day.',
  idDescription: 'the suggestion id',
  personalDataOwner: 'none',
  timestampPrecision: 'day',
});

/** `surveyresponse-<surveyId>.<token>`. */
export function surveyResponseStream(surveyId: string, token: string): string {
  return SurveyResponseStreams.streamOf(`${surveyId}.${token}`);
}

/** The start of an instant's UTC day: what a day-precision store records. */
export function startOfUtcDay(instant: Date): Date {
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
}

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

  /** When the store records an event of this stream: the instant, or its day for day-precision categories. */
  recordedAtOf(streamName: string, instant: Date): Date {
    return this.of(streamName)?.timestampPrecision === 'day' ? startOfUtcDay(instant) : instant;
  }

  /** The prefixes the relay and the in-process bus follow. */
  publishedPrefixes(): string[] {
    return this.all()
      .filter((category) => category.published)
      .map((category) => category.prefix);
  }
}

/** Every stream category of the platform. */
/**
 * Who asked for an employee's personal details and what they got: one
 * stream per employee, apart from their journey (a request is no chapter of
 * it, and a refused caller must not be able to touch the journey's
 * revisions). Holds no personal data; published, so the projector's audit
 * trail lists every request.
 */
export const DisclosureStreams = defineStreamCategory({
  name: 'disclosure',
  description: "Requests for an employee's personal details: who asked, which fields, why, and whether they were answered.",
  idDescription: 'the employee id',
  personalDataOwner: 'none',
});

/** A webhook subscription: created, secret rotations, disabled and enabled. Only the webhooks service reads it. */
export const WebhookStreams = defineStreamCategory({
  name: 'webhook',
  description: 'A webhook subscription: its URL, event types and department, secret rotations, disabled and enabled.',
  idDescription: 'the subscription id',
  personalDataOwner: 'none',
  published: false,
});

/** The delivery log of one webhook subscription: every attempt and what the receiver answered. */
export const WebhookDeliveryStreams = defineStreamCategory({
  name: 'webhookdelivery',
  description: 'The delivery log of one webhook subscription: each attempt, its status and error.',
  idDescription: 'the subscription id',
  personalDataOwner: 'none',
  published: false,
});

export const streamCategories = new StreamCategories([
  JourneyStreams,
  OrganisationStreams,
  ServiceCatalogueStreams,
  ServiceRequestStreams,
  MentoringStreams,
  OpeningStreams,
  CourseStreams,
  SurveyStreams,
  SurveyResponseStreams,
  SuggestionStreams,
  DisclosureStreams,
  WebhookStreams,
  WebhookDeliveryStreams,
]);

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
