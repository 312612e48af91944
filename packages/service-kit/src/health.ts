import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorCodes, lookupError } from './errors/error-catalogue.ts';
import { buildProblem, sendProblem } from './errors/problem.ts';
import { problemResponse } from './openapi.ts';

/** A dependency the service needs before it can take traffic (event store, Kafka, ...). */
export interface ReadinessCheck {
  /** Shown in /readyz, e.g. `eventstore`. */
  name: string;
  /** Resolves when the dependency is usable; rejects (or exceeds the timeout) when not. Should stop on `signal`. */
  check: (signal: AbortSignal) => Promise<void>;
  /** Per-check limit; a hung dependency must not hang the probe. Default 2000 ms. */
  timeoutMs?: number;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

const CheckResultSchema = z.object({
  name: z.string(),
  status: z.enum(['up', 'down']),
  durationMs: z.number().int().nonnegative(),
  reason: z.string().optional().describe('Why the check is down: failed or timed out'),
});
type CheckResult = z.infer<typeof CheckResultSchema>;

const LivenessSchema = z.object({ status: z.literal('ok') });
const ReadinessSchema = z.object({ status: z.literal('ready'), checks: z.array(CheckResultSchema) });

class CheckTimeout extends Error {}

async function runCheck(readiness: ReadinessCheck, log: FastifyInstance['log']): Promise<CheckResult> {
  const timeoutMs = readiness.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const controller = new AbortController();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout()), timeoutMs);
  });
  try {
    await Promise.race([readiness.check(controller.signal), timeout]);
    return { name: readiness.name, status: 'up', durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    const timedOut = error instanceof CheckTimeout;
    const reason = timedOut ? `timed out after ${timeoutMs} ms` : 'failed';
    // The cause goes to the log only: the probe is unauthenticated and error
    // messages name hosts and ports.
    log.warn({ err: timedOut ? undefined : error, check: readiness.name }, `readiness check ${reason}`);
    return { name: readiness.name, status: 'down', durationMs: Math.round(performance.now() - started), reason };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

export function registerHealthRoutes(app: FastifyInstance, checks: readonly ReadinessCheck[]): void {
  const names = checks.map((check) => check.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new Error(`readiness check "${duplicate}" is registered twice`);

  const routes = app.withTypeProvider<ZodTypeProvider>();
  // Probes hit these every few seconds: keep them out of info logs and traces.
  // Not rate limited: orchestrators poll them, and a throttled probe would restart a healthy pod.
  const probeOptions = { config: { public: true, otel: false, rateLimit: false }, logLevel: 'warn' } as const;

  routes.get(
    '/healthz',
    {
      ...probeOptions,
      schema: {
        operationId: 'getLiveness',
        summary: 'Liveness: the process is running',
        tags: ['health'],
        response: { 200: LivenessSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  routes.get(
    '/readyz',
    {
      ...probeOptions,
      schema: {
        operationId: 'getReadiness',
        summary: 'Readiness: every dependency the service needs is reachable',
        tags: ['health'],
        response: { 200: ReadinessSchema, 503: problemResponse('At least one dependency is down') },
      },
    },
    async (request, reply) => {
      const results = await Promise.all(checks.map((check) => runCheck(check, request.log)));
      const down = results.filter((result) => result.status === 'down');
      if (down.length === 0) return { status: 'ready' as const, checks: results };
      const unavailable = lookupError(ErrorCodes.EJP_UNAVAILABLE)!;
      return sendProblem(
        request,
        reply,
        buildProblem(unavailable, request, {
          detail: `Not ready: ${down.map((result) => `${result.name} (${result.reason})`).join(', ')}.`,
          extensions: { checks: results },
        }),
      );
    },
  );
}
