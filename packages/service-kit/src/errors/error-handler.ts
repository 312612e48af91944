import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from './app-error.ts';
import { type CatalogueEntry, ErrorCodes, lookupError } from './error-catalogue.ts';
import { type FieldError, type Problem, buildProblem, sendProblem } from './problem.ts';

// The one place where anything thrown (domain errors, Fastify's own errors,
// bugs) becomes an HTTP response. Services never set error statuses
// themselves; they throw AppError with a catalogue code.

export const DEFAULT_WWW_AUTHENTICATE = 'Bearer realm="ejp"';

interface ProblemResponse {
  problem: Problem;
  headers: Record<string, string>;
  /** Whether this is our fault (logged as an error with its stack) or the caller's. */
  serverFault: boolean;
}

function entry(code: string): CatalogueEntry {
  const found = lookupError(code);
  if (!found) throw new Error(`built-in error code ${code} is missing from the catalogue`);
  return found;
}

// Fastify's own error codes that need a more precise mapping than their status.
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCodes.EJP_PAYLOAD_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCodes.EJP_UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_HANDLER_TIMEOUT: ErrorCodes.EJP_UNAVAILABLE,
};

// Errors from Fastify and its plugins carry only a status; map it onto the
// catalogue so clients still get a stable code.
const STATUS_CODES_TO_CATALOGUE: Record<number, string> = {
  400: ErrorCodes.EJP_BAD_REQUEST,
  401: ErrorCodes.EJP_UNAUTHENTICATED,
  403: ErrorCodes.EJP_FORBIDDEN,
  404: ErrorCodes.EJP_NOT_FOUND,
  409: ErrorCodes.EJP_CONFLICT,
  412: ErrorCodes.EJP_PRECONDITION_FAILED,
  413: ErrorCodes.EJP_PAYLOAD_TOO_LARGE,
  414: ErrorCodes.EJP_URI_TOO_LONG,
  415: ErrorCodes.EJP_UNSUPPORTED_MEDIA_TYPE,
  503: ErrorCodes.EJP_UNAVAILABLE,
};

// Fastify names the request part `querystring`; clients know it as the query.
const PART_NAMES: Record<string, string> = { querystring: 'query' };

function fieldErrorsOf(error: FastifyError): FieldError[] {
  const part = PART_NAMES[error.validationContext ?? ''] ?? error.validationContext ?? 'request';
  return (error.validation ?? []).map((issue) => {
    const segments = issue.instancePath.split('/').filter((segment) => segment !== '');
    return { path: [part, ...segments].join('.'), message: issue.message ?? 'is invalid' };
  });
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : undefined;
}

function internalError(request: FastifyRequest): ProblemResponse {
  return {
    // No message, stack or cause: they can reveal internals. The request id
    // (echoed in the headers) is what support needs to find the logged stack.
    problem: buildProblem(entry(ErrorCodes.EJP_INTERNAL), request, {
      detail: `An unexpected error occurred; quote request id ${request.id} when reporting it.`,
    }),
    headers: {},
    serverFault: true,
  };
}

export function toProblemResponse(error: unknown, request: FastifyRequest): ProblemResponse {
  if (isAppError(error)) {
    const known = lookupError(error.code);
    if (!known) return internalError(request);
    return {
      problem: buildProblem(known, request, { detail: error.detail, extensions: error.extensions }),
      headers: error.headers,
      serverFault: known.status >= 500,
    };
  }

  const fastifyError = error as FastifyError;
  if (Array.isArray(fastifyError?.validation)) {
    return {
      problem: buildProblem(entry(ErrorCodes.EJP_VALIDATION), request, {
        detail: `The request ${PART_NAMES[fastifyError.validationContext ?? ''] ?? fastifyError.validationContext ?? ''} is invalid.`,
        errors: fieldErrorsOf(fastifyError),
      }),
      headers: {},
      serverFault: false,
    };
  }

  const status = statusOf(error);
  if (status === undefined || (status >= 500 && status !== 503)) return internalError(request);

  const code = FASTIFY_CODES[fastifyError.code] ?? STATUS_CODES_TO_CATALOGUE[status];
  // A status nobody catalogued (e.g. 429 from a plugin) still gets a stable
  // code; RFC 9457 says an about:blank type takes the HTTP reason phrase.
  const known: CatalogueEntry = code
    ? entry(code)
    : { code: `EJP_HTTP_${status}`, status, title: STATUS_CODES[status] ?? 'Error', type: 'about:blank' };
  return {
    // Client errors from Fastify describe the caller's mistake, not our internals.
    problem: buildProblem(known, request, { detail: fastifyError.message }),
    headers: {},
    serverFault: known.status >= 500,
  };
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { problem, headers, serverFault } = toProblemResponse(error, request);
  if (serverFault) {
    request.log.error({ err: error, code: problem.code }, 'request failed');
  } else {
    request.log.info({ code: problem.code, detail: problem.detail }, 'request rejected');
  }
  // RFC 9110: a 401 must say how to authenticate.
  const withChallenge =
    problem.status === 401 && !Object.keys(headers).some((name) => name.toLowerCase() === 'www-authenticate')
      ? { ...headers, 'www-authenticate': DEFAULT_WWW_AUTHENTICATE }
      : headers;
  return sendProblem(request, reply, problem, withChallenge);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      buildProblem(entry(ErrorCodes.EJP_ROUTE_NOT_FOUND), request, {
        detail: `There is no route ${request.method} ${request.url.split('?', 1)[0]}.`,
      }),
    ),
  );
}
