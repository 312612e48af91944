import { isSpanContextValid, trace } from '@opentelemetry/api';
import { type DestinationStream, type Logger, pino } from 'pino';
import { stdoutLines } from './stdout-lines.ts';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** The service name, bound to every line as `service`. */
  name: string;
  level?: string;
  /** Where lines go; stdout by default. Tests pass a stream to read them back. */
  destination?: DestinationStream;
}

// Lines written while a span is active carry its ids, so a log search can
// jump to the trace and back (field names as in the OTel log data model).
function traceContext(): Record<string, string> {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.name },
      mixin: traceContext,
      // Bearer tokens and cookies must never reach a log line, whatever a
      // route decides to log about its request.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie'],
    },
    // Gathered per loop turn, written synchronously: see stdoutLines.
    options.destination ?? stdoutLines(),
  );
}
