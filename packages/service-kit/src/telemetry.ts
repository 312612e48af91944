import { createRequire } from 'node:module';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';

export interface TelemetrySettings {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  OTEL_SERVICE_NAME?: string | undefined;
}

export interface Telemetry {
  /** False when no collector is configured: nothing was started. */
  readonly enabled: boolean;
  /** Flushes buffered spans and metrics; register it as a resource so it runs last. */
  shutdown(): Promise<void>;
}

const PROBE_PATHS = new Set(['/healthz', '/readyz']);

// OTLP/HTTP convention (same as the OTEL_EXPORTER_OTLP_ENDPOINT spec): the
// signal path is appended to the base endpoint.
function signalUrl(endpoint: string, signal: 'traces' | 'metrics'): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/${signal}`;
}

/**
 * Starts the OpenTelemetry SDK: traces and metrics over OTLP/HTTP, with HTTP
 * and Fastify instrumentation. Without OTEL_EXPORTER_OTLP_ENDPOINT it starts
 * nothing (the OTel API then hands out no-op tracers), so local runs and tests
 * pay nothing. Call it before creating any Fastify instance.
 */
export function startTelemetry(settings: TelemetrySettings, defaults: { serviceName?: string } = {}): Telemetry {
  const endpoint = settings.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return { enabled: false, shutdown: async () => {} };

  const sdk = new NodeSDK({
    serviceName: settings.OTEL_SERVICE_NAME ?? defaults.serviceName ?? 'unknown-service',
    traceExporter: new OTLPTraceExporter({ url: signalUrl(endpoint, 'traces') }),
    metricReaders: [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: signalUrl(endpoint, 'metrics') }) })],
    // Logs go to stdout through pino (with trace ids); no second log pipeline.
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        // Kubernetes probes every few seconds would drown real traffic.
        ignoreIncomingRequestHook: (request) => PROBE_PATHS.has((request.url ?? '').split('?', 1)[0] ?? ''),
      }),
      // Hooks into every Fastify instance created from now on (through
      // Fastify's diagnostics channel), so services need not register a plugin.
      new FastifyOtelInstrumentation({ registerOnInitialization: true }),
    ],
  });
  sdk.start();

  // ESM `import 'node:http'` bypasses the require hook the HTTP
  // instrumentation patches through. Requiring the module once here lets it
  // patch the shared module object (and Server.prototype) that Fastify uses.
  const require = createRequire(import.meta.url);
  require('node:http');
  require('node:https');

  return { enabled: true, shutdown: () => sdk.shutdown() };
}
