import { type CausationContext, isValidTraceparent, journeyStream, type OnboardingEvent } from '@ejp/contracts';
import type { StreamRevision } from '@ejp/eventstore';
import { type Role, ROLES } from '@ejp/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CommandHandler, HandleResult } from '../command-handler.ts';
import type { OnboardingCommand } from '../domain/commands.ts';
import type { OnboardingState } from '../domain/state.ts';
import { toAppError } from './errors.ts';
import type { CommandResult } from './schemas.ts';

/**
 * The HTTP side of every onboarding command: headers (Idempotency-Key,
 * If-Match), envelope metadata from the request, error mapping, ETag and the
 * response body. The body is a function of the handler's result only, so an
 * idempotent replay (same events, same revisions) gets the very same bytes.
 */

export type OnboardingCommandHandler = CommandHandler<OnboardingCommand, OnboardingState, OnboardingEvent, CausationContext>;

export interface CommandResponse {
  /** 201 for commands that create the employee, 200 otherwise. */
  status: 200 | 201;
  location?: string;
}

export async function runCommand(
  handler: OnboardingCommandHandler,
  request: FastifyRequest,
  reply: FastifyReply,
  command: OnboardingCommand,
  response: CommandResponse,
): Promise<CommandResult> {
  const headers = request.headers as { 'idempotency-key'?: string; 'if-match'?: string };
  const expected = parseIfMatch(headers['if-match']);
  const employeeId = command.data.employeeId;
  let result: HandleResult<OnboardingState, OnboardingEvent>;
  try {
    result = await handler.handle(command, {
      stream: journeyStream(employeeId),
      context: causationOf(request),
      idempotencyKey: headers['idempotency-key'],
      expected,
    });
  } catch (error) {
    throw toAppError(error, expected !== undefined);
  }
  request.log.info(
    { employeeId, command: command.type, revision: result.revision?.toString(), replayed: result.replayed, events: result.events.length },
    result.replayed ? 'command replayed (idempotency key seen before)' : 'command handled',
  );
  // Every command on an existing stream leaves a revision; hire always appends.
  const revision = result.revision ?? 0n;
  reply.header('etag', etagOf(revision));
  if (response.location) reply.header('location', response.location);
  reply.code(response.status);
  return {
    employeeId,
    revision: revision.toString(),
    events: result.events.map((event) => ({ id: event.id, type: event.type, revision: event.revision.toString() })),
  };
}

export function etagOf(revision: StreamRevision): string {
  return `"${revision}"`;
}

/** `*` → the stream must exist; `"3", "4"` → one of these revisions. The schema already checked the syntax. */
export function parseIfMatch(header: string | undefined): 'exists' | StreamRevision[] | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return 'exists';
  return [...header.matchAll(/"(\d+)"/g)].map((match) => BigInt(match[1]!));
}

/** Envelope metadata of the events this request causes. */
export function causationOf(request: FastifyRequest): CausationContext {
  const user = request.user;
  if (!user) throw new Error('command routes are never public: request.user must be set');
  const traceparent = traceparentOf(request);
  return {
    actor: { id: user.subject, kind: actorKindOf(user.roles, request.routeOptions.config.roles ?? []) },
    correlationId: request.correlationId,
    // The HTTP request is the message that carried the command.
    causationId: request.id,
    ...(traceparent === undefined ? {} : { traceparent }),
  };
}

/**
 * The role the caller acts in: the first role of the route's list they hold
 * (routes list roles in order of preference), so an HR person who is also a
 * manager hires as `hr`. Every platform role is also an actor kind.
 */
function actorKindOf(userRoles: readonly Role[], routeRoles: readonly Role[]): Role {
  return routeRoles.find((role) => userRoles.includes(role)) ?? userRoles[0] ?? ROLES[0];
}

interface OtelRequestContext {
  instrumented?: boolean;
  inject(carrier: Record<string, string>): void;
}

/**
 * The traceparent of the request's active span when OpenTelemetry runs (the
 * kit's @fastify/otel instrumentation adds `request.opentelemetry()`), else
 * the caller's own traceparent, so the event still joins the caller's trace.
 */
function traceparentOf(request: FastifyRequest): string | undefined {
  const otel = (request as unknown as { opentelemetry?: () => OtelRequestContext }).opentelemetry;
  if (typeof otel === 'function') {
    const context = otel.call(request);
    if (context.instrumented) {
      const carrier: Record<string, string> = {};
      context.inject(carrier);
      if (carrier.traceparent && isValidTraceparent(carrier.traceparent)) return carrier.traceparent;
    }
  }
  const header = request.headers.traceparent;
  return typeof header === 'string' && isValidTraceparent(header) ? header : undefined;
}
