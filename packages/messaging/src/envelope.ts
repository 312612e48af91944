import { type Envelope, JourneyStreams } from '@ejp/contracts';

/**
 * What every handler receives: one recorded event with its envelope
 * (ids, type and version, stream revision, global position, correlation and
 * causation ids, traceparent) and its data exactly as stored. Personal fields
 * stay as the store holds them: encrypted when crypto-shredding is on.
 */
export type JourneyEnvelope = Envelope;

/**
 * @deprecated The prefix is declared once, in contracts: use
 * `JourneyStreams.prefix`, or `streamCategories.publishedPrefixes()` for what
 * the relay and the bus carry. Kept only until the projector's rebuild reads
 * the categories itself.
 */
export const JOURNEY_STREAM_PREFIX = JourneyStreams.prefix;

/** The default Kafka topic of journey lifecycle events. */
export const DEFAULT_JOURNEY_TOPIC = 'journey.lifecycle.v1';
