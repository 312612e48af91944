import { type Attributes, type Counter, metrics, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { streamCategories } from '@ejp/contracts';
import type { EventStore } from './port.ts';

/** `db.system` of each adapter (OTel database conventions; EventStoreDB has no registered value). */
export type EventStoreDbSystem = 'sqlite' | 'postgresql' | 'eventstoredb';

export interface TracedEventStoreOptions {
  dbSystem: EventStoreDbSystem;
}

const tracer = trace.getTracer('@ejp/eventstore');
// Created on first use: the metrics API has no proxy, so an instrument made before the SDK starts stays a no-op.
let appendedCounter: Counter | undefined;
const appended = (): Counter =>
  (appendedCounter ??= metrics.getMeter('@ejp/eventstore').createCounter('ejp.eventstore.events_appended', {
    description: 'Events appended to the event store, by stream category and adapter',
    unit: '{event}',
  }));

/** The low-cardinality part of a stream name (`journey` of `journey-<id>`): span names and metric attributes must not hold ids. */
export function streamCategoryOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash < 0 ? stream : stream.slice(0, dash);
}

/**
 * Streams that get no span at all: those timed to the day (anonymous survey
 * responses), whose exact time, in a trace that starts at the respondent's
 * request, would line the answer up with the person.
 */
export function isUntracedStream(stream: string): boolean {
  return streamCategories.of(stream)?.timestampPrecision === 'day';
}

/**
 * The event store with a CLIENT span per append and read (OTel database
 * conventions: `db.system`, `db.operation.name`, `db.collection.name` = the
 * stream category; the stream itself and its revisions as `ejp.*`), and the
 * appended events counted. Reads are traced inside a traced operation only. Subscriptions pass through: their work is traced
 * where it is done (the relay's publish, the bus's process). With no SDK
 * started the API's tracer is a no-op, so the decorator costs next to nothing.
 */
export function tracedEventStore(store: EventStore, options: TracedEventStoreOptions): EventStore {
  const base = { 'db.system': options.dbSystem, 'db.system.name': options.dbSystem };
  return {
    async appendToStream(stream, events, appendOptions) {
      const category = streamCategoryOf(stream);
      if (isUntracedStream(stream)) {
        const result = await store.appendToStream(stream, events, appendOptions);
        appended().add(events.length, { 'db.system': options.dbSystem, category });
        return result;
      }
      const expected = appendOptions?.expectedRevision ?? 'any';
      const attributes = { ...base, 'db.operation.name': 'appendToStream', 'db.collection.name': category, 'ejp.stream': stream, 'ejp.expected_revision': String(expected), 'ejp.event_count': events.length };
      return inSpan(`appendToStream ${category}`, attributes, async (span) => {
        const result = await store.appendToStream(stream, events, appendOptions);
        span.setAttributes({ 'ejp.resulting_revision': result.nextExpectedRevision.toString(), 'ejp.position': result.position.toString() });
        appended().add(events.length, { 'db.system': options.dbSystem, category });
        return result;
      });
    },
    readStream(stream, readOptions) {
      // Reads outside any operation (pollers, schedulers, lag gauges) would each start a trace of one span.
      if (!trace.getActiveSpan() || isUntracedStream(stream)) return store.readStream(stream, readOptions);
      const category = streamCategoryOf(stream);
      const attributes = { ...base, 'db.operation.name': 'readStream', 'db.collection.name': category, 'ejp.stream': stream };
      return inSpan(`readStream ${category}`, attributes, async (span) => {
        const events = await store.readStream(stream, readOptions);
        span.setAttribute('db.response.returned_rows', events.length);
        return events;
      });
    },
    readAll(readOptions) {
      if (!trace.getActiveSpan()) return store.readAll(readOptions);
      const attributes = { ...base, 'db.operation.name': 'readAll', ...(readOptions?.after === undefined ? {} : { 'ejp.after_position': readOptions.after.toString() }) };
      return inSpan('readAll', attributes, async (span) => {
        const events = await store.readAll(readOptions);
        span.setAttribute('db.response.returned_rows', events.length);
        return events;
      });
    },
    subscribeToAll: (subscribeOptions) => store.subscribeToAll(subscribeOptions),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}

async function inSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : String(error) });
      if (error instanceof Error) span.setAttribute('error.type', error.name);
      throw error;
    } finally {
      span.end();
    }
  });
}
