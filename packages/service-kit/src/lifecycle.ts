import type { Logger } from './logger.ts';

/** Something opened at start-up that must be closed on shutdown (a pool, a consumer, the HTTP server). */
export interface Resource {
  name: string;
  close: () => Promise<void> | void;
}

/**
 * Resources in the order they were opened. They close in reverse order:
 * whatever was opened later may depend on what was opened earlier (the HTTP
 * server uses the event store client, which reports through telemetry).
 */
export class ResourceStack {
  readonly #resources: Resource[] = [];

  add(name: string, close: Resource['close']): void {
    this.#resources.push({ name, close });
  }

  get names(): string[] {
    return this.#resources.map((resource) => resource.name);
  }

  /** Closes everything, newest first; one failure does not stop the rest. Resolves to true when all closed cleanly. */
  async closeAll(logger: Logger): Promise<boolean> {
    let clean = true;
    while (this.#resources.length > 0) {
      const resource = this.#resources.pop()!;
      try {
        logger.info({ resource: resource.name }, 'closing resource');
        await resource.close();
      } catch (error) {
        clean = false;
        logger.error({ err: error, resource: resource.name }, 'resource failed to close');
      }
    }
    return clean;
  }
}

/** The parts of `process` shutdown handling uses; tests pass a fake. */
export interface ProcessControl {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  exit(code: number): void;
}

export interface ShutdownOptions {
  resources: ResourceStack;
  logger: Logger;
  /** Deadline for the whole shutdown; after it the process exits with 1. */
  timeoutMs: number;
  signals?: NodeJS.Signals[];
  process?: ProcessControl;
}

/**
 * On SIGTERM/SIGINT: close every resource in reverse order (the HTTP server,
 * registered last, goes first: it stops accepting and waits for requests in
 * flight), then exit 0. Exit 1 if something failed to close, the deadline
 * passed, or a second signal asks to stop right now.
 * Returns the shutdown routine so callers can trigger it themselves.
 */
export function installShutdownHandlers(options: ShutdownOptions): (reason: string) => Promise<void> {
  const proc = options.process ?? process;
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let shuttingDown: Promise<void> | undefined;

  const shutdown = (reason: string): Promise<void> => {
    if (shuttingDown) return shuttingDown;
    options.logger.info({ reason, timeoutMs: options.timeoutMs }, 'shutting down');
    const deadline = setTimeout(() => {
      options.logger.error({ timeoutMs: options.timeoutMs }, 'shutdown timed out; exiting');
      proc.exit(1);
    }, options.timeoutMs);
    // The deadline must not be what keeps an otherwise finished process alive.
    deadline.unref();
    shuttingDown = options.resources.closeAll(options.logger).then((clean) => {
      clearTimeout(deadline);
      options.logger.info({ clean }, 'shutdown complete');
      proc.exit(clean ? 0 : 1);
    });
    return shuttingDown;
  };

  for (const signal of signals) {
    proc.on(signal, () => {
      if (shuttingDown) {
        // A second signal (Ctrl-C twice, an impatient supervisor) means now.
        options.logger.warn({ signal }, 'second signal during shutdown; exiting immediately');
        proc.exit(1);
        return;
      }
      void shutdown(signal);
    });
  }
  return shutdown;
}
