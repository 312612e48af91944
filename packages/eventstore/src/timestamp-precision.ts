import { type StreamCategories, streamCategories } from '@ejp/contracts';
import { InvalidAppendError } from './errors.ts';

/**
 * Day timestamp precision, declared by a stream category (`timestampPrecision:
 * 'day'`, anonymous survey responses) and honoured by every adapter: what
 * the store keeps of an event's time is midnight UTC of its day, so the
 * store itself cannot line an event up with anyone's requests. The SQL
 * adapters truncate `recorded_at` as they write it; EventStoreDB stamps each
 * event with its own clock, which no client can change, so it refuses such
 * streams rather than keep a finer time.
 */

/** What a SQL adapter records as the event's time. */
export function recordedAtFor(stream: string, now: Date = new Date(), categories: StreamCategories = streamCategories): Date {
  return categories.recordedAtOf(stream, now);
}

/** The stream prefixes whose events are timed to the day (the PostgreSQL trigger's list). */
export function dayPrecisionPrefixes(categories: StreamCategories = streamCategories): string[] {
  return categories
    .all()
    .filter((category) => category.timestampPrecision === 'day')
    .map((category) => category.prefix);
}

/** For a store that cannot truncate its own timestamps: refuse the stream instead. */
export function refuseDayPrecision(stream: string, store: string, categories: StreamCategories = streamCategories): void {
  if (categories.of(stream)?.timestampPrecision === 'day') {
    throw new InvalidAppendError(`${store} times every event to the tick; stream ${stream} must be timed to the day (store it on SQLite or PostgreSQL)`);
  }
}
