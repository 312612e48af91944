import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import { ErrorCodes } from '../errors/error-catalogue.ts';
import { BEARER_SCHEME, addResponses, isDocsRoute, problemResponse } from '../openapi.ts';
import {
  type AuthenticatedUser,
  ROLES,
  type Role,
  type TokenVerifierSettings,
  createTokenVerifier,
  isRole,
} from './token-verifier.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles allowed to call the route; holding any one of them is enough. */
    roles?: readonly Role[];
    /** No authentication at all (health, docs). A route must declare `roles` or `public: true`. */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The caller; null only on public routes. */
    user: AuthenticatedUser | null;
  }
}

/** The caller every request acts as under AUTH_MODE=off. */
export const DEV_USER: AuthenticatedUser = Object.freeze({
  subject: 'dev-user',
  roles: [...ROLES],
  claims: { sub: 'dev-user', roles: [...ROLES] },
});

const MISSING_TOKEN_CHALLENGE = 'Bearer realm="ejp"';

// Routes state who may call them, and a route that says nothing is a
// registration error: an endpoint must never be open by omission.
function declareAccess(route: RouteOptions): void {
  if (isDocsRoute(route.url)) {
    route.config = { ...route.config, public: true };
    return;
  }
  const where = `route ${String(route.method)} ${route.url}`;
  const { roles, public: isPublic } = route.config ?? {};
  if (isPublic === true && roles !== undefined) throw new Error(`${where} declares both public and roles`);
  if (isPublic === true) {
    // Said explicitly: an operation without `security` would inherit a document-wide requirement.
    route.schema = { ...route.schema, security: [] } as RouteOptions['schema'];
    return;
  }
  if (!roles || roles.length === 0) {
    throw new Error(`${where} must declare config.roles (e.g. ['hr']) or config.public: true`);
  }
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new Error(`${where} names unknown roles: ${unknown.join(', ')}`);

  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const needs = `Requires one of the roles: ${roles.join(', ')}.`;
  const documented: Record<string, unknown> = {
    ...schema,
    security: [{ [BEARER_SCHEME]: [] }],
    'x-roles': [...roles],
    description: typeof schema.description === 'string' ? `${schema.description}\n\n${needs}` : needs,
  };
  route.schema = documented;
  addResponses(route, {
    401: problemResponse('Missing, invalid or expired bearer token'),
    403: problemResponse('The caller lacks the required role'),
  });
}

function bearerTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return match?.[1];
}

export function installRouteAccess(app: FastifyInstance, settings: TokenVerifierSettings): void {
  app.decorateRequest('user', null);
  app.addHook('onRoute', declareAccess);

  const verifyToken = settings.AUTH_MODE === 'off' ? undefined : createTokenVerifier(settings);

  // onRequest: reject before the body is even read.
  app.addHook('onRequest', async (request) => {
    // Unknown routes answer 404 whoever asks; they expose nothing.
    if (request.is404) return;
    const { roles, public: isPublic } = request.routeOptions.config;
    if (isPublic === true) return;

    let user: AuthenticatedUser;
    if (verifyToken === undefined) {
      user = DEV_USER;
    } else {
      const token = bearerTokenOf(request);
      if (token === undefined) {
        throw new AppError(ErrorCodes.EJP_UNAUTHENTICATED, 'Send a bearer token in the Authorization header.', {
          headers: { 'www-authenticate': MISSING_TOKEN_CHALLENGE },
        });
      }
      user = await verifyToken(token);
    }
    request.user = user;

    // Fail closed: a route that somehow has no roles admits nobody.
    const allowed = roles ?? [];
    if (!allowed.some((role) => user.roles.includes(role))) {
      throw new AppError(ErrorCodes.EJP_FORBIDDEN, `This operation requires one of the roles: ${allowed.join(', ')}.`);
    }
  });
}
