import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import { ErrorCodes } from '../errors/error-catalogue.ts';
import { BEARER_SCHEME, addResponses, isDocsRoute, problemResponse } from '../openapi.ts';
import { type AccessGrant, type AccessPolicy, type AccessSettings, describePolicy, grantOf, policyProblems, rolesAdmittedBy } from './access-policy.ts';
import { type AuthenticatedUser, ROLES, type TokenVerifierSettings, createTokenVerifier } from './token-verifier.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route (roles and relationships, see AccessPolicy). A route must declare `access` or `public: true`. */
    access?: AccessPolicy;
    /** No authentication at all (health, docs). */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The caller; null only on public routes. */
    user: AuthenticatedUser | null;
    /** How the caller was admitted (the role they act in); null only on public routes. */
    access: AccessGrant | null;
  }
}

/** The caller every request acts as under AUTH_MODE=off. */
export const DEV_USER: AuthenticatedUser = Object.freeze({
  subject: 'dev-user',
  roles: [...ROLES],
  scopes: [],
  claims: { sub: 'dev-user', roles: [...ROLES] },
});

/** The one refusal of the access check: the same words whether the person (or task) exists or not. */
export const FORBIDDEN_DETAIL = 'You may not do this, or not for this employee.';

/** The path parameters of a Fastify URL (`/employees/:employeeId/x` -> ['employeeId']). */
function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

const MISSING_TOKEN_CHALLENGE = 'Bearer realm="ejp"';

// Routes state who may call them, and a route that says nothing is a
// registration error: an endpoint must never be open by omission.
function declareAccess(route: RouteOptions, settings: AccessSettings): void {
  if (isDocsRoute(route.url)) {
    route.config = { ...route.config, public: true };
    return;
  }
  const where = `route ${String(route.method)} ${route.url}`;
  const { access, public: isPublic } = route.config ?? {};
  if ((route.config as { roles?: unknown } | undefined)?.roles !== undefined) {
    throw new Error(`${where} declares config.roles: declare config.access instead ({ roles, self, managerOf, buddyOf, scope }), so relationships are checked too`);
  }
  if (isPublic === true && access !== undefined) throw new Error(`${where} declares both public and access`);
  if (isPublic === true) {
    // Said explicitly: an operation without `security` would inherit a document-wide requirement.
    route.schema = { ...route.schema, security: [] } as RouteOptions['schema'];
    return;
  }
  if (!access) {
    throw new Error(`${where} must declare config.access (e.g. { roles: ['hr'], self: 'employeeId', managerOf: 'employeeId' }) or config.public: true`);
  }
  const problems = policyProblems(access, pathParams(route.url));
  // A relation nobody can check would silently admit nobody: say so at start instead.
  if ((access.managerOf !== undefined || access.buddyOf !== undefined) && !settings.directory) {
    problems.push('declares managerOf or buddyOf, but the app was built without an accessDirectory (createServiceApp({ accessDirectory }))');
  }
  if (problems.length > 0) throw new Error(`${where} ${problems.join('; ')}`);

  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const needs = describePolicy(access);
  const documented: Record<string, unknown> = {
    ...schema,
    security: [{ [BEARER_SCHEME]: [] }],
    'x-roles': rolesAdmittedBy(access),
    'x-access': { ...access },
    description: typeof schema.description === 'string' ? `${schema.description}\n\n${needs}` : needs,
  };
  route.schema = documented;
  addResponses(route, {
    401: problemResponse('Missing, invalid or expired bearer token'),
    403: problemResponse('The caller may not do this, or not for this employee (the same answer whether or not the employee exists)'),
  });
}

function bearerTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * `actingUser`: under AUTH_MODE=off, whom a request acts as instead of the dev
 * user when it answers one (standalone's demo seeding acts as each command's
 * actor); checked like a token's caller.
 */
export function installRouteAccess(
  app: FastifyInstance,
  settings: TokenVerifierSettings,
  access: AccessSettings,
  actingUser?: (request: FastifyRequest) => AuthenticatedUser | undefined,
): void {
  app.decorateRequest('user', null);
  app.decorateRequest('access', null);
  app.addHook('onRoute', (route) => declareAccess(route, access));

  const verifyToken = settings.AUTH_MODE === 'off' ? undefined : createTokenVerifier(settings);

  // onRequest: reject before the body is even read.
  app.addHook('onRequest', async (request) => {
    // Unknown routes answer 404 whoever asks; they expose nothing.
    if (request.is404) return;
    const { access: policy, public: isPublic } = request.routeOptions.config;
    if (isPublic === true) return;

    let user: AuthenticatedUser;
    if (verifyToken === undefined) {
      user = actingUser?.(request) ?? DEV_USER;
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

    request.access = await admit(user, policy, request.params as Record<string, string | undefined>, access);
  });
}

/**
 * The one access check: in onRequest, so before the body is read and before
 * any handler looks anything up. A caller whose roles cannot be admitted at
 * all hears which roles could; every other refusal is the same words, so
 * it never tells whether the employee (or their task) exists.
 */
export async function admit(user: AuthenticatedUser, policy: AccessPolicy | undefined, params: Record<string, string | undefined>, settings: AccessSettings): Promise<AccessGrant> {
  // Fail closed: a route that somehow has no policy admits nobody.
  const admitted = policy ? rolesAdmittedBy(policy) : [];
  if (!policy || !admitted.some((role) => user.roles.includes(role))) {
    throw new AppError(ErrorCodes.EJP_FORBIDDEN, `This operation requires one of the roles: ${admitted.join(', ')}.`);
  }
  const grant = await grantOf(user, policy, params, settings);
  if (!grant) throw new AppError(ErrorCodes.EJP_FORBIDDEN, FORBIDDEN_DETAIL);
  return grant;
}
