import { afterAll } from 'vitest';
import { startContainer } from './containers.ts';

/**
 * The real servers integration tests can ask for. Each one is found, in order:
 *   1. from its environment variable (set by `infra/local/up`, CI, or you);
 *   2. from a testcontainers module when a Docker engine answers;
 *   3. not at all: the suite is skipped with a one-line reason, unless
 *      REQUIRE_INFRA=1, where a missing server fails the run (EventStoreDB
 *      excepted: no server for it can be installed on the CI machines).
 */
export type ServerKind = 'postgres' | 'kafka' | 'mongo' | 'eventstore';

export const serverEnvVar: Record<ServerKind, string> = {
  postgres: 'DATABASE_URL',
  kafka: 'KAFKA_BROKERS',
  mongo: 'MONGO_URL',
  eventstore: 'EVENTSTORE_URL',
};

/** Kinds that may stay missing even with REQUIRE_INFRA=1. */
const optionalInCi: ReadonlySet<ServerKind> = new Set(['eventstore']);

export type Server =
  | { available: true; kind: ServerKind; url: string; source: 'env' | 'container' }
  | { available: false; kind: ServerKind; reason: string };

export interface FindOptions {
  env?: NodeJS.ProcessEnv;
  /** Overrides the Docker probe (tests of this module use it). */
  startContainer?: (kind: ServerKind) => Promise<{ url: string; stop: () => Promise<void> } | undefined>;
}

export class MissingInfrastructureError extends Error {
  override name = 'MissingInfrastructureError';
}

/** Finds a server; call at the top level of a test file, then `describe.runIf(server.available)`. */
export async function findServer(kind: ServerKind, options: FindOptions = {}): Promise<Server> {
  const env = options.env ?? process.env;
  const variable = serverEnvVar[kind];
  const fromEnv = env[variable]?.trim();
  if (fromEnv) return { available: true, kind, url: fromEnv, source: 'env' };

  const started = await (options.startContainer ?? startContainer)(kind);
  if (started) {
    afterAll(() => started.stop(), 120_000);
    return { available: true, kind, url: started.url, source: 'container' };
  }

  const reason = `${kind}: ${variable} is not set and no Docker engine answers (run infra/local/up)`;
  if (env.REQUIRE_INFRA === '1' && !optionalInCi.has(kind)) {
    throw new MissingInfrastructureError(`REQUIRE_INFRA=1 but ${reason}`);
  }
  console.warn(`[testkit] skipping ${kind} suites: ${reason}`);
  return { available: false, kind, reason };
}

/** Narrows a server found by findServer inside a suite that runs only when it is available. */
export function urlOf(server: Server): string {
  if (!server.available) throw new Error(`server ${server.kind} is not available: ${server.reason}`);
  return server.url;
}
