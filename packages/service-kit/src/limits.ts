import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from './errors/app-error.ts';
import { ErrorCodes } from './errors/error-catalogue.ts';
import { addResponses, isDocsRoute, problemResponse } from './openapi.ts';

/** The limits every route gets unless it declares its own (`config.rateLimit`, Fastify's `bodyLimit`). */
export interface RequestLimits {
  /** Requests one caller may make to one route per window. */
  RATE_LIMIT_MAX?: number | undefined;
  RATE_LIMIT_WINDOW_MS?: number | undefined;
  /** Largest request body in bytes. */
  BODY_LIMIT_BYTES?: number | undefined;
}

export const DEFAULT_RATE_LIMIT_MAX = 600;
export const DEFAULT_RATE_LIMIT_WINDOW_MS = 60_000;
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

const tooManyRequests = {
  ...problemResponse('EJP_RATE_LIMITED: too many requests from this caller; retry after Retry-After seconds'),
  headers: { 'retry-after': { type: 'integer', minimum: 1, description: 'Seconds until the caller may send again' } },
};

// Counted per caller where the caller is known (the auth hook ran before
// this route hook), so colleagues behind one proxy address do not share a budget.
function callerKey(request: FastifyRequest): string {
  return request.user ? `subject:${request.user.subject}` : `ip:${request.ip}`;
}

/**
 * Rate limits with @fastify/rate-limit on every route, answered with a
 * problem+json 429 and Retry-After. A route overrides the default with
 * `config: { rateLimit: { max, timeWindow } }` or opts out with `rateLimit: false`
 * (the health probes do: an orchestrator polls them). Must be installed before the first route.
 */
export async function installRateLimits(app: FastifyInstance, limits: RequestLimits): Promise<void> {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (isDocsRoute(route.url) || route.config?.rateLimit === false) return;
    addResponses(route, { 429: tooManyRequests });
  });
  await app.register(fastifyRateLimit, {
    max: limits.RATE_LIMIT_MAX ?? DEFAULT_RATE_LIMIT_MAX,
    timeWindow: limits.RATE_LIMIT_WINDOW_MS ?? DEFAULT_RATE_LIMIT_WINDOW_MS,
    keyGenerator: callerKey,
    errorResponseBuilder: (_request, context) =>
      new AppError(ErrorCodes.EJP_RATE_LIMITED, `Rate limit of ${context.max} requests exceeded; retry in ${context.after}.`, {
        headers: { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) },
        extensions: { limit: context.max },
      }),
  });
}
