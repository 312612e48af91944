import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

declare module 'fastify' {
  interface FastifyRequest {
    /** Ties together every request, event and log line caused by one user action; put it in event metadata. */
    readonly correlationId: string;
  }
}

export const REQUEST_ID_HEADER = 'x-request-id';
export const CORRELATION_ID_HEADER = 'x-correlation-id';

// Ids arrive from outside and end up in log lines, response headers and event
// metadata. Anything beyond a plain token (spaces, quotes, newlines, very long
// values) is replaced by a fresh id instead of being trusted.
const SAFE_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

function acceptableId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && SAFE_ID.test(value) ? value : undefined;
}

// Fastify creates the request id and the child logger from the raw Node
// request, before a FastifyRequest exists; keying the correlation id by the raw
// request lets both (and error paths that skip hooks) see the same value.
const correlationIds = new WeakMap<IncomingMessage, string>();

/** Fastify `genReqId`: the caller's `x-request-id` when usable, else a new UUID. */
export function generateRequestId(raw: IncomingMessage): string {
  correlationIdOf(raw);
  return acceptableId(raw.headers[REQUEST_ID_HEADER]) ?? randomUUID();
}

/** The caller's `x-correlation-id` when usable, else a new UUID that starts a new correlation. */
export function correlationIdOf(raw: IncomingMessage): string {
  let id = correlationIds.get(raw);
  if (id === undefined) {
    id = acceptableId(raw.headers[CORRELATION_ID_HEADER]) ?? randomUUID();
    correlationIds.set(raw, id);
  }
  return id;
}

/** Fastify `childLoggerFactory`: every per-request log line carries both ids. */
export function createRequestLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
  raw: IncomingMessage,
): FastifyBaseLogger {
  return logger.child({ ...bindings, correlationId: correlationIdOf(raw) }, options);
}

/** Makes `request.correlationId` available on every request. */
export function decorateCorrelationId(app: FastifyInstance): void {
  app.decorateRequest('correlationId', {
    getter(this: FastifyRequest) {
      return correlationIdOf(this.raw);
    },
  });
}

/** Sets both id headers on the response; safe to call more than once. */
export function echoRequestIds(request: FastifyRequest, reply: FastifyReply): void {
  reply.header(REQUEST_ID_HEADER, request.id);
  reply.header(CORRELATION_ID_HEADER, correlationIdOf(request.raw));
}

/**
 * Fastify `logController`: one line per request, written when it completed
 * and carrying the request (method, url, remote address) beside the status
 * and response time, instead of an `incoming request` line and a `request
 * completed` line (each line was a serialization and a write per request).
 * The trade: a request still running has no line yet.
 */
export class OneLineRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
