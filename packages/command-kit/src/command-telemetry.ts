import { isUntracedStream, streamCategoryOf, type StreamRevision } from '@ejp/eventstore';
import { type Counter, type Histogram, metrics, type Span, SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * The command handler's span and metrics: one INTERNAL span `command <type>`
 * around load, decide and append (the store's spans nest under it), with the
 * stream, the revisions and the conflict retries as attributes; a counter of
 * commands by service, type and outcome and a latency histogram.
 */

const tracer = trace.getTracer('@ejp/command-kit');
// Created on first use: the metrics API has no proxy, so an instrument made before the SDK starts stays a no-op.
let made: { commands: Counter; duration: Histogram } | undefined;
function instruments(): { commands: Counter; duration: Histogram } {
  if (made) return made;
  const meter = metrics.getMeter('@ejp/command-kit');
  made = {
    commands: meter.createCounter('ejp.commands', {
      description: 'Commands handled, by service (stream category), command type and outcome',
      unit: '{command}',
    }),
    duration: meter.createHistogram('ejp.command.duration.seconds', {
      description: 'Time to handle a command: load, decide, append, retries included',
      unit: 's',
      advice: { explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] },
    }),
  };
  return made;
}

export interface CommandSpan {
  /** A concurrency conflict: the command is decided again. */
  retried(): void;
}

export interface CommandOutcome {
  revision: StreamRevision | undefined;
  events: readonly unknown[];
  replayed: boolean;
}

/** `appended`, `unchanged` (no event decided), `replayed` (idempotent retry), or the error's name. */
function outcomeOf(result: CommandOutcome): string {
  if (result.replayed) return 'replayed';
  return result.events.length === 0 ? 'unchanged' : 'appended';
}

/** A stable code where the error has one (domain rules, conflicts), else its class. */
function outcomeOfError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
}

export async function withCommandSpan<R extends CommandOutcome>(
  command: unknown,
  stream: string,
  expected: 'exists' | readonly StreamRevision[] | undefined,
  work: (span: CommandSpan) => Promise<R>,
): Promise<R> {
  const type = (command as { type?: unknown }).type;
  const commandType = typeof type === 'string' ? type : 'unknown';
  const service = streamCategoryOf(stream);
  const started = performance.now();
  let retries = 0;
  const record = (outcome: string) => {
    const attributes = { service, command_type: commandType, outcome };
    const { commands, duration } = instruments();
    commands.add(1, attributes);
    duration.record((performance.now() - started) / 1000, attributes);
  };
  // Counted, never traced: see isUntracedStream (anonymous responses).
  if (isUntracedStream(stream)) {
    const untraced = { retried: () => {} };
    return work(untraced).then(
      (result) => {
        record(outcomeOf(result));
        return result;
      },
      (error: unknown) => {
        record(outcomeOfError(error));
        throw error;
      },
    );
  }
  return tracer.startActiveSpan(
    `command ${commandType}`,
    {
      attributes: {
        'ejp.command.type': commandType,
        'ejp.service': service,
        'ejp.stream': stream,
        ...(expected === undefined ? {} : { 'ejp.command.expected_revision': expected === 'exists' ? 'exists' : expected.map(String).join(',') }),
      },
    },
    async (span: Span) => {
      let outcome = 'error';
      try {
        const result = await work({
          retried: () => {
            retries++;
            span.addEvent('conflict, deciding again', { 'ejp.command.conflict_retries': retries });
          },
        });
        outcome = outcomeOf(result);
        span.setAttributes({
          'ejp.command.outcome': outcome,
          'ejp.command.resulting_revision': result.revision === undefined ? 'no-stream' : result.revision.toString(),
          'ejp.command.event_count': result.events.length,
        });
        return result;
      } catch (error) {
        outcome = outcomeOfError(error);
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
        span.setAttributes({ 'ejp.command.outcome': outcome, 'error.type': outcome });
        throw error;
      } finally {
        span.setAttribute('ejp.command.conflict_retries', retries);
        span.end();
        record(outcome);
      }
    },
  );
}
