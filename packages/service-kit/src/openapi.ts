import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from './errors/problem.ts';
import { type DeclaredTag, finishDocument } from './openapi-document.ts';

export const DOCS_PREFIX = '/docs';
export const BEARER_SCHEME = 'bearerAuth';

export interface ApiServer {
  url: string;
  description?: string;
}

export interface ApiInfo {
  title: string;
  version: string;
  description?: string;
  license?: { name: string; identifier?: string; url?: string };
  servers?: readonly ApiServer[];
}

/**
 * Relative to where the document is served from, so it is right on every
 * host the service is reached at (localhost, a Kubernetes Service, an ingress).
 */
export const DEFAULT_SERVERS: readonly ApiServer[] = [{ url: '/', description: 'The instance serving this document' }];

/** An OpenAPI response of `application/problem+json`, in the form Fastify and the zod provider both understand. */
export function problemResponse(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } };
}

export function isDocsRoute(url: string): boolean {
  return url === DOCS_PREFIX || url.startsWith(`${DOCS_PREFIX}/`);
}

type RouteSchema = NonNullable<RouteOptions['schema']> & Record<string, unknown>;

/** Adds response entries without replacing ones the route declared itself. */
export function addResponses(route: RouteOptions, responses: Record<string, unknown>): void {
  const schema = (route.schema ?? {}) as RouteSchema;
  const declared = (schema.response ?? {}) as Record<string, unknown>;
  route.schema = { ...schema, response: { ...responses, ...declared } };
}

// Client generators name their methods after operationId, so it is part of
// the API: camelCase, stable, one per operation.
const OPERATION_ID = /^[a-z][a-zA-Z0-9]*$/;

// The tags the kit's own routes use; services declare theirs with declareTags.
const KIT_TAGS: readonly DeclaredTag[] = [{ name: 'health', description: 'Liveness and readiness probes for orchestrators' }];

const declaredTags = Symbol('ejp.declaredTags');
type WithTags = FastifyInstance & { [declaredTags]: Map<string, string> };

/**
 * Declares OpenAPI tags with their descriptions. Call it where the routes
 * that use them are registered, so every app mounting those routes (the
 * service's own main, the standalone process) documents them the same way.
 * A route whose tag nobody declared makes `app.ready()` fail.
 */
export function declareTags(app: FastifyInstance, tags: Record<string, string>): void {
  const known = (app as WithTags)[declaredTags];
  for (const [name, description] of Object.entries(tags)) {
    const existing = known.get(name);
    if (existing !== undefined && existing !== description) throw new Error(`tag "${name}" is already declared with another description`);
    known.set(name, description);
  }
}

/**
 * Every route must have a response schema, so that it is typed, serialized
 * safely (no accidental fields) and present in the OpenAPI document, and an
 * operationId, so that generated clients have stable method names. Failing
 * at registration is cheaper than a route missing from the docs.
 */
export function enforceDocumentedRoutes(app: FastifyInstance): void {
  app.decorate(declaredTags, new Map(KIT_TAGS.map((tag) => [tag.name, tag.description])));
  const operationIds = new Map<string, string>();
  const tagUses = new Map<string, string>();
  app.addHook('onRoute', (route) => {
    if (isDocsRoute(route.url)) return;
    const where = `route ${String(route.method)} ${route.url}`;
    const schema = route.schema as RouteSchema | undefined;
    if (!schema?.response) throw new Error(`${where} has no schema.response; every route must be documented`);
    const { operationId } = schema;
    if (typeof operationId !== 'string' || !OPERATION_ID.test(operationId)) {
      throw new Error(`${where} needs a camelCase schema.operationId (e.g. 'recordCheckIn'); client generators name methods by it`);
    }
    // Fastify adds a HEAD twin of every GET with the same options; swagger leaves it out of the document.
    if (route.method !== 'HEAD') {
      if (Array.isArray(route.method) && route.method.length > 1) throw new Error(`${where}: one operationId names one operation; register one route per method`);
      const taken = operationIds.get(operationId);
      if (taken !== undefined) throw new Error(`${where} reuses operationId '${operationId}' of ${taken}`);
      operationIds.set(operationId, where);
    }
    for (const tag of Array.isArray(schema.tags) ? schema.tags : []) if (!tagUses.has(String(tag))) tagUses.set(String(tag), where);
    const validatesInput = Boolean(schema.body || schema.querystring || schema.params || schema.headers);
    addResponses(route, {
      ...(validatesInput ? { 400: problemResponse('The request is malformed or invalid') } : {}),
      // Fastify's router refuses a path parameter over maxParamLength before validation.
      ...(schema.params ? { 414: problemResponse('EJP_URI_TOO_LONG: a path parameter is longer than the server accepts') } : {}),
      // Node's parser answers it before any route runs (see errors/client-error.ts), whatever the route.
      431: problemResponse('EJP_HEADERS_TOO_LARGE: the request line and headers exceed the size the server accepts'),
      500: problemResponse('Unexpected error'),
    });
  });
  app.addHook('onReady', async () => {
    const known = (app as WithTags)[declaredTags];
    const undeclared = [...tagUses].filter(([tag]) => !known.has(tag));
    if (undeclared.length > 0) {
      const list = undeclared.map(([tag, where]) => `"${tag}" (${where})`).join(', ');
      throw new Error(`tags without a description: ${list}; declare them with declareTags(app, { name: 'description' })`);
    }
  });
}

type SchemaTransform = ReturnType<typeof createJsonSchemaTransform>;

// The zod provider rebuilds a content-typed response from its description and
// content only; the response headers a route declares (429's Retry-After) are
// put back, as JSON Schema per header, for swagger to document.
function withResponseHeaders(transform: SchemaTransform): SchemaTransform {
  return (input) => {
    const output = transform(input);
    const declared = (input.schema as { response?: Record<string, { headers?: unknown }> } | undefined)?.response ?? {};
    const responses = (output.schema as { response?: Record<string, Record<string, unknown>> } | undefined)?.response ?? {};
    for (const [status, entry] of Object.entries(declared)) {
      const target = responses[status];
      if (entry?.headers && target) target.headers = entry.headers;
    }
    return output;
  };
}

/** OpenAPI 3.1 document at `/docs/json`, Swagger UI at `/docs`. */
export async function registerApiDocs(app: FastifyInstance, { servers = DEFAULT_SERVERS, ...info }: ApiInfo): Promise<void> {
  // Schemas named with zod's `.meta({ id })` (e.g. Problem) become components, referenced where used.
  const withComponents = createJsonSchemaTransformObject({});
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info,
      servers: [...servers],
      components: {
        securitySchemes: {
          [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
    },
    // The provider's default skip list names /documentation; our UI routes
    // are hidden by the UI plugin itself, so nothing else needs skipping.
    transform: withResponseHeaders(createJsonSchemaTransform({ skipList: [] })),
    transformObject: (document) => {
      const tags = [...(app as WithTags)[declaredTags]].map(([name, description]) => ({ name, description }));
      // Service tags first: they are what a reader of the document came for.
      const ordered = [...tags.filter((tag) => !KIT_TAGS.some((kit) => kit.name === tag.name)), ...KIT_TAGS];
      return finishDocument(withComponents(document) as Record<string, unknown>, ordered) as ReturnType<typeof withComponents>;
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX });
}
