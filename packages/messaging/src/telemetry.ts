import {
  type Attributes,
  type Context,
  context,
  type Counter,
  type Link,
  metrics,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  type SpanContext,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { OutgoingMessage, SentPartition, TopicMessages } from './kafka/kafka-client.ts';
import type { JourneyEnvelope } from './envelope.ts';

/**
 * Spans and counters of the messaging paths, after the OTel messaging
 * conventions. The CloudEvents `traceparent` of an event is its creation
 * context (the command that recorded it) and is never rewritten on the way:
 * the relay's `send` span is its child, and a consumer's `process` span is
 * its child too when the batch holds one trace (a hire's events), always
 * with a link to every message's context. So one command is one trace from
 * the HTTP request to the read-model write, in any deployment shape.
 */

const tracer = trace.getTracer('@ejp/messaging');
// Created on first use: the metrics API has no proxy, so an instrument made before the SDK starts stays a no-op.
let deadLetters: Counter | undefined;

/** Counts `count` dead letters on `topic` (`in-process` for the standalone bus); 0 starts the series, so the first one shows as an increase. */
export function countDeadLetters(count: number, topic: string, consumer: string): void {
  deadLetters ??= metrics.getMeter('@ejp/messaging').createCounter('ejp.messaging.dead_letters', {
    description: 'Events given up on and sent to the dead-letter topic (standalone: the dead-letter sink), by topic and consumer',
    unit: '{event}',
  });
  deadLetters.add(count, { topic, consumer });
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The span context a W3C traceparent names (undefined when absent or malformed); parsed here so no global propagator is needed. */
export function spanContextOf(traceparent: string | undefined): SpanContext | undefined {
  const match = traceparent === undefined ? null : TRACEPARENT.exec(traceparent);
  if (!match || match[2] === '0'.repeat(32) || match[3] === '0'.repeat(16)) return undefined;
  return { traceId: match[2]!, spanId: match[3]!, traceFlags: Number.parseInt(match[4]!, 16), isRemote: true };
}

function contextOf(traceparent: string | undefined): Context | undefined {
  const spanContext = spanContextOf(traceparent);
  return spanContext && trace.setSpanContext(ROOT_CONTEXT, spanContext);
}

function header(message: OutgoingMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  return value === undefined || value === null ? undefined : String(value);
}

function failed(span: Span, error: unknown): void {
  span.recordException(error as Error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : String(error) });
  span.setAttribute('error.type', error instanceof Error ? error.name : 'error');
}

/**
 * One PRODUCER span `send <topic>` per message of `batches` that carries a
 * `ce_traceparent`, each the child of it, around `send` (whatever adapter sends).
 * The partition is set when the port's answer names one partition of the topic.
 */
export async function sendWithSpans(batches: readonly TopicMessages[], send: () => Promise<SentPartition[]>): Promise<SentPartition[]> {
  const spans: { span: Span; topic: string }[] = [];
  for (const { topic, messages } of batches) {
    for (const message of messages) {
      // An event recorded without trace context (an anonymous response) gets no span: its send time would time it.
      const parent = contextOf(header(message, 'ce_traceparent'));
      if (!parent) continue;
      const id = header(message, 'ce_id');
      const attributes: Attributes = {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'send',
        'messaging.destination.name': topic,
        'messaging.batch.message_count': messages.length,
        ...(id === undefined ? {} : { 'messaging.message.id': id }),
        ...(message.key === undefined || message.key === null ? {} : { 'messaging.kafka.message.key': String(message.key) }),
      };
      spans.push({ span: tracer.startSpan(`send ${topic}`, { kind: SpanKind.PRODUCER, attributes }, parent), topic });
    }
  }
  try {
    const result = await send();
    for (const { span, topic } of spans) {
      const written = result.filter((sent) => sent.topic === topic);
      if (written.length === 1) {
        span.setAttribute('messaging.destination.partition.id', String(written[0]!.partition));
      }
    }
    return result;
  } catch (error) {
    for (const { span } of spans) failed(span, error);
    throw error;
  } finally {
    for (const { span } of spans) span.end();
  }
}

export interface ProcessSource {
  /** `kafka`, or `in-process` for standalone's bus. */
  system: string;
  destination: string;
  consumer: string;
  partition?: number | undefined;
}

/**
 * The CONSUMER span `process <destination>` around one handle() call,
 * linked to every message's creation context and the child of it when the
 * whole batch belongs to one trace. Spans the handler starts nest under it.
 */
export function processWithSpan<T>(envelopes: readonly JourneyEnvelope[], source: ProcessSource, work: () => Promise<T>): Promise<T> {
  const contexts = envelopes.map((envelope) => spanContextOf(envelope.traceparent)).filter((c): c is SpanContext => c !== undefined);
  const links: Link[] = contexts.map((spanContext) => ({ context: spanContext }));
  const traces = new Set(contexts.map((c) => c.traceId));
  const parent = traces.size === 1 && contexts.length === envelopes.length ? trace.setSpanContext(ROOT_CONTEXT, contexts[0]!) : context.active();
  const attributes: Attributes = {
    'messaging.system': source.system,
    'messaging.operation.type': 'process',
    'messaging.operation.name': 'process',
    'messaging.destination.name': source.destination,
    'messaging.consumer.group.name': source.consumer,
    'messaging.batch.message_count': envelopes.length,
    ...(envelopes.length === 1 && contexts.length === 1 ? { 'messaging.message.id': envelopes[0]!.eventId } : {}),
    ...(source.partition === undefined ? {} : { 'messaging.destination.partition.id': String(source.partition) }),
  };
  return tracer.startActiveSpan(`process ${source.destination}`, { kind: SpanKind.CONSUMER, attributes, links }, parent, async (span) => {
    try {
      return await work();
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}
