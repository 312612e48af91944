import type { z } from 'zod';
import { type BaseConfig, ConfigError, loadConfig } from './config.ts';
import type { ServiceApp } from './create-service-app.ts';
import { type ProcessControl, ResourceStack, installShutdownHandlers } from './lifecycle.ts';
import { type Logger, createLogger } from './logger.ts';
import { startTelemetry } from './telemetry.ts';

export interface ServiceContext<C extends BaseConfig> {
  config: C;
  logger: Logger;
  /** Register what you open (`resources.add('eventstore', () => store.close())`); closed in reverse on shutdown. */
  resources: ResourceStack;
}

export interface RunServiceOptions<C extends BaseConfig> {
  name: string;
  /** `baseConfigSchema` or an extension of it. */
  configSchema: z.ZodType<C>;
  /** Builds the app: open dependencies, register them as resources, add routes. */
  build: (context: ServiceContext<C>) => Promise<ServiceApp>;
  env?: Record<string, string | undefined>;
  /** For tests; the real process by default. */
  process?: ProcessControl;
}

export interface RunningService<C extends BaseConfig> {
  app: ServiceApp;
  config: C;
  /** e.g. `http://127.0.0.1:3000` */
  url: string;
  /** The same graceful shutdown a SIGTERM triggers (it ends by exiting the process). */
  shutdown: (reason: string) => Promise<void>;
}

/**
 * Runs a service: config from the environment, telemetry, the app from
 * `build`, listening on HOST:PORT, graceful shutdown on SIGTERM/SIGINT.
 * Resources close in reverse order of registration: HTTP server first,
 * then whatever `build` opened, telemetry last.
 */
export async function runService<C extends BaseConfig>(options: RunServiceOptions<C>): Promise<RunningService<C>> {
  const config = loadConfig(options.configSchema, options.env ?? process.env);
  const logger = createLogger({ name: config.OTEL_SERVICE_NAME ?? options.name, level: config.LOG_LEVEL });
  const resources = new ResourceStack();

  const telemetry = startTelemetry(config, { serviceName: options.name, metricsHost: config.HOST });
  resources.add('telemetry', () => telemetry.shutdown());
  // Installed before build so a signal during start-up still closes what was opened.
  const shutdown = installShutdownHandlers({
    resources,
    logger,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    ...(options.process ? { process: options.process } : {}),
  });

  let app: ServiceApp | undefined;
  let url: string;
  try {
    app = await options.build({ config, logger, resources });
    url = await app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    // Start-up failed half way: release what was opened before reporting.
    await app?.close();
    await resources.closeAll(logger);
    throw error;
  }
  const server = app;
  resources.add('http-server', () => server.close());
  logger.info({ url, telemetry: telemetry.enabled, ...(telemetry.metricsUrl ? { metrics: telemetry.metricsUrl } : {}) }, 'service listening');
  return { app, config, url, shutdown };
}

/**
 * Entry point wrapper for a service's main module: runs `start` and turns a
 * failure into a clear message and exit code 1. A ConfigError prints just its
 * message (which names each bad variable); anything else prints the error.
 */
export function main(start: () => Promise<unknown>, proc: Pick<ProcessControl, 'exit'> = process): void {
  start().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(error.message);
    } else {
      console.error('service failed to start:', error);
    }
    proc.exit(1);
  });
}
