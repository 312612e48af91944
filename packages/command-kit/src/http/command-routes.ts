import { type CausationContext, startOfUtcDay } from '@ejp/contracts';
import { type AccessGrant, type AccessPolicy, type AuthenticatedUser, declareTags, type ServiceApp } from '@ejp/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { CommandHandler, EventReader, HandleResult } from '../command-handler.ts';
import type { CommandMetadata } from '../decider.ts';
import { anonymousCausation, causationOf } from './causation.ts';
import { CommandHeaders, commandResultSchema, etagOf, parseIfMatch } from './headers.ts';
import { commandProblems, toAppError } from './problems.ts';

/**
 * Command routes as a table: a service declares one row per command (URL,
 * schemas, roles, how a request becomes a command) and `registerCommandRoutes`
 * adds them all with the same HTTP side: Idempotency-Key and If-Match,
 * causation metadata, ETag, error mapping and the response body. The body is
 * a function of the command and the handler's result only, so an idempotent
 * replay (same events, same revisions) gets the very same bytes.
 */

/** A command the routes can build: the kit adds `metadata` (the clock) to what `toCommand` returns. */
export interface RoutableCommand {
  type: string;
  data: unknown;
  metadata: CommandMetadata;
}

/** A command without its metadata; distributes over a union of commands, so `type` still picks `data`. */
export type CommandInput<C> = C extends unknown ? Omit<C, 'metadata'> : never;

type OptionalSchema = z.ZodType | undefined;
type Out<S extends OptionalSchema> = S extends z.ZodType ? z.output<S> : undefined;

/** The request as a row sees it: params and body already parsed by the row's schemas. */
export type CommandRequest<Params, Body> = Omit<FastifyRequest, 'params' | 'body'> & { params: Params; body: Body };

/** What `toCommand` may use besides the request. */
export interface CommandContext {
  user: AuthenticatedUser;
  /** How the access check admitted the caller (the role they act in, and through which grant). */
  access: AccessGrant;
  /**
   * The event store, read only: facts from OTHER streams that a rule needs
   * (settings, whether someone named in the command is still employed) are
   * read here and put into the command, so `decide` stays pure.
   */
  events: EventReader;
}

export interface CommandRoute<C extends RoutableCommand, P extends OptionalSchema = OptionalSchema, B extends OptionalSchema = OptionalSchema> {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** Stable camelCase name of the operation, e.g. `hireEmployee`: client generators name their methods by it. */
  operationId: string;
  summary: string;
  description?: string;
  params?: P;
  body?: B;
  /**
   * Who may send it: roles and relationships (`{ roles: ['hr'], self: 'employeeId', managerOf: 'employeeId' }`),
   * checked before the body is read or anything is looked up. The grant that admits the caller is the events' actor kind.
   */
  access: AccessPolicy;
  /** 201 for commands that create the resource, 200 otherwise. */
  status: 200 | 201;
  /**
   * An anonymous command (a survey response): its events record no actor, no
   * request, correlation or trace id, and the time only to the day (the
   * command's clock too), and its log line names no stream. The caller is
   * still authenticated, and `toCommand` still sees them (to derive an
   * unlinkable token): what must not link is whatever is kept.
   */
  anonymous?: boolean;
  // Methods, not function properties: a table of rows with different schemas must be one array type.
  /** May be async, to load facts from other streams first (see CommandContext.events). */
  toCommand(request: CommandRequest<Out<P>, Out<B>>, context: CommandContext): CommandInput<C> | Promise<CommandInput<C>>;
  /** The `Location` header, e.g. of the resource a 201 created. */
  location?(request: CommandRequest<Out<P>, Out<B>>): string;
}

/**
 * Types the rows of one command union: `const route = commandRoute<MyCommand>()`,
 * then `route({ ..., body: MyBody, toCommand: ({ body }) => ({ type: 'Do', data: body }) })`
 * infers the request from the row's own schemas.
 */
export function commandRoute<C extends RoutableCommand>() {
  return <P extends OptionalSchema = undefined, B extends OptionalSchema = undefined>(row: CommandRoute<C, P, B>): CommandRoute<C> =>
    row as CommandRoute<C>;
}

export interface CommandRoutesOptions<C extends RoutableCommand, State, Event> {
  handler: CommandHandler<C, State, Event, CausationContext>;
  routes: readonly CommandRoute<C>[];
  /** OpenAPI tags of every row, by name with their description (declared for the document here, so no service forgets one). */
  tags?: Readonly<Record<string, string>>;
  /** OpenAPI problem responses (`problemResponse(...)` by status); they replace the kit's entries of the same status. */
  problems?: Record<number, unknown>;
  /** The clock commands are decided at (default: the system clock); tests pin it. */
  clock?: () => Date;
  /** The service's fields in the response body before `revision` and `events`, e.g. the subject's id. */
  result?: { shape: z.ZodRawShape; of(command: C): Record<string, unknown> };
}

/** Registers every row on `app` (the root app, or an `app.register(...)` scope with a prefix). */
export function registerCommandRoutes<C extends RoutableCommand, State, Event>(app: ServiceApp, options: CommandRoutesOptions<C, State, Event>): void {
  const { handler, result } = options;
  const clock = options.clock ?? (() => new Date());
  const Result = commandResultSchema(result?.shape ?? {});
  const problems = { ...commandProblems, ...options.problems };
  if (options.tags) declareTags(app, options.tags);

  for (const route of options.routes) {
    // Typed loosely on purpose: the status is the row's, so the reply's type cannot follow from it.
    const response: Record<number, unknown> = { [route.status]: Result, ...problems };
    app.route({
      method: route.method,
      url: route.url,
      config: { access: route.access },
      schema: {
        operationId: route.operationId,
        ...(options.tags ? { tags: Object.keys(options.tags) } : {}),
        summary: route.summary,
        ...(route.description ? { description: route.description } : {}),
        ...(route.params ? { params: route.params } : {}),
        ...(route.body ? { body: route.body } : {}),
        headers: CommandHeaders,
        response,
      },
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const typed = request as unknown as CommandRequest<never, never>;
        const command = await toCommand(route, typed, request.user!, request.access!);
        const handled = await handle(request, command, route.anonymous === true);
        // Every command on an existing stream leaves a revision; one that created nothing on an empty stream is at 0.
        const revision = handled.revision ?? 0n;
        reply.header('etag', etagOf(revision));
        const location = route.location?.(typed);
        if (location) reply.header('location', location);
        reply.code(route.status);
        return {
          ...result?.of(command),
          revision: revision.toString(),
          events: handled.events.map((event) => ({ id: event.id, type: event.type, revision: event.revision.toString() })),
        };
      },
    });
  }

  async function toCommand(route: CommandRoute<C>, request: CommandRequest<never, never>, user: AuthenticatedUser, access: AccessGrant): Promise<C> {
    // The clock is read before any facts are loaded: the command is decided as of its arrival.
    const now = route.anonymous ? startOfUtcDay(clock()) : clock();
    try {
      const input = await route.toCommand(request, { user, access, events: handler.events });
      return { ...input, metadata: { now } } as C;
    } catch (error) {
      // Loading facts may fail like the handler does (a DomainError, an erased subject): same mapping.
      throw toAppError(error, false);
    }
  }

  async function handle(request: FastifyRequest, command: C, anonymous: boolean): Promise<HandleResult<State, Event>> {
    const headers = request.headers as { 'idempotency-key'?: string; 'if-match'?: string };
    const expected = parseIfMatch(headers['if-match']);
    let handled: HandleResult<State, Event>;
    try {
      const context = anonymous ? anonymousCausation() : causationOf(request);
      handled = await handler.handle(command, { context, idempotencyKey: headers['idempotency-key'], expected });
    } catch (error) {
      throw toAppError(error, expected !== undefined);
    }
    request.log.info(
      { ...(anonymous ? {} : { stream: handled.stream }), command: command.type, revision: handled.revision?.toString(), replayed: handled.replayed, events: handled.events.length },
      handled.replayed ? 'command replayed (idempotency key seen before)' : 'command handled',
    );
    return handled;
  }
}
