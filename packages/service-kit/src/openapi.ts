import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from './errors/problem.ts';

export const DOCS_PREFIX = '/docs';
export const BEARER_SCHEME = 'bearerAuth';

export interface ApiInfo {
  title: string;
  version: string;
  description?: string;
}

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

/**
 * Every route must have a response schema, so that it is typed, serialized
 * safely (no accidental fields) and present in the OpenAPI document. Failing
 * at registration is cheaper than a route missing from the docs.
 */
export function enforceDocumentedRoutes(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (isDocsRoute(route.url)) return;
    const schema = route.schema as RouteSchema | undefined;
    if (!schema?.response) {
      throw new Error(`route ${String(route.method)} ${route.url} has no schema.response; every route must be documented`);
    }
    const validatesInput = Boolean(schema.body || schema.querystring || schema.params || schema.headers);
    addResponses(route, {
      ...(validatesInput ? { 400: problemResponse('The request is malformed or invalid') } : {}),
      500: problemResponse('Unexpected error'),
    });
  });
}

/** OpenAPI 3.1 document at `/docs/json`, Swagger UI at `/docs`. */
export async function registerApiDocs(app: FastifyInstance, info: ApiInfo): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info,
      components: {
        securitySchemes: {
          [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
    },
    // The provider's default skip list names /documentation; our UI routes
    // are hidden by the UI plugin itself, so nothing else needs skipping.
    transform: createJsonSchemaTransform({ skipList: [] }),
  });
  await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX });
}
