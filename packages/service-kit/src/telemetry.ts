import { createRequire } from 'node:module';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { type MetricReader, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';

export interface TelemetrySettings {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  OTEL_SERVICE_NAME?: string | undefined;
  /** A Prometheus scrape endpoint on this port (`/metrics`), with or without OTLP. */
  METRICS_PORT?: number | undefined;
  /** A span per Fastify hook; off by default (they outnumber the spans that say something). */
  OTEL_FASTIFY_HOOK_SPANS?: boolean | undefined;
}

export interface Telemetry {
  /** False when no collector is configured: nothing was started. */
  readonly enabled: boolean;
  /** `http://host:port/metrics` when METRICS_PORT is set. */
  readonly metricsUrl?: string | undefined;
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
 * and Fastify instrumentation, and metrics on a Prometheus endpoint when
 * METRICS_PORT is set. With neither it starts nothing (the OTel API then
 * hands out no-op tracers), so local runs and tests pay nothing. Call it
 * before creating any Fastify instance.
 */
export function startTelemetry(settings: TelemetrySettings, defaults: { serviceName?: string; metricsHost?: string } = {}): Telemetry {
  const endpoint = settings.OTEL_EXPORTER_OTLP_ENDPOINT;
  const metricsPort = settings.METRICS_PORT;
  if (!endpoint && metricsPort === undefined) return { enabled: false, shutdown: async () => {} };

  const metricReaders: MetricReader[] = [];
  if (endpoint) metricReaders.push(new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: signalUrl(endpoint, 'metrics') }) }));
  // Many clusters scrape rather than push: the same metrics, pulled. Scope labels off,
  // so a series is named by its metric and attributes only (as the alert rules query it).
  const metricsHost = defaults.metricsHost ?? '0.0.0.0';
  if (metricsPort !== undefined) metricReaders.push(new PrometheusExporter({ port: metricsPort, host: metricsHost, withoutScopeInfo: true }) as unknown as MetricReader);

  const sdk = new NodeSDK({
    serviceName: settings.OTEL_SERVICE_NAME ?? defaults.serviceName ?? 'unknown-service',
    // Without a collector, spans still get ids (log lines carry them) but go nowhere.
    ...(endpoint ? { traceExporter: new OTLPTraceExporter({ url: signalUrl(endpoint, 'traces') }) } : { spanProcessors: [] }),
    metricReaders,
    // Logs go to stdout through pino (with trace ids); no second log pipeline.
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        // Kubernetes probes every few seconds would drown real traffic.
        ignoreIncomingRequestHook: (request) => PROBE_PATHS.has((request.url ?? '').split('?', 1)[0] ?? ''),
      }),
      // Hooks into every Fastify instance created from now on (through
      // Fastify's diagnostics channel), so services need not register a plugin.
      // Hook spans only on request: every plugin's onRequest would be one span per request.
      new FastifyOtelInstrumentation({
        registerOnInitialization: true,
        instrumentHooks: settings.OTEL_FASTIFY_HOOK_SPANS === true,
        ignorePaths: ({ url }) => PROBE_PATHS.has(url),
      }),
    ],
  });
  sdk.start();

  // ESM `import 'node:http'` bypasses the require hook the HTTP
  // instrumentation patches through. Requiring the module once here lets it
  // patch the shared module object (and Server.prototype) that Fastify uses.
  const require = createRequire(import.meta.url);
  require('node:http');
  require('node:https');

  const metricsUrl = metricsPort === undefined ? undefined : `http://${metricsHost === '0.0.0.0' ? '127.0.0.1' : metricsHost}:${metricsPort}/metrics`;
  return { enabled: true, metricsUrl, shutdown: () => sdk.shutdown() };
}
