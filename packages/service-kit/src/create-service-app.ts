import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest, type RawServerDefault } from 'fastify';
import { type ZodTypeProvider, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AccessDirectory } from './auth/access-policy.ts';
import type { AuthenticatedUser } from './auth/token-verifier.ts';
import { installRouteAccess } from './auth/route-access.ts';
import type { TokenVerifierSettings } from './auth/token-verifier.ts';
import { AppError } from './errors/app-error.ts';
import { ErrorCodes } from './errors/error-catalogue.ts';
import { handleClientError } from './errors/client-error.ts';
import { handleError, installErrorHandling } from './errors/error-handler.ts';
import { type ReadinessCheck, registerHealthRoutes } from './health.ts';
import { DEFAULT_BODY_LIMIT_BYTES, type RequestLimits, installRateLimits } from './limits.ts';
import { type Logger, createLogger } from './logger.ts';
import { type ApiServer, enforceDocumentedRoutes, registerApiDocs } from './openapi.ts';
import { OneLineRequestLog, createRequestLogger, decorateCorrelationId, echoRequestIds, generateRequestId } from './request-context.ts';

/** A Fastify instance whose routes take zod schemas. */
export type ServiceApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** The configuration the app itself reads (a subset of BaseConfig). */
export interface ServiceAppConfig extends TokenVerifierSettings, RequestLimits {
  LOG_LEVEL?: string;
  /** Levels of the reporting line a manager reaches (default 1: direct reports). */
  ACCESS_MANAGER_DEPTH?: number;
}

export interface ServiceAppOptions {
  /** Service name: in every log line and the OpenAPI title. */
  name: string;
  version?: string;
  description?: string;
  config: ServiceAppConfig;
  /** Dependencies /readyz checks, e.g. `{ name: 'eventstore', check: () => store.ping() }`. */
  readinessChecks?: readonly ReadinessCheck[];
  /** Defaults to a pino logger at LOG_LEVEL writing to stdout. */
  logger?: Logger;
  /** OpenAPI `servers`; default one relative URL, `/`, which is right wherever the document is fetched from. */
  servers?: readonly ApiServer[];
  /**
   * The reporting lines the access check reads (managerOf, buddyOf grants).
   * A route declaring one of those relations is refused at registration
   * without it (the read-store adapter of @ejp/access is the one to pass).
   */
  accessDirectory?: AccessDirectory;
  /**
   * Under AUTH_MODE=off only: whom a request acts as instead of the dev user, when it answers one
   * (the demo seeding's SimulatedCaller, the web app's persona switcher reading the request's headers).
   */
  actingUser?: (request: FastifyRequest) => AuthenticatedUser | undefined;
  /** Largest accepted request body in bytes; larger ones get 413. Default BODY_LIMIT_BYTES (1 MiB); a route may set its own `bodyLimit`. */
  bodyLimit?: number;
}

/**
 * Builds a Fastify app with the platform's conventions in place: zod
 * schemas, OpenAPI at /docs, problem+json errors, request and correlation
 * ids, JWT auth with per-route access (roles and relationships), /healthz and /readyz.
 * Add routes to the returned app; each declares `config.access` or
 * `config.public`, a `schema.response` and a camelCase `schema.operationId`,
 * and the tags it uses are declared with `declareTags`. The app is not
 * listening yet.
 */
export async function createServiceApp(options: ServiceAppOptions): Promise<ServiceApp> {
  const logger = options.logger ?? createLogger({ name: options.name, level: options.config.LOG_LEVEL ?? 'info' });

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: generateRequestId,
    childLoggerFactory: createRequestLogger,
    logController: new OneLineRequestLog({ requestIdLogLabel: 'requestId' }),
    bodyLimit: options.bodyLimit ?? options.config.BODY_LIMIT_BYTES ?? DEFAULT_BODY_LIMIT_BYTES,
    // Fastify's own 503-while-closing body is not problem+json; the hook below answers instead.
    return503OnClosing: false,
    // Malformed URLs and the like never reach the error handler otherwise.
    frameworkErrors: handleError,
    // What Node's parser refuses (431 and the like) is answered before Fastify: problem+json there too.
    clientErrorHandler: handleClientError,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  decorateCorrelationId(app);

  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // A response finished while draining must close its connection: an idle
  // kept-alive socket would hold server.close() open until the deadline.
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onRequest', async (request, reply) => {
    echoRequestIds(request, reply);
    // Requests that still arrive on kept-alive connections while draining.
    if (closing) {
      throw new AppError(ErrorCodes.EJP_UNAVAILABLE, 'The service is shutting down; retry on another instance.', {
        headers: { connection: 'close' },
      });
    }
  });

  // onRoute hooks must exist before the first route (docs and health included).
  enforceDocumentedRoutes(app);
  const actingUser = options.config.AUTH_MODE === 'off' ? options.actingUser : undefined;
  installRouteAccess(app, options.config, { directory: options.accessDirectory, managerDepth: options.config.ACCESS_MANAGER_DEPTH ?? 1 }, actingUser);
  await installRateLimits(app, options.config);
  await registerApiDocs(app, {
    title: options.name,
    version: options.version ?? '0.0.0',
    ...(options.description ? { description: options.description } : {}),
    // Every service of the platform ships under the repository's licence.
    license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    ...(options.servers ? { servers: options.servers } : {}),
  });
  registerHealthRoutes(app, options.readinessChecks ?? []);

  if (options.config.AUTH_MODE === 'off') {
    logger.warn(
      { authMode: 'off' },
      'AUTH_MODE=off: tokens are not verified, so anyone who can reach this port acts with every role (hr, admin) and can read and change every employee\'s data. Local standalone use only.',
    );
  }
  return app;
}
