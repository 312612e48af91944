import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { echoRequestIds } from '../request-context.ts';
import type { CatalogueEntry } from './error-catalogue.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const FieldErrorSchema = z.object({
  path: z.string().describe("Where the bad value is: the request part then the field, e.g. 'body.email' or 'query.limit'"),
  message: z.string(),
});

/**
 * RFC 9457 problem details, plus `code` (a stable catalogue code clients can
 * branch on). `.loose()` because RFC 9457 allows extension members and
 * services may add their own (e.g. the current journey stage).
 */
export const ProblemSchema = z
  .object({
    type: z.string().describe('URI identifying the problem type'),
    title: z.string().describe('Short summary of the problem type'),
    status: z.number().int().min(400).max(599).describe('HTTP status code'),
    detail: z.string().optional().describe('Explanation of this occurrence'),
    instance: z.string().describe('Path of the request that failed'),
    code: z.string().describe('Stable error code, e.g. EJP_VALIDATION'),
    errors: z.array(FieldErrorSchema).optional().describe('One entry per invalid field (validation errors only)'),
  })
  .loose()
  .describe('RFC 9457 problem details')
  // One component in the OpenAPI document instead of a copy in every error response.
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof ProblemSchema>;
export type FieldError = z.infer<typeof FieldErrorSchema>;

export interface ProblemParts {
  detail?: string | undefined;
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
}

export function buildProblem(entry: CatalogueEntry, request: FastifyRequest, parts: ProblemParts = {}): Problem {
  return {
    // Extensions first so they can never overwrite the standard members.
    ...parts.extensions,
    type: entry.type,
    title: entry.title,
    status: entry.status,
    ...(parts.detail ? { detail: parts.detail } : {}),
    // The path only: query strings can carry personal data.
    instance: request.url.split('?', 1)[0] ?? '/',
    code: entry.code,
    ...(parts.errors ? { errors: parts.errors } : {}),
  };
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: Problem,
  headers: Record<string, string> = {},
): FastifyReply {
  // Also set here (not only in the onRequest hook): framework errors such as a
  // malformed URL reach us without any hook having run.
  echoRequestIds(request, reply);
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}
