import type { Envelope } from '@ejp/contracts';

/**
 * What every handler receives: one recorded journey event with its envelope
 * (ids, type and version, stream revision, global position, correlation and
 * causation ids, traceparent) and its data exactly as stored. Personal fields
 * stay as the store holds them: encrypted when crypto-shredding is on.
 */
export type JourneyEnvelope = Envelope;

/** Streams the relay and the in-process bus carry: one per employee. */
export const JOURNEY_STREAM_PREFIX = 'journey-';

/** The default Kafka topic of journey lifecycle events. */
export const DEFAULT_JOURNEY_TOPIC = 'journey.lifecycle.v1';
