import { randomUUID } from 'node:crypto';
import { type Actor, type CausationContext, isValidTraceparent } from '@ejp/contracts';
import type { FastifyRequest } from 'fastify';

/** Envelope metadata of the events a request causes: who, in which flow, because of which message, in which trace. */
export function causationOf(request: FastifyRequest): CausationContext {
  const { user, access } = request;
  if (!user || !access) throw new Error('command routes are never public: request.user and request.access must be set');
  const traceparent = traceparentOf(request);
  return {
    // The role the access check admitted the caller in: an HR person who is also a manager hires as `hr`.
    actor: { id: user.subject, kind: access.as },
    correlationId: request.correlationId,
    // The HTTP request is the message that carried the command.
    causationId: request.id,
    ...(traceparent === undefined ? {} : { traceparent }),
  };
}

/** The actor of an anonymous command's events: nobody in particular. */
export const ANONYMOUS_ACTOR: Actor = Object.freeze({ id: 'anonymous', kind: 'employee' });

/**
 * Envelope metadata that links to nothing: the anonymous actor, fresh
 * correlation and causation ids (neither the request id nor the caller's
 * correlation id, which the logs carry), no traceparent.
 */
export function anonymousCausation(): CausationContext {
  return { actor: ANONYMOUS_ACTOR, correlationId: randomUUID(), causationId: randomUUID() };
}

interface OtelRequestContext {
  instrumented?: boolean;
  inject(carrier: Record<string, string>): void;
}

/**
 * The traceparent of the request's active span when OpenTelemetry runs (the
 * service kit's @fastify/otel instrumentation adds `request.opentelemetry()`),
 * else the caller's own traceparent, so the event still joins the caller's trace.
 */
function traceparentOf(request: FastifyRequest): string | undefined {
  const otel = (request as unknown as { opentelemetry?: () => OtelRequestContext }).opentelemetry;
  if (typeof otel === 'function') {
    const context = otel.call(request);
    if (context.instrumented) {
      const carrier: Record<string, string> = {};
      context.inject(carrier);
      if (carrier.traceparent && isValidTraceparent(carrier.traceparent)) return carrier.traceparent;
    }
  }
  const header = request.headers.traceparent;
  return typeof header === 'string' && isValidTraceparent(header) ? header : undefined;
}
